"""Plain messages that are neither a check-in nor a question."""

LOCATION_NOT_NEEDED = "Thanks — I only use a location to set your time zone. Send /timezone to change it."
