"""Training: the program and its versions, and session logs."""
