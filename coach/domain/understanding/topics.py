"""Help topics a participant's question can be about, found by the words it uses. Data.

Each topic lists words that point to it (lemmas, after normalisation) and examples a test checks it is found in.
The answers themselves are user-facing text and live in coach/services/texts/ under the same names.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Topic(StrEnum):
    SCALES = "scales"
    DIZZY_NOT_BALANCE = "dizzy_not_balance"
    RPE = "rpe"
    SCHEDULE = "schedule"
    PAUSE = "pause"
    WHAT_I_AM = "what_i_am"
    PRIVACY = "privacy"
    CHECKIN_HOW = "checkin_how"
    FIX_ENTRY = "fix_entry"
    LOG_HOW = "log_how"
    TRAINING_WITH_SYMPTOMS = "training_with_symptoms"
    REVIEW = "review"
    MISSED = "missed"
    TIMEZONE = "timezone"
    FOOT_CHECK = "foot_check"
    LANGUAGE = "language"
    EMERGENCY = "emergency"
    HISTORY = "history"
    OTHER = "other"


class TopicWords(NamedTuple):
    topic: Topic
    words: frozenset[str]  # any of these suggests the topic
    weight: int  # ties go to the heavier topic
    examples: tuple[str, ...]


def _t(topic: Topic, words: str, *examples: str, weight: int = 1) -> TopicWords:
    return TopicWords(topic, frozenset(words.split()), weight, examples)


TOPICS: tuple[TopicWords, ...] = (
    _t(Topic.EMERGENCY, "emergency emergencies urgent worry worried danger dangerous serious red flag flags warning "
       "ambulance 999 911 112 hospital a&e", "what counts as an emergency?", "when should I worry?", weight=3),
    _t(Topic.DIZZY_NOT_BALANCE, "dizzy dizziness lightheaded", "is balance the same as feeling dizzy?", weight=3),
    _t(Topic.RPE, "rpe effort exertion hard", "what does RPE mean", weight=3),
    _t(Topic.SCALES, "scale score scores 0 10 zero ten worst worse best good bad mean means meaning number numbers "
       "rate rating higher lower high low difference count counts measure balance numbness tingling pain burning "
       "unsteadiness out", "is 10 the worst?", "what does balance mean", "is higher worse for balance too", weight=2),
    _t(Topic.FIX_ENTRY, "wrong mistake fix correct change yesterday yesterday's edit undo typo", "how do I fix a wrong "
       "entry", "can I change yesterday's check in", weight=2),
    # "change" here too: with a time or days beside it, the question is about the schedule, not a wrong entry.
    _t(Topic.SCHEDULE, "remind reminder reminders time times schedule earlier later evening morning pm o'clock "
       "days sunday monday weekend weekends training move change", "how do I change my reminder time?",
       "can you remind me at 8pm instead?", "can I change my training days", "how do I change my check-in time?"),
    _t(Topic.PAUSE, "pause holiday break vacation away stop stopping off snooze quiet", "can I pause the reminders",
       "how do I stop the reminders", weight=2),
    _t(Topic.WHAT_I_AM, "bot robot ai person human real doctor medical advice device nurse purpose",
       "are you a doctor?", "what are you exactly, a real person?", "What is this bot for?"),
    _t(Topic.PRIVACY, "data private privacy see sees read reads share shared stored store keep delete erase export "
       "wife husband family physio gdpr", "who can see my answers?", "how do I delete my data", weight=2),
    _t(Topic.CHECKIN_HOW, "checkin check answer note notes add every daily tell", "how do I check in",
       "how do I add a note"),
    _t(Topic.LOG_HOW, "log session sessions record exercises exercise did done tell", "how do I log a session",
       "how do I tell you I did my exercises?"),
    _t(Topic.TRAINING_WITH_SYMPTOMS, "train training exercise exercises sore tired skip reps rep fewer ok okay "
       "normal should safe burning pain aching ache", "should I train if my muscles are sore?",
       "is it ok to exercise when my feet are burning?", weight=2),
    _t(Topic.REVIEW, "review summary weekly week suggest suggested suggestion rest progression", "how does the "
       "weekly review work", "why did you suggest a rest week?", weight=2),
    _t(Topic.MISSED, "miss missed missing forget forgot skip", "what if I miss a day?", weight=2),
    _t(Topic.TIMEZONE, "timezone zone travel travelling abroad", "what time zone am I set to?", weight=3),
    _t(Topic.FOOT_CHECK, "foot feet blister ask asking", "why do you ask about my feet every day?", weight=3),
    _t(Topic.LANGUAGE, "language spanish french german english translate", "can I use this in Spanish?", weight=3),
    _t(Topic.HISTORY, "history past entries see previous", "where can I see my history", weight=1),
)
# Words that begin a question when they open a sentence or a clause.
QUESTION_STARTS: frozenset[str] = frozenset({
    "what", "whats", "why", "how", "when", "where", "which", "who", "whom", "whose", "can", "could", "should", "would",
    "will", "is", "are", "am", "do", "does", "did", "may", "shall",
})
