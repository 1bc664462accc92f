"""`/week` and `/today`: every line, with named placeholders. Numbers come formatted ("4.5", "80")."""

WEEK_TITLE = "Your week so far ({first} – {last}):"
WEEK_TITLE_SINCE_JOINED = "Your week so far (since you joined on {day}):"
WEEK_SESSIONS = "• Sessions: {counts}"
WEEK_SESSIONS_PLANNED = "• Sessions: {counts} — of {planned} planned so far ({adherence}%)"
# The counts in WEEK_SESSIONS, joined by ", ".
WEEK_COUNT_DONE = "{count} done"
WEEK_COUNT_PARTLY = "{count} partly"
WEEK_COUNT_SKIPPED = "{count} skipped"
WEEK_SESSION_AVERAGES = "• Session averages: {averages}"
# The averages in WEEK_SESSION_AVERAGES, joined by " · ".
WEEK_AVERAGE_EFFORT = "effort {value}"
WEEK_AVERAGE_PAIN_DURING = "pain during {value}"
WEEK_CHECKINS = "• Check-ins: {count} of {days} days"
WEEK_AVERAGE_SCORES = "• Average scores: {averages}"
# One item of WEEK_AVERAGE_SCORES ({item} is pain, numbness, tingling or balance), joined by " · ".
WEEK_AVERAGE_SCORE = "{item} {value}"
WEEK_HIGHEST_PAIN = "• Highest pain: {pain} on {day}"

TODAY_TITLE = "Today, {day}:"
TODAY_CHECKIN_NOT_YET = "• Check-in: not yet — send /checkin when you're ready."
TODAY_CHECKIN_NOT_YET_AT = "• Check-in: not yet (reminder at {time}) — send /checkin when you're ready."
TODAY_CHECKIN_DONE = "• Check-in: ✅ {scores}"
TODAY_NOTE = "  Note: {note}"
TODAY_SESSION_LOGGED = "• Session: {session}"
TODAY_HOLD_ITEM = "• {note}"
TODAY_NOT_CLEARED = "• Training day, but sessions start once your clinician gives the go-ahead (/cleared)."
TODAY_SESSION_PLANNED = (
    "• Session at {time}, not logged yet:\n{exercises}\n"
    "  When you've finished: /log done (or partly, or skipped).")
TODAY_SEATED_NOTE = "  {note}"
TODAY_REST_DAY = "• No session planned today — a rest day."
TODAY_PAUSED = "Reminders are paused; send /resume to restart them."
