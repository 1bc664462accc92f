"""The daily check-in, the diary and /history: every sentence, as a template with named placeholders."""

# --- the button check-in (one message, edited as answers come) ------------------------------------------------
CHECKIN_ALREADY_TODAY = "You've already checked in today; new answers will replace that entry."
CHECKIN_FOR_DAY = "Check-in for {day}"
CHECKIN_ITEM_QUESTION = "{item} right now? (0 = none, 10 = worst)"
CHECKIN_TYPE_ALL_FOUR = "You can also just type all four, e.g. pain 4 numbness 2 tingling 3 balance 1"
CHECKIN_CANCELLED = "Check-in cancelled. Nothing was saved."
BUTTON_CANCEL = "Cancel"
BUTTON_FOOT_NO = "No new problems"
BUTTON_FOOT_YES = "Yes"
TOAST_LETS_CHECK_IN = "Let's check in"

# --- what was saved ---------------------------------------------------------------------------------------------
CHECKIN_SAVED = "Saved for {day}: {scores}"
CHECKIN_SAVED_NOTE = "Note: {note}"
CHECKIN_SAVED_FOOT_PROBLEM = "Foot check: new problem reported"
CHECKIN_SAVED_FOOT_FINE = "Foot check: no new problems"
CHECKIN_REPLACED = "(This replaces your earlier entry for that day; I've kept the old one too.)"
NOTHING_TO_COPY = "I don't have a check-in for {day} to copy, so nothing was saved. {how}"
FOOT_ANSWER_SAVED_PROBLEM = "{question}\n→ Yes — a new problem. Saved."
FOOT_ANSWER_SAVED_FINE = "{question}\n→ No new problems. Saved."

# --- /history ---------------------------------------------------------------------------------------------------
HISTORY_EMPTY = "No check-ins yet. Send /checkin to make your first one."
HISTORY_TITLE = "Your recent check-ins and notes (newest first):"
HISTORY_DAY = "{day}: {entries}"
HISTORY_NOTE = "📝 {note}"
