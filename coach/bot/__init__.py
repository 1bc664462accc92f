"""The Telegram side: build_application() with every handler, thin handlers, keyboards and delivery."""
