"""The real bot, over PTB's real HTTP client, against the local Bot API emulator: `emulator` and `world` are
fixtures of tests/conftest.py, shared with the web tier."""
