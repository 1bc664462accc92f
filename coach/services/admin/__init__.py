"""Admin use cases: flags and reviews, changes to one participant, and what admins read (/users, /user)."""
