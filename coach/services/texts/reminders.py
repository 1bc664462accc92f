"""Reminders and `/schedule`, `/pause`, `/resume`: every sentence, with named placeholders.

`{name}` is ", Ana" or "" (coach.services.plumbing.context.first_name_suffix), as in the welcome.
"""

CHECKIN_REMINDER = (
    "Time for your daily check-in{name} 🌿\n"
    "How are things right now? Reply with four numbers from 0 to 10 — pain, numbness, "
    "tingling/burning, balance — e.g. 4 2 3 1, with a short note after them if you like. "
    "Or send /checkin to answer with buttons.")
CHECKIN_FOLLOW_UP = (
    "Just a gentle nudge{name}: no check-in yet today. If you have a "
    "moment, reply with four numbers (pain, numbness, tingling/burning, balance), e.g. 4 2 3 1. "
    "If today isn't the day, that's fine too — I won't ask again today.")
SESSION_REMINDER = "Training day{name} 💪 Today's light session:\n{exercises}"
SESSION_LIST_ITEM = "• {exercise}"
SESSION_SAFETY = (
    "Move slowly and within comfort. If pain rises sharply, or you feel unsteady, faint or "
    "short of breath, stop and rest — that is the right call, not a failure.")
SESSION_SNOOZED_REMINDER = "⏰ Here's your snoozed reminder."
SESSION_TAP_WHEN_DONE = "Tap when you're done, or if today isn't a training day for you:"
# Done and Partly are texts.BUTTON_DONE and texts.BUTTON_PARTLY, as under /log.
BUTTON_REMINDER_SKIP = "Skip today"
BUTTON_REMINDER_SNOOZE = "⏰ Snooze 30 min"

# --- /schedule ------------------------------------------------------------------------------------------------
SCHEDULE_TITLE = "Your schedule ({zone} time):"
SCHEDULE_HOW_TO_CHANGE = "Tap to change a part, or type e.g. /schedule checkin 20:00"
SCHEDULE_UPDATED = "✅ Schedule updated."
SCHEDULE_NOT_CLEARED = "Training reminders start once you send /cleared."
SCHEDULE_PAUSED_UNTIL_RESUME = "⏸ Reminders are paused until you send /resume."
SCHEDULE_PAUSED_THROUGH = "⏸ Reminders are paused through {day} (/resume to restart now)."
ASK_CHECKIN_TIME = "New daily check-in time?"
ASK_SESSION_TIME = "New time for training sessions?"
ASK_TRAINING_DAYS = "Which days would you like to train?"
ASK_REVIEW = "To move the weekly review, type it with a day and time, e.g. /schedule review sun 19:00"
BUTTON_CHECKIN_TIME = "⏰ Check-in time"
BUTTON_SESSION_TIME = "🏋 Session time"
BUTTON_TRAINING_DAYS = "📅 Training days"
BUTTON_WEEKLY_REVIEW = "📋 Weekly review"

# --- /pause and /resume ---------------------------------------------------------------------------------------
PAUSE_HOW = "Write it like /pause 7 for a week, or just /pause until you send /resume."
PAUSED_UNTIL_RESUME = (
    "Reminders paused until you send /resume. Take the time you need — "
    "you can still check in whenever you like.")
PAUSE_DAYS_RANGE = (
    "Please give a number of days from 1 to {most}, e.g. /pause 7 — or just /pause until you send /resume.")
PAUSED_FOR_ONE_DAY = (
    "Reminders paused for {days} day, through {day}. They start again by themselves after that, "
    "or send /resume any time. You can still check in whenever you like.")
PAUSED_FOR_DAYS = (
    "Reminders paused for {days} days, through {day}. They start again by themselves after that, "
    "or send /resume any time. You can still check in whenever you like.")
NOT_PAUSED = "Your reminders aren't paused — they're running as usual. /schedule shows when."
RESUMED = "Welcome back! Reminders are on again from now. /schedule shows when they come."
