"""The daily check-in (buttons, typed line, command, backfill) and the diary of notes."""
