"""Onboarding's buttons (consent, screening, condition, time zone, schedule) and erasure's confirmation."""

from __future__ import annotations

from dataclasses import dataclass

from coach.services.plumbing.callbacks import ButtonData, OwnedButtonData


@dataclass(frozen=True)
class Consent(ButtonData):
    PREFIX = "o1:consent"
    agreed: bool


@dataclass(frozen=True)
class ScreeningAnswer(ButtonData):
    PREFIX = "o1:s"
    index: int
    yes: bool


@dataclass(frozen=True)
class ConditionChoice(ButtonData):
    PREFIX = "o1:c"
    key: str


@dataclass(frozen=True)
class UseDefaultZone(ButtonData):
    PREFIX = "o1:tz:default"


@dataclass(frozen=True)
class AcceptSchedule(ButtonData):
    PREFIX = "o1:sch:ok"


ONBOARDING = (Consent, ScreeningAnswer, ConditionChoice, UseDefaultZone, AcceptSchedule)


@dataclass(frozen=True)
class EraseConfirm(OwnedButtonData):
    """Erase everything, or keep my data: valid for a day from `minute` (minutes since the epoch)."""

    PREFIX = "d1"
    minute: int
    erase: bool
