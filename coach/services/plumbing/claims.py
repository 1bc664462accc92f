"""The inbox update a task is handling, so that its use case commits only while the claim is its own."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class UpdateClaim:
    update_id: int
    token: str
    attempt: int
    final: bool  # the last try: a failure now is answered with an apology, not tried again
    retry: bool = False  # set on a passing failure (the database away): try again a little later
    handled: bool = False  # a use case committed under this claim, marking the update done


class ClaimLost(Exception):
    """The update is no longer this claim's to finish (another worker took it over, or it was already
    handled and its commit's answer lost): nothing of this attempt was kept."""


CURRENT_CLAIM: ContextVar[UpdateClaim | None] = ContextVar("coach_update_claim", default=None)
