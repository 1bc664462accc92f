"""Handlers: one line of routing each into a use case."""
