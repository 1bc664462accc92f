"""Plain messages: safety first, then a check-in, a partial one, a note or a question answered from the help."""
