"""Whether training is on hold for a participant, and why: one rule for the session reminder,
/today and the weekly message."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from coach.domain.safety import Training
from coach.domain.safety.replies import training_note, training_policy
from coach.store import flags as flag_store

OPEN_FLAG = "open safety flag"
NOT_CLEARED = "not cleared"


def training_hold(session: Session, *, participant_id: int, clearance_required: bool,
                  cleared_at: datetime | None) -> str | None:
    """OPEN_FLAG while a red flag that stops training awaits follow-up, NOT_CLEARED while a screening "yes"
    awaits the clinician's go-ahead, else None. A foot flag alone does not stop training: it makes it seated."""
    policy = training_policy(flag_store.open_kinds(session=session, participant_id=participant_id))
    if policy is not None and policy != Training.SEATED:
        return OPEN_FLAG
    if clearance_required and cleared_at is None:
        return NOT_CLEARED
    return None


def open_flags_note(session: Session, *, participant_id: int) -> str:
    """What the participant's open flags mean for training, in the words every message uses; '' for none."""
    return training_note(flag_store.open_kinds(session=session, participant_id=participant_id))
