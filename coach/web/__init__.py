"""The care team's web dashboard: server-rendered pages over the same use cases as the admin commands."""
