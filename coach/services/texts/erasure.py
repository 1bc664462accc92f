"""/delete: the confirmation and its answers."""

ERASE_ASK = (
    "This erases everything I have stored about you: check-ins, notes, sessions, your program, weekly "
    "reviews, safety reports, reminders and your consent. It can't be undone, and I'll stop sending you "
    "reminders.\n\nIf you'd like a copy first (for yourself or your clinician), send /export before "
    "you confirm.\n\nErase everything?")
ERASE_DONE = (
    "Done — everything about you has been erased, and your consent is withdrawn. Thank you for the time "
    "you spent here. If you ever want to start again, just send /start. Take good care of yourself.")
ERASE_KEPT = "Nothing was erased. Your data stays as it was."
ERASE_EXPIRED = (
    "That confirmation is more than a day old, so I didn't act on it. Send /delete again if you still want to.")
BUTTON_ERASE_YES = "Yes, erase everything"
BUTTON_ERASE_NO = "No, keep my data"
TOAST_ERASE_NOT_YOURS = "This button isn't for you."
TOAST_ERASE_KEPT = "Kept"
TOAST_ERASE_EXPIRED = "Expired"
TOAST_ERASED = "Erased"
