"""The reminders engine: a planner and a dispatcher driven by a few periodic ticks, never a job per user."""
