"""A participant's weekly schedule: session days and times, check-in and review times.

This part covers the defaults and how days and times are typed, shown and stored.
Days are ``date.weekday()`` numbers (0 = Monday … 6 = Sunday); times are naive
``datetime.time`` values meaning wall-clock time in the participant's own zone.

At the end: when an occurrence falls as an instant (DST-correct), and the changes a
participant types after /schedule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

__all__ = [
    "DEFAULT_CHECKIN_TIME",
    "DEFAULT_REVIEW_DAY",
    "DEFAULT_REVIEW_TIME",
    "DEFAULT_SESSION_DAYS",
    "DEFAULT_SESSION_TIME",
    "WEEKDAYS",
    "decode_weekdays",
    "encode_weekdays",
    "format_hhmm",
    "format_weekdays",
    "local_date_of",
    "local_occurrence",
    "parse_schedule_change",
    "parse_hhmm",
    "parse_weekdays",
]

# --------------------------------------------------------------------------------------
# Defaults
# --------------------------------------------------------------------------------------

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()

DEFAULT_SESSION_DAYS: tuple[int, ...] = (0, 2, 4)  # Mon, Wed, Fri
DEFAULT_SESSION_TIME = time(18, 0)
DEFAULT_CHECKIN_TIME = time(20, 0)
DEFAULT_REVIEW_DAY = 6  # Sunday
DEFAULT_REVIEW_TIME = time(19, 0)

# Longer input is not a time or a list of days; don't bother looking at it.
_MAX_INPUT = 100

# --------------------------------------------------------------------------------------
# Times of day
# --------------------------------------------------------------------------------------

# "20:00", "8:30" (24-hour clock).
_HHMM_RE = re.compile(r"([0-9]{1,2}):([0-9]{2})")
# "8pm", "8 pm", "8:30am", "8:30 a.m.", "12 AM" (12-hour clock).
_AMPM_RE = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?\s*([ap])\.?\s*m\.?")


_NAMED_TIMES = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


def parse_hhmm(text: str) -> time | None:
    """A wall-clock time from "20:00", "8:30", "8pm", "8:30 am" or "noon"; else None.

    Only H:MM / HH:MM (00:00–23:59) and 12-hour times with am/pm (1–12) are accepted:
    no bare hours ("8"), no "0830", no "24:00" or "12:60".
    """
    if not isinstance(text, str) or len(text) > _MAX_INPUT:
        return None
    text = text.strip().lower()
    if text in _NAMED_TIMES:
        return _NAMED_TIMES[text]
    if m := _HHMM_RE.fullmatch(text):
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour <= 23 and minute <= 59:
            return time(hour, minute)
        return None
    if m := _AMPM_RE.fullmatch(text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        hour %= 12  # 12am is midnight, 12pm is noon
        if m.group(3) == "p":
            hour += 12
        return time(hour, minute)
    return None


def format_hhmm(t: time) -> str:
    """ "08:30": a time on the 24-hour clock, as shown to participants and parsed back."""
    return f"{t.hour:02d}:{t.minute:02d}"


# --------------------------------------------------------------------------------------
# Weekdays
# --------------------------------------------------------------------------------------

_DAY_SPELLINGS = (
    ("mon", "monday", "mo"),
    ("tue", "tues", "tuesday", "tu"),
    ("wed", "weds", "wednesday", "we"),
    ("thu", "thur", "thurs", "thursday", "th"),
    ("fri", "friday", "fr"),
    ("sat", "saturday", "sa"),
    ("sun", "sunday", "su"),
)
_DAY_NAMES = {name: day for day, names in enumerate(_DAY_SPELLINGS) for name in names}

_DAY_GROUPS: dict[str, tuple[int, ...]] = {
    "daily": tuple(range(7)),
    "everyday": tuple(range(7)),
    "weekdays": (0, 1, 2, 3, 4),
    "workdays": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
    "weekend": (5, 6),
}

# Separators between days: commas, semicolons, slashes, "&", "+", "and", whitespace.
_SPLIT_RE = re.compile(r"(?:[\s,;/&+]|\band\b)+")
# Ranges: "mon-fri", "mon – fri", "monday to friday", "mon through fri".
_RANGE_RE = re.compile(r"\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b)\s*")


def _day(token: str) -> int | None:
    return _DAY_NAMES.get(token.rstrip("."))


def parse_weekdays(text: str) -> tuple[int, ...] | None:
    """Days from "mon,wed,fri", "Monday, Wednesday", "mon-fri", "weekdays", "daily".

    Returns sorted unique weekday numbers (0 = Monday), or None when the text is
    empty or any part of it isn't a day. Ranges may wrap: "fri-mon" is Fri to Mon.
    """
    if not isinstance(text, str) or len(text) > _MAX_INPUT:
        return None
    text = text.strip().lower()
    text = re.sub(r"\bevery\s*day\b|\ball\s+week\b|\ball\s+days\b", "daily", text)
    text = _RANGE_RE.sub("-", text)
    days: set[int] = set()
    for token in _SPLIT_RE.split(text):
        if not token:
            continue
        if token in _DAY_GROUPS:
            days.update(_DAY_GROUPS[token])
            continue
        ends = token.split("-")
        if len(ends) == 1:
            day = _day(token)
            if day is None:
                return None
            days.add(day)
        elif len(ends) == 2:
            first, last = _day(ends[0]), _day(ends[1])
            if first is None or last is None:
                return None
            length = (last - first) % 7
            days.update((first + step) % 7 for step in range(length + 1))
        else:
            return None
    return tuple(sorted(days)) or None


def _checked(days: Iterable[int]) -> tuple[int, ...]:
    out = set()
    for day in days:
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
            raise ValueError(f"not a weekday number (0-6): {day!r}")
        out.add(day)
    return tuple(sorted(out))


def format_weekdays(days: Iterable[int]) -> str:
    """ "Mon, Wed, Fri": sorted, each day once. Raises ValueError for a non-weekday."""
    return ", ".join(WEEKDAYS[day].capitalize() for day in _checked(days))


def encode_weekdays(days: Iterable[int]) -> str:
    """Storage form "0,2,4": sorted unique weekday numbers. ValueError for a non-weekday."""
    return ",".join(str(day) for day in _checked(days))


@cache  # a handful of distinct values, read for every participant the planner looks at
def decode_weekdays(s: str) -> tuple[int, ...]:
    """Read the storage form back: "0,2,4" -> (0, 2, 4); "" -> ().

    Raises ValueError for anything :func:`encode_weekdays` couldn't have written.
    """
    if not s.strip():
        return ()
    parts = [part.strip() for part in s.split(",")]
    if not all(re.fullmatch(r"[0-6]", part, re.ASCII) for part in parts):
        raise ValueError(f"not a stored weekday list: {s!r}")
    return _checked(int(part) for part in parts)


def training_days_between(first: date, last: date, weekdays: tuple[int, ...]) -> list[date]:
    """The planned training days from `first` to `last` (inclusive)."""
    return [first + timedelta(days=d) for d in range((last - first).days + 1)
            if (first + timedelta(days=d)).weekday() in weekdays]


@cache  # a weekly review of everyone asks the same few questions 100,000 times
def training_day_count(first: date, last: date, weekdays: tuple[int, ...]) -> int:
    return len(training_days_between(first, last, weekdays))


# --------------------------------------------------------------------------------------
# Occurrences
# --------------------------------------------------------------------------------------

@cache
def zone_info(key: str) -> ZoneInfo:
    """The zone named `key`, kept for good: ZoneInfo itself holds only a few zones strongly, so
    with participants in many zones each lookup re-read the zone file (measured in bench/fanout.py)."""
    return ZoneInfo(key)


@lru_cache(maxsize=8192)
def local_occurrence(day: date, at: time, zone: str) -> datetime:
    """The UTC instant at which the wall clock in `zone` shows `at` on local `day`.

    Kept for the days being planned: thousands of participants share a zone and a time, and the planner asks
    for each of them (measured in bench/fanout.py).

    A time the clocks skip (spring forward) moves to the first valid minute after it:
    02:30 on the night Berlin jumps from 02:00 to 03:00 is 03:00. A time that happens twice
    (fall back) takes the first of the two, so it fires once.
    """
    tz = zone_info(zone)
    wall = datetime.combine(day, at)
    candidate = wall
    # A wall time exists when it survives the round trip through UTC unchanged. Gaps are at
    # most a few hours, so walking a minute at a time ends quickly.
    for _ in range(24 * 60):
        instant = candidate.replace(tzinfo=tz, fold=0).astimezone(UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == candidate:
            return instant
        candidate += timedelta(minutes=1)
    raise ValueError(f"no valid local time near {wall} in {zone}")


def local_date_of(instant: datetime, zone: str) -> date:
    """The participant's calendar date at an aware instant."""
    return instant.astimezone(zone_info(zone)).date()


# --------------------------------------------------------------------------------------
# Changes typed after /schedule (and an admin's /setschedule)
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ScheduleChange:
    """One part of the schedule to change; fields that don't apply are None."""

    part: str  # "checkin" | "sessions" | "review"
    at: time
    days: tuple[int, ...] | None = None  # sessions: the training days; review: one day


@dataclass(frozen=True)
class ScheduleChangeError:
    reason: str


SCHEDULE_USAGE = ("For example: /schedule checkin 20:00 · /schedule sessions mon,wed,fri 18:00 · "
                  "/schedule review sun 19:00")


def parse_schedule_change(text: str) -> ScheduleChange | ScheduleChangeError:
    """Read "checkin 20:00", "sessions mon,wed,fri 18:00" or "review sun 19:00"; never raises."""
    if not isinstance(text, str) or len(text) > _MAX_INPUT:
        return ScheduleChangeError("That's too long for a schedule change. " + SCHEDULE_USAGE)
    words = text.strip().split(maxsplit=1)
    if not words:
        return ScheduleChangeError("What would you like to change? " + SCHEDULE_USAGE)
    part, rest = words[0].lower(), (words[1] if len(words) > 1 else "")
    part = {"check-in": "checkin", "session": "sessions", "training": "sessions"}.get(part, part)
    if part not in ("checkin", "sessions", "review"):
        return ScheduleChangeError(f"I can change checkin, sessions or review, not “{words[0][:30]}”. "
                                   + SCHEDULE_USAGE)
    days_text, at = _split_time(rest)
    if at is None:
        return ScheduleChangeError("I couldn't read the time — please write it as HH:MM, e.g. 18:00. "
                                   + SCHEDULE_USAGE)
    if part == "checkin":
        if days_text:
            return ScheduleChangeError("The check-in is daily, so it takes just a time, e.g. /schedule checkin 20:00.")
        return ScheduleChange("checkin", at)
    days = parse_weekdays(days_text) if days_text else None
    if days is None:
        example = "mon,wed,fri 18:00" if part == "sessions" else "sun 19:00"
        return ScheduleChangeError(f"I couldn't read the days — e.g. /schedule {part} {example}.")
    if part == "review" and len(days) != 1:
        return ScheduleChangeError("The weekly review is on one day, e.g. /schedule review sun 19:00.")
    return ScheduleChange(part, at, days)


def _split_time(text: str) -> tuple[str, time | None]:
    """("mon,wed,fri", 18:00) from "mon,wed,fri 18:00"; the time is the last word or two."""
    words = text.split()
    for take in (2, 1):  # "8 pm" is two words
        if len(words) >= take:
            at = parse_hhmm(" ".join(words[-take:]))
            if at is not None:
                return " ".join(words[:-take]), at
    return text.strip(), None


# --------------------------------------------------------------------------------------
# What to remind of on a given local day
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Occurrence:
    kind: str  # "session" | "checkin" | "checkin_followup" | "review"
    local_date: date
    due_at: datetime  # UTC


# One gentle follow-up when a check-in reminder goes unanswered: a few hours later, but never
# late in the evening, and not so soon after the reminder that it nags.
FOLLOW_UP_AFTER = timedelta(hours=3)
FOLLOW_UP_LATEST = time(22, 0)
FOLLOW_UP_MIN_GAP = timedelta(hours=1)


def follow_up_time(checkin_time: time) -> time | None:
    """When the day's check-in follow-up is due (local wall time), or None when there is no room."""
    reminder = datetime.combine(date(2000, 1, 1), checkin_time)
    latest = datetime.combine(date(2000, 1, 1), FOLLOW_UP_LATEST)
    at = min(reminder + FOLLOW_UP_AFTER, latest)
    return at.time() if at - reminder >= FOLLOW_UP_MIN_GAP else None


def follow_up_on(day: date, *, zone: str, checkin_time: time) -> Occurrence | None:
    """The day's check-in follow-up, if the check-in time leaves room for one."""
    at = follow_up_time(checkin_time)
    return None if at is None else Occurrence("checkin_followup", day, local_occurrence(day, at, zone))


def occurrences_on(day: date, *, zone: str, session_days: tuple[int, ...], session_time: time,
                   checkin_time: time, review: tuple[int, time] | None = None) -> list[Occurrence]:
    """The reminders a participant's schedule asks for on one local day, as UTC instants.

    `review` is the weekly review's (weekday, time). The check-in follow-up is not among them:
    it is queued only once the day's check-in reminder has gone out (see the dispatcher).
    """
    found = [Occurrence("checkin", day, local_occurrence(day, checkin_time, zone))]
    if day.weekday() in session_days:
        found.append(Occurrence("session", day, local_occurrence(day, session_time, zone)))
    if review is not None and day.weekday() == review[0]:
        found.append(Occurrence("review", day, local_occurrence(day, review[1], zone)))
    return found
