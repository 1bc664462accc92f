"""When reminders come (schedule, pause, resume) and what they say."""
