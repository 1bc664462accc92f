"""States kept in columns, named once: a participant's status, the open onboarding question, what the bot is
waiting for from a participant, where a button check-in stands, and a reminder's kind and status. Stored as
their string values, so the columns stay plain text."""

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


class ReminderKind(StrEnum):
    CHECKIN = "checkin"
    CHECKIN_FOLLOWUP = "checkin_followup"  # the one gentle follow-up, queued when the check-in reminder went out
    SESSION = "session"
    SESSION_SNOOZE = "session_snooze"  # the session reminder again, 30 minutes after Snooze
    REVIEW = "review"


class ReminderStatus(StrEnum):
    """queued → sending → handed → one of the final ones; only queued, sending and handed can still change."""

    QUEUED = "queued"
    SENDING = "sending"
    HANDED = "handed"  # its words are in the outbox (coach/bot/outbound.py sends them and ends the reminder)
    SENT = "sent"
    EXPIRED = "expired"  # too late after downtime
    SKIPPED = "skipped"  # not needed after all: already checked in, paused, on hold, …
    FAILED = "failed"
    UNCERTAIN = "uncertain"  # may have reached Telegram (a timeout): never sent again


class ParticipantStatus(StrEnum):
    ONBOARDING = "onboarding"
    ACTIVE = "active"
    INACTIVE = "inactive"  # blocked the bot; back to active when they /start again


class DraftStatus(StrEnum):
    OPEN = "open"
    SAVED = "saved"
    CANCELLED = "cancelled"
