"""The weekly review's buttons: Apply the suggestion or keep the current plan."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coach.services.plumbing.callbacks import OwnedButtonData


class ReviewChoice(StrEnum):
    APPLY = "a"
    KEEP = "k"


@dataclass(frozen=True)
class ReviewAnswer(OwnedButtonData):
    PREFIX = "w2"
    review_id: int
    choice: ReviewChoice
