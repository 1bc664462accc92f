"""Training sessions as a participant reports them: `/log` lines, the questions after Done, wording.

Pure functions: no database, no Telegram. A session is done, partly done or skipped; a done or
partly done one can carry effort (RPE 0–10), pain during it (0–10) and reps against the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from coach.domain.symptoms import MAX_TEXT_LENGTH, ParseFailure, format_day, parse_day_prefix

STATUSES = ("done", "partly", "skipped")
REPS = ("fewer", "planned", "more")
# The questions after Done / Partly, in the order asked.
QUESTIONS = ("rpe", "pain", "reps")

LOG_EXAMPLE = "done rpe 6 pain 3 reps more"
LOG_USAGE = ("Write it like: /log done rpe 6 pain 3 reps more · /log partly · "
             "/log yesterday skipped · /log 2026-11-18 done rpe 5")

_STATUS_WORDS = {
    "done": "done", "did": "done", "finished": "done", "complete": "done", "completed": "done",
    "partly": "partly", "partial": "partly", "part": "partly", "some": "partly",
    "skipped": "skipped", "skip": "skipped", "missed": "skipped", "rest": "skipped",
}
_REPS_WORDS = {
    "fewer": "fewer", "less": "fewer", "under": "fewer",
    "planned": "planned", "plan": "planned", "all": "planned", "target": "planned", "asplanned": "planned",
    "more": "more", "extra": "more", "over": "more", "+2": "more", "2+": "more",
}
_FIELD_WORDS = {"rpe": "rpe", "effort": "rpe", "pain": "pain", "reps": "reps", "rep": "reps"}
_WORD_RE = re.compile(r"[a-z]+|[+-]?\d+(?:[.,]\d+)?\+?|[^\s\w]", re.IGNORECASE)

QUESTION_TEXT = {
    "rpe": "How hard did it feel overall? (effort, 0 = very easy, 10 = as hard as possible)",
    "pain": "Any nerve pain during the session? (0 = none, 10 = worst)",
    "reps": "Did you manage the target reps?",
}
REPS_LABELS = {"fewer": "Fewer than planned", "planned": "As planned", "more": "2+ more"}
STATUS_LABELS = {"done": "done", "partly": "partly done", "skipped": "skipped"}


@dataclass(frozen=True)
class SessionReport:
    """What a `/log` line says about one day's session."""

    day: date
    status: str
    rpe: int | None = None
    pain: int | None = None
    reps: str | None = None


def parse_log(text: str, *, today: date) -> SessionReport | ParseFailure:
    """Read `[date] done|partly|skipped [rpe N] [pain N] [reps fewer|planned|more]`; never raises."""
    if not isinstance(text, str) or not text.strip():
        return ParseFailure("How did today's session go? " + LOG_USAGE)
    if len(text) > MAX_TEXT_LENGTH:
        return ParseFailure("That's too long for a session log. " + LOG_USAGE)
    dated = parse_day_prefix(text, today=today, what="sessions", example=LOG_EXAMPLE)
    if isinstance(dated, ParseFailure):
        return dated
    day, body = dated
    words = [w.lower() for w in _WORD_RE.findall(body) if w not in {",", ";", ":", "=", "-", "/", "."}]
    words = _join_as_planned(words)
    if not words or words[0] not in _STATUS_WORDS:
        return ParseFailure("Please start with done, partly or skipped. " + LOG_USAGE)
    status = _STATUS_WORDS[words[0]]
    values: dict[str, int | str] = {}
    index = 1
    while index < len(words):
        word = words[index]
        field = _FIELD_WORDS.get(word)
        if field is None:
            return ParseFailure(f"I couldn't read “{word[:30]}”. " + LOG_USAGE)
        if index + 1 >= len(words):
            return ParseFailure(f"{field.upper() if field == 'rpe' else field.capitalize()} needs a value. "
                                + LOG_USAGE)
        value = words[index + 1]
        if field in values:
            return ParseFailure(f"{_field_name(field)} is given twice; please send it once. " + LOG_USAGE)
        if field == "reps":
            if value not in _REPS_WORDS:
                return ParseFailure("Reps can be fewer, planned or more (2+ more than the target). " + LOG_USAGE)
            values[field] = _REPS_WORDS[value]
        else:
            number = _score(value)
            if number is None:
                return ParseFailure(f"{_field_name(field)} is a whole number from 0 to 10, not “{value[:12]}”. "
                                    + LOG_USAGE)
            values[field] = number
        index += 2
    if status == "skipped" and values:
        return ParseFailure("A skipped session has no effort, pain or reps to log — just /log skipped.")
    return SessionReport(day=day, status=status, rpe=values.get("rpe"), pain=values.get("pain"),
                         reps=values.get("reps"))


def next_question(status: str, answers: dict[str, int | str | None]) -> str | None:
    """The question still open after Done / Partly, or None when all are answered."""
    if status == "skipped":
        return None
    for question in QUESTIONS:
        if answers.get(question) is None:
            return question
    return None


def describe(day: date, status: str, *, rpe: int | None = None, pain: int | None = None,
             reps: str | None = None) -> str:
    """'Sat 21 Nov: done · effort 6 · pain during 3 · reps 2+ more'."""
    parts = [f"{format_day(day)}: {STATUS_LABELS[status]}"]
    if rpe is not None:
        parts.append(f"effort {rpe}")
    if pain is not None:
        parts.append(f"pain during {pain}")
    if reps is not None:
        parts.append("reps " + REPS_LABELS[reps].lower())
    return " · ".join(parts)


def _score(word: str) -> int | None:
    if not word.isdigit():
        return None
    number = int(word)
    return number if 0 <= number <= 10 else None


def _field_name(field: str) -> str:
    return {"rpe": "Effort (RPE)", "pain": "Pain", "reps": "Reps"}[field]


def _join_as_planned(words: list[str]) -> list[str]:
    """'reps as planned' reads as 'reps planned'."""
    joined: list[str] = []
    for word in words:
        if word == "planned" and joined and joined[-1] == "as":
            joined[-1] = "planned"
        else:
            joined.append(word)
    return joined
