"""Queries about safety flags."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from coach.store.models import SafetyFlag


def raise_flag(
    *, session: Session, participant_id: int, kind: str, urgent: bool, source: str, excerpt: str,
    now: datetime,
) -> SafetyFlag:
    flag = SafetyFlag(participant_id=participant_id, kind=kind, urgent=urgent, source=source,
                      excerpt=excerpt[:200], raised_at=now)
    session.add(flag)
    session.flush()
    return flag


def open_flags(*, session: Session, participant_id: int | None = None) -> list[SafetyFlag]:
    query = select(SafetyFlag).where(SafetyFlag.acknowledged_at.is_(None))  # type: ignore[union-attr]
    if participant_id is not None:
        query = query.where(SafetyFlag.participant_id == participant_id)
    return list(session.exec(query.order_by(SafetyFlag.id)))  # type: ignore[arg-type]



def newest_of_kind(*, session: Session, participant_id: int, kind: str) -> int | None:
    """The id of the participant's latest flag of that kind, acknowledged or not."""
    return session.exec(select(func.max(SafetyFlag.id)).where(SafetyFlag.participant_id == participant_id,
                                                              SafetyFlag.kind == kind)).one()
