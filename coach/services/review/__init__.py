"""The week: /week and /today, the weekly review for one participant and for everyone at once."""
