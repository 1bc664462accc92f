"""The check-in's buttons: a score on the button check-in, Cancel, the foot question, and "Check in now"."""

from __future__ import annotations

from dataclasses import dataclass

from coach.services.plumbing.callbacks import ButtonData, OwnedButtonData


@dataclass(frozen=True)
class CheckinScore(OwnedButtonData):
    """A 0–10 score on the button check-in, or at the foot step 0 (no new problems) or 1 (a problem)."""

    PREFIX = "c2"
    draft_id: int
    step: int
    value: int


@dataclass(frozen=True)
class CheckinCancel(OwnedButtonData):
    PREFIX = "c2x"
    draft_id: int


@dataclass(frozen=True)
class FootAnswer(OwnedButtonData):
    """The foot question asked after a typed check-in."""

    PREFIX = "f2"
    checkin_id: int
    problem: bool


@dataclass(frozen=True)
class StartCheckin(ButtonData):
    """ "Check in now", offered after a diary note."""

    PREFIX = "cs1"
