"""States kept in columns, named once: the open onboarding question, what the bot is waiting for from a
participant, and where a button check-in stands. Stored as their string values, so the columns stay plain text."""

from __future__ import annotations

from enum import StrEnum


class OnboardingStep(StrEnum):
    """The open onboarding question; None once onboarding is over. Which screening question is open is the
    number of screening answers stored so far (they are stored one by one, in order)."""

    CONSENT = "consent"
    SCREENING = "screening"
    CONDITION = "condition"
    TIMEZONE = "timezone"
    SCHEDULE = "schedule"


class Awaiting(StrEnum):
    """What the participant's next plain message answers, when it answers a question of the bot's."""

    TIMEZONE = "timezone"  # a city or zone name, during onboarding or after "change my time zone"
    CHECKIN = "checkin"  # the open button check-in (the participant's only open draft) is waiting for scores


class DraftStatus(StrEnum):
    OPEN = "open"
    SAVED = "saved"
    CANCELLED = "cancelled"
