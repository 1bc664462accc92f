"""Queries about safety flags."""

from __future__ import annotations

from datetime import datetime

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


def flags_of_kind(*, session: Session, participant_id: int, kind: str) -> list[SafetyFlag]:
    """Every flag of that kind the participant raised, acknowledged or not, oldest first."""
    return list(session.exec(select(SafetyFlag).where(SafetyFlag.participant_id == participant_id,
                                                      SafetyFlag.kind == kind).order_by(SafetyFlag.id)))
