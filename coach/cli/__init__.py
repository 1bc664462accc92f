"""The `coach` command: run, migrate, demo, review, export. Thin: each subcommand calls the layers below."""
