"""Use cases, one folder per feature: each runs in one transaction and returns what to say, never talking to
Telegram itself. The wording lives in texts/."""
