"""Development tools shipped with the package but never imported by the bot: the Bot API emulator, the
PostgreSQL cluster harness, the demo and its scripted person."""
