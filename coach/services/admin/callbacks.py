"""Admins' buttons: "Foot cleared — usual program" under a foot-wound alert."""

from __future__ import annotations

from dataclasses import dataclass

from coach.services.plumbing.callbacks import ButtonData


@dataclass(frozen=True)
class FootCleared(ButtonData):
    """Names the foot-wound flag and the participant it was raised for: a flag id alone could outlive them."""

    PREFIX = "a2:foot"
    flag_id: int
    participant_id: int
