"""States kept in columns, named once: what the bot is waiting for from a participant, and where a button
check-in stands. Stored as their string values, so the columns stay plain text."""

from __future__ import annotations

from enum import StrEnum


class Awaiting(StrEnum):
    """What the participant's next plain message answers, when it answers a question of the bot's."""

    TIMEZONE = "timezone"  # a city or zone name, during onboarding or after "change my time zone"
    CHECKIN = "checkin"  # the open button check-in (the participant's only open draft) is waiting for scores


class DraftStatus(StrEnum):
    OPEN = "open"
    SAVED = "saved"
    CANCELLED = "cancelled"
