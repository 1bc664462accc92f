"""Everything the bot says that is not built from data. Gentle, clear, short.

Each text is a complete message or sentence, a template with named placeholders filled at the call site
(`texts.TIMEZONE_SET.format(zone=..., time=...)`), so that a translation catalogue sees whole sentences.
The general wording is here; each feature's is in a module beside this one, all read as `texts.NAME`.
"""

from __future__ import annotations

# Each feature's wording, re-exported so every caller writes `texts.NAME` (names are unique across modules,
# which tests/unit/test_texts_catalogue.py checks).
from coach.services.texts.checkins import *  # noqa: F403
from coach.services.texts.common import *  # noqa: F403
from coach.services.texts.erasure import *  # noqa: F403
from coach.services.texts.free_text import *  # noqa: F403
from coach.services.texts.onboarding import *  # noqa: F403
from coach.services.texts.reminders import *  # noqa: F403
from coach.services.texts.review import *  # noqa: F403
from coach.services.texts.training import *  # noqa: F403

CONSENT_VERSION = "2026-11"

INTRO = (
    "Hello{name}! I'm Coach, a habit helper for light strength training when you live with "
    "nerve damage (neuropathy, sciatica or a nerve injury).\n\n"
    "What I do: remind you of short, light sessions and a daily symptom check-in, keep a careful "
    "diary, and once a week suggest a small step up, a hold or a rest — always with a prompt to "
    "check with your clinician.\n\n"
    "What I am not: I am not medical advice, not a doctor, and not for emergencies. If something "
    "feels seriously wrong, call your local emergency number.\n\n"
    "To help you I need to store health information you send me (symptom scores, notes, "
    "sessions). Only you and the coaching team can see it, and you can ask for all of it to be "
    "erased at any time.\n\n"
    "Do you agree to me storing this information?"
)
CONSENT_GIVEN = (
    "✅ Thank you. You agreed that I may store the health information you send me. "
    "You can withdraw it at any time."
)
CONSENT_DECLINED = (
    "That's completely fine. I haven't stored anything about you. "
    "If you change your mind, just send /start."
)
SCREENING_INTRO = (
    "Thank you. A few quick safety questions before any exercise (yes or no). "
    "There are no wrong answers."
)
SCREENING_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("heart", "Has a doctor ever said you have a heart condition?"),
    ("chest_pain", "Do you get chest pain at rest or when you are active?"),
    ("dizziness", "Do you lose your balance because of dizziness, or have you ever lost consciousness?"),
    ("bone_joint", "Do you have a bone or joint problem that gets worse with activity?"),
    ("bp_meds", "Are you taking medicine for your blood pressure or heart?"),
    ("other_reason", "Do you know of any other reason you should not exercise?"),
    ("pregnancy_surgery", "Are you pregnant, or have you had surgery in the last few months?"),
)
CLEARANCE_NEEDED = (
    "Thank you for answering honestly. Because you said yes to at least one question, please "
    "get a go-ahead from your clinician before starting exercise.\n\n"
    "Until then I'll help you track your symptoms, but I won't send training reminders or "
    "suggest progressions. When your clinician has said it's okay, send /cleared."
)
SCREENING_CLEAR = "Thank you — nothing in your answers holds you back from starting light."
CONDITIONS: tuple[tuple[str, str], ...] = (
    ("peripheral", "Peripheral neuropathy"),
    ("diabetic", "Diabetic neuropathy"),
    ("radiculopathy", "Sciatica / radiculopathy"),
    ("nerve_injury", "Recovering from a nerve injury"),
    ("other", "Something else / not sure"),
)
CONDITION_QUESTION = "Which best describes your nerve condition?"
TIMEZONE_QUESTION = (
    "Which time zone are you in, so reminders come at your local time?\n"
    "Type your city (for example: Berlin, New York, Kolkata), a time zone name like "
    "Europe/London, or tap the button to share your location."
)
SHARE_LOCATION = "📍 Share my location"
SCHEDULE_INTRO = "Here is a gentle starting schedule:"
SCHEDULE_OUTRO = "You can change any of it later with /schedule."
FINISHED = (
    "All set{name}! You can check in any time with /checkin — or just type one line like\n"
    "pain 4 numbness 2 tingling 3 balance 1\n"
    "Send /help to see everything I can do."
)
FINISHED_NOT_CLEARED = (
    "\n\nReminder: until your clinician gives the go-ahead and you send /cleared, "
    "I'll only track symptoms."
)
NEED_START = "Hello! Please send /start first so we can set things up together."
FINISH_ONBOARDING = "Let's finish setting up first — here is where we were:"
WELCOME_BACK = "Welcome back{name}! Everything is as you left it. Send /help to see what I can do."
CHECKIN_HOW = (
    "You can check in by typing one line, for example:\n"
    "pain 4 numbness 2 tingling 3 balance 1   (or p4 n2 t3 b1, or 4 2 3 1)\n"
    "or send /checkin to answer with buttons."
)
ONLY_TEXT = (
    "I can only read typed messages, not photos, voice notes or stickers. "
    "If something worries you about your health, please type it or contact your clinician."
)
EDIT_NOT_APPLIED = (
    "I don't pick up edits to earlier messages, so nothing was changed. "
    "To correct a check-in, just send it again — the newer one replaces the older one."
)
TOO_LONG = (
    "That message is too long for me to read ({length:,} characters; I can take up to {limit:,}). Nothing was saved. "
    "Please send it in parts, or your check-in as one short line, for example:\n"
    "pain 4 numbness 2 tingling 3 balance 1 — slept badly")
UNKNOWN_COMMAND = "I don't know the command {command}. Send /help to see what I can do."
CANCELLED = "Okay, cancelled. Nothing was saved."
NOTHING_TO_CANCEL = "There's nothing in progress to cancel."
STALE_BUTTON = "That button is no longer active."
NOT_YOUR_BUTTON = "That button isn't for you."
DASHBOARD_LINK = ("Your sign-in link to the care team's dashboard — it works once, for the next {minutes} minutes, "
                  "and only for you. Don't forward it.\n\n{link}")
SORRY_TRY_AGAIN = "Sorry — something went wrong on my side and nothing was saved. Please try again in a moment."
# Flood control (coach/bot/flood.py): one notice when someone sends many messages at once.
FLOOD_NOTICE = (
    "That's a lot of messages at once, so I'm pausing for a moment. I answered the first few; "
    "the ones after them were not saved.\n\n"
    "Please wait a minute, then send anything that's still missing. A check-in works best as one line, "
    "for example:\npain 4 numbness 2 tingling 3 balance 1"
)
# A button answer (a toast, at most 200 characters) when buttons are tapped faster than I can keep up.
TOO_MANY_TAPS = "That's a lot of taps at once — please wait a few seconds, then tap again."
CLEARED_OK = (
    "Thank you. I've noted that your clinician has given you the go-ahead. "
    "Training reminders and suggestions are now on. Start light and stop if anything feels wrong."
)
CLEARED_NOT_NEEDED = "You're all set already — your screening didn't need a clinician's go-ahead."
CLEARED_ALREADY = "You're already marked as cleared. Thank you!"
FOOT_QUESTION = "Foot check: any new blister, wound or redness on your feet today?"
FOOT_QUESTION_FOR_DAY = "Foot check for {day}: was there any new blister, wound or redness on your feet?"

HELP_PARTICIPANT = (
    "Here's what I can do:\n"
    "/checkin — today's symptom check-in (buttons), or type e.g. pain 4 numbness 2 tingling 3 balance 1\n"
    "/checkin yesterday … or /checkin 2026-11-18 … — fill in a day you missed (up to 7 days back)\n"
    "/log done rpe 6 pain 3 reps more — log a training session (or partly / skipped; "
    "/log yesterday … for a day you missed)\n"
    "/today — today's plan and what's done\n"
    "/week — your week so far\n"
    "/history — your recent entries\n"
    "/program — your exercises\n"
    "/schedule — your reminder times; change them, e.g. /schedule checkin 20:00\n"
    "/pause 7 — a break from reminders for 7 days (or /pause until /resume); /resume — start again\n"
    "/timezone — change your time zone\n"
    "/cleared — tell me your clinician has given the go-ahead\n"
    "/export — everything I've stored about you: a CSV, and a PDF summary for your clinician\n"
    "/privacy — what I store, who sees it, and your choices\n"
    "/delete — erase everything I've stored about you (I'll ask you to confirm first)\n"
    "/cancel — stop what we're doing\n"
    "/help — this list\n\n"
    "Scores go from 0 (none) to 10 (worst). I'm not medical advice; in an emergency call your "
    "local emergency number."
)
HELP_ADMIN = (
    "\n\nAdmin: you receive safety alerts here as soon as a participant reports a red flag, and each morning "
    "a digest of the weekly reviews that suggested an easier week or seeing a clinician.\n"
    "/users [page] — everyone: state, last check-in, sessions this week, open flags\n"
    "/user <id> — one participant: recent scores, sessions, flags, last review, admin changes\n"
    "/setschedule <id> checkin 20:00 (or sessions mon,wed,fri 18:00, or review sun 19:00)\n"
    "/pauseuser <id> [days] and /resumeuser <id> — their reminders\n"
    "/program <id> — their exercises; add Seated march 2x10 · change 2 reps 12 · remove 4\n"
    "/flags — open red flags\n"
    "/ack <flag> — a flag was followed up (training and progression resume)\n"
    "/review <id> — a participant's weekly review as it would be today\n"
    "/stats — participants by state, reminder delivery in the last 24 h, dispatcher lag\n"
    "Every change you make is logged, and the participant is told what changed."
)

# --- free text ------------------------------------------------------------------------------------------------
NOT_UNDERSTOOD = (
    "Sorry, I didn't understand that. If you'd like to check in, one line is enough, for example:\n"
    "pain 4 numbness 2 tingling 3 balance 1\n"
    "or /checkin for buttons. You can also tell me how you are in your own words, ask me a question, or send /help.")
SMALL_TALK = (
    "😊 Whenever you're ready, a check-in is one line, for example:\n"
    "pain 4 numbness 2 tingling 3 balance 1\n"
    "or /checkin for buttons — or just tell me how you are in your own words.")
NOTE_SAVED = "📝 Added to your diary for {day}: “{note}”"
NOTE_WITH_CHECKIN = "It's kept with that day's check-in."
NOTE_OFFER_CHECKIN = "Would you like to do today's check-in now? It only takes a few taps."
CHECK_IN_NOW = "Check in now"
PARTIAL_SAVED = "Got it for {day}: {scores}."
PARTIAL_STILL_NEED = "I still need {missing} to finish the check-in — tap below, or type them (e.g. {example})."
PARTIAL_UPDATED = "Updated {day}: {scores} (I've kept your earlier entry too)."
DIZZY_NOT_A_SCORE = (
    "Dizziness isn't one of the four scores, so I haven't stored it — if you mean unsteady on your feet, that's "
    "balance. If you feel dizzy or faint, please sit down, rest and tell your clinician.")
AMBIGUOUS_RANGE = "For {item} you wrote {written} — which one number fits best right now?"
AMBIGUOUS_FRACTION = "For {item} you wrote {written} — please pick the nearest whole number."
AMBIGUOUS_OUT_OF_RANGE = "For {item} you wrote {written}, but scores go from 0 (none) to 10 (worst)."
AMBIGUOUS_TWO_VALUES = "You gave {item} two values ({written}) — which one is it?"
EDITED_RED_FLAG = "I saw the change to your earlier message:"

# Answers to questions, one per help topic (coach/domain/understanding/topics.py).
ANSWERS: dict[str, str] = {
    "scales": (
        "Each score goes from 0 to 10, and for all four higher means worse: 0 = none at all, 10 = the worst you can "
        "imagine.\n• Pain: how much it hurts.\n• Numbness: how much feeling is missing.\n• Tingling/burning: pins "
        "and needles, burning or electric feelings.\n• Balance: how unsteady you feel on your feet (10 = very "
        "unsteady).\nScore how it is right now — there are no wrong answers."),
    "dizzy_not_balance": (
        "Balance means feeling unsteady on your feet (wobbly, needing to hold on). Dizziness — the room spinning, "
        "feeling light-headed or faint — is different and isn't one of the four scores. If you feel dizzy or faint, "
        "please sit down, rest and tell your clinician."),
    "rpe": (
        "RPE is how hard a session felt, from 0 (no effort) to 10 (the hardest you could possibly work). For light "
        "strength training, aim for about 4–6: you could still talk in short sentences."),
    "schedule": (
        "You can change your reminder times any time:\n/schedule checkin 20:00\n/schedule sessions mon,wed,fri "
        "18:00\n/schedule review sun 19:00\nSend /schedule on its own to see your times, with buttons."),
    "pause": (
        "To take a break from reminders, send /pause 7 (for a week, or any number of days), or /pause until you send "
        "/resume. Nothing you've stored is lost."),
    "what_i_am": (
        "I'm Coach, a habit helper for light strength training when you live with nerve damage. I remind you of "
        "sessions and check-ins, keep a careful diary, and once a week suggest a small step up, a hold or a rest — "
        "always with a prompt to check with your clinician. I'm a computer program, not a person, not a doctor and "
        "not medical advice, and I'm not for emergencies: if something feels seriously wrong, call your local "
        "emergency number."),
    "privacy": (
        "What you send me is stored so I can keep your diary and weekly review. Only you and the coaching team that "
        "runs this bot can see it. /privacy explains exactly what is kept; /export sends you all of it, and /delete "
        "erases all of it."),
    "checkin_how": (
        "To check in, send /checkin and tap four numbers, or type one line such as\npain 4 numbness 2 tingling 3 "
        "balance 1\nAnything you write after the scores is kept as a note — or just tell me how you are in your own "
        "words and I'll add it to your diary."),
    "fix_entry": (
        "To correct a check-in, just send it again — the newer one replaces the older one (I keep both). For an "
        "earlier day: /checkin yesterday pain 3 numbness 2 tingling 2 balance 1, or /checkin 2026-11-18 … (up to 7 "
        "days back)."),
    "log_how": (
        "After a session, tap Done or Partly on the reminder, or type for example /log done rpe 6 pain 3 reps more "
        "(or /log partly, /log skipped, /log yesterday done …)."),
    "training_with_symptoms": (
        "I can't give medical advice, but here is the rule of thumb many physiotherapists use: pain 0–3 during or "
        "after exercise is fine, 4–5 is acceptable if it settles by the next day, and above 5 — or worse the next "
        "day — means ease off or rest. Never push through nerve pain, and if you're unsure, ask your clinician before "
        "you train."),
    "review": (
        "Once a week (Sunday 19:00 unless you changed it) I look at your week: check-ins, sessions and how your "
        "symptoms compare with your usual. Then I suggest one thing — a small step up, keep the plan, an easier week, "
        "or to see your clinician — with the reasons, and always the prompt to talk it through with your clinician."),
    "missed": (
        "That's completely fine — just carry on the next day. If you'd like to fill a day in, send for example "
        "/checkin yesterday pain 3 numbness 2 tingling 2 balance 1 (up to 7 days back)."),
    "timezone": "Send /timezone to see your time zone or change it (type a city, or share your location).",
    "foot_check": (
        "With diabetic neuropathy, feet can be hurt without you feeling it, so a daily look for new blisters, wounds "
        "or redness catches problems early. It's one tap after your check-in."),
    "language": "For now I only speak English — sorry about that.",
    "emergency": (
        "Please get emergency help at once ({emergency}) for: chest pain or pressure, pain spreading to your arm or "
        "jaw, breathlessness or a racing heart with dizziness, fainting, new loss of bladder or bowel control or "
        "numbness in the groin, or a fall with a head injury. For thoughts of harming yourself: {crisis}. Tell me "
        "about any of these and I'll tell the coaching team at once."),
    "history": "Send /history to see your recent check-ins and notes, and /week for this week so far.",
    "other": (
        "I'm not sure I can answer that one. Here's what I can help with: /help. For questions about your health or "
        "treatment, please ask your clinician."),
}

PRIVACY = (
    "What I store: your Telegram name and id, your consent and screening answers, your condition, time zone and "
    "schedule, your check-ins and notes, your sessions, your program, weekly reviews, red flags you report, and the "
    "messages waiting to be sent to you.\n\n"
    "Who sees it: you, and the coaching team that runs this bot (they get safety alerts and can see how you're "
    "doing). It isn't shared with anyone else or used for advertising.\n\n"
    "Your choices: /export sends you everything (a CSV, a PDF for your clinician and a FHIR file for clinic "
    "systems); /delete erases everything about you after you confirm. Logs never hold your scores or notes.")
