"""Pure rules with no framework, database or clock: symptoms and scales, understanding free text, safety, schedules,
progression, the weekly review's words and insights."""
