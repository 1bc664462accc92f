"""Training sessions, `/log` and `/program`: every sentence, with named placeholders."""

BUTTON_DONE = "✅ Done"
BUTTON_PARTLY = "🌓 Partly"
BUTTON_SKIPPED = "Skipped"

# The session reminder, its buttons gone, with the answer under it ({status} is "done", "partly done", …).
SESSION_ANSWERED = "→ {day}: {status} ✅"
SESSION_ANSWERED_SKIPPED = "→ {day}: {status}"
SESSION_SNOOZED = "→ Snoozed: I'll remind you again at {time}."
TOAST_SNOOZED = "Snoozed"
TOAST_SNOOZE_OTHER_DAY = "That reminder is from another day, so there's nothing to snooze."
TOAST_ALREADY_LOGGED = "You've already logged today's session."

LOG_ASK = "How did today's session go? Tap below, or type it after /log — {usage}"
LOG_ADD_DETAILS = "If you like, add how hard it felt, pain during it and your reps, e.g. {example}"
SESSION_LOGGED = "Session {day}: {status}."
# {session} is a described session: "Mon 23 Nov: done · effort 6 · pain during 2 · reps as planned".
SESSION_HEADER = "Session {session}"
SESSION_SAVED = "Saved: session {session}"
SESSION_REPLACED = "(This replaces your earlier entry for that day.)"
SESSION_SKIPPED = (
    "Skipped for today — noted. Rest is part of training too; "
    "if something is bothering you, a check-in helps us both see it.")
SESSION_PAIN_CARE = (
    "That's more nerve pain than we want during a session. Next time, try fewer reps or a lighter "
    "load, and stop when pain rises — never push through it. If it doesn't settle within a day, "
    "or keeps happening, please talk to your clinician.")
SESSION_WELL_DONE = "Well done for looking after yourself. 🌿"

PROGRAM_TITLE = "Your exercises on a training day:"
PROGRAM_LAST_CHANGE = "Last change: {change}."
PROGRAM_FOOT_CARE = "Seated and lying exercises only, until your foot has been seen and cleared."
FOOT_CARE_STARTED = (
    "Because of your foot, your training days now use seated and lying exercises only, with no "
    "weight through your feet, until a clinician has seen it and the coaching team clears it. "
    "Send /program to see them.")
FOOT_CARE_ENDED = (
    "Good news: your foot has been cleared, so your usual exercises are back (send /program to see "
    "them). Start gently, and check your feet after each session.")
