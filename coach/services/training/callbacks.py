"""The session buttons: the reminder's Done/Partly/Skip/Snooze, the three questions after it, and /log's."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coach.services.plumbing.callbacks import ButtonData, OwnedButtonData


class ReminderAction(StrEnum):
    DONE = "d"
    PARTLY = "p"
    SKIP = "s"
    SNOOZE = "z"


class SessionQuestion(StrEnum):
    RPE = "rpe"
    PAIN = "pain"
    REPS = "reps"


class LogAction(StrEnum):
    DONE = "d"
    PARTLY = "p"
    SKIPPED = "s"


@dataclass(frozen=True)
class SessionReminderPress(OwnedButtonData):
    PREFIX = "r2"
    reminder_id: int
    action: ReminderAction


@dataclass(frozen=True)
class SessionAnswer(OwnedButtonData):
    """An answer to one of the questions after a session: effort, pain during it, reps against the target."""

    PREFIX = "s2"
    log_id: int
    question: SessionQuestion
    value: int


@dataclass(frozen=True)
class LogPress(ButtonData):
    """Done / Partly / Skipped under a bare /log, for the day (YYYYMMDD) it was asked about."""

    PREFIX = "l1"
    action: LogAction
    day: str

    def __post_init__(self) -> None:
        if not (len(self.day) == 8 and self.day.isdigit()):
            raise ValueError("a day is written YYYYMMDD")
