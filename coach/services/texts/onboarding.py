"""Onboarding and the participant's own settings (time zone, clearance): every sentence, with named placeholders."""

BUTTON_AGREE = "✅ I agree"
BUTTON_NO_THANKS = "No, thanks"
BUTTON_YES = "Yes"
BUTTON_NO = "No"
BUTTON_SOUNDS_GOOD = "👍 Sounds good"
BUTTON_USE_ZONE = "Use {zone}"

SCREENING_QUESTION_NUMBERED = "Question {number} of {total}: {question}"
# A question, its buttons gone, with the answer given shown under it.
ANSWERED_YES = "{question}\n→ Yes"
ANSWERED_NO = "{question}\n→ No"
ANSWERED_CONDITION = "{question}\n→ {condition}"

TIMEZONE_NOW = "Your time zone is {zone}."
TIMEZONE_SET = "Time zone set: {zone}. It's {time} there now."
TIMEZONE_KEEP_DEFAULT = "Or keep {zone}:"
TIMEZONE_DID_YOU_MEAN = "Did you mean: {suggestions}?"

SCHEDULE_SAVED = "✅ Saved."
SCHEDULE_LINES = (
    "• Training sessions: {days} at {session_time}\n"
    "• Daily check-in: every day at {checkin_time}\n"
    "• Weekly review: {review_day} at {review_time}"
)
