"""Whether training is on hold for a participant, and why: one rule for the session reminder,
/today and the weekly message."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from coach.store import flags as flag_store

OPEN_FLAG = "open safety flag"
NOT_CLEARED = "not cleared"


def training_hold(session: Session, *, participant_id: int, clearance_required: bool,
                  cleared_at: datetime | None) -> str | None:
    """OPEN_FLAG while a red flag awaits follow-up (they were told to stop training), NOT_CLEARED
    while a screening "yes" awaits the clinician's go-ahead, else None."""
    if flag_store.open_flags(session=session, participant_id=participant_id):
        return OPEN_FLAG
    if clearance_required and cleared_at is None:
        return NOT_CLEARED
    return None
