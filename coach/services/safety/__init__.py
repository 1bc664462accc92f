"""Red flags stored, answered and alerted, and whether training is on hold because of one."""
