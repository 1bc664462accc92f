"""The update a task is handling, so that its use case records it as handled in the same transaction.

From the webhook's inbox, a claim on a stored update (fenced by a token: it commits only while the claim is its
own). From long polling, a claim made as the update arrives: Telegram delivers it again when a worker stopped
before confirming it, and the first use case to store something for it records its id, so the second delivery
stores nothing and says nothing."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class UpdateClaim:
    update_id: int
    token: str | None  # None for a polled update (nothing was stored for it before it arrived)
    attempt: int
    final: bool  # the last try: a failure now is answered with an apology, not tried again
    retry: bool = False  # set on a passing failure (the database away): try again a little later
    handled: bool = False  # a use case committed under this claim, marking the update done


class ClaimLost(Exception):
    """The update is no longer this claim's to finish (another worker took it over, or it was already
    handled and its commit's answer lost): nothing of this attempt was kept."""


def polled(update_id: int) -> UpdateClaim:
    """The claim on an update that long polling just delivered: one try (no inbox keeps it for another)."""
    return UpdateClaim(update_id, None, attempt=1, final=True)


CURRENT_CLAIM: ContextVar[UpdateClaim | None] = ContextVar("coach_update_claim", default=None)
