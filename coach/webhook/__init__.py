"""Webhook mode: Telegram posts updates here, each is stored in the inbox before the 200, workers handle them."""
