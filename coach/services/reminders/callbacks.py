"""The schedule buttons: which part to change, then the choice for it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coach.services.plumbing.callbacks import ButtonData


class SchedulePart(StrEnum):
    CHECKIN_TIME = "c"
    SESSION_TIME = "t"
    TRAINING_DAYS = "d"
    REVIEW = "r"


@dataclass(frozen=True)
class ScheduleAsk(ButtonData):
    PREFIX = "h1"
    part: SchedulePart


@dataclass(frozen=True)
class ScheduleChoice(ButtonData):
    """A time ("0800") or a set of days (a code from DAY_CHOICES) for a part of the schedule."""

    PREFIX = "h1"
    part: SchedulePart
    code: str
