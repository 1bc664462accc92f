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


def kinds_raised_since(*, session: Session, participant_id: int, since: datetime) -> frozenset[str]:
    """The kinds of flag the participant has raised since `since` (acknowledged or not)."""
    return frozenset(session.exec(select(SafetyFlag.kind).where(
        SafetyFlag.participant_id == participant_id, SafetyFlag.raised_at >= since)).all())


def open_kinds(*, session: Session, participant_id: int) -> frozenset[str]:
    """The kinds of the participant's flags still waiting for an admin."""
    return frozenset(session.exec(select(SafetyFlag.kind).where(
        SafetyFlag.participant_id == participant_id,
        SafetyFlag.acknowledged_at.is_(None))).all())  # type: ignore[union-attr]


def for_participant(*, session: Session, participant_id: int, limit: int = 100) -> list[SafetyFlag]:
    """The participant's flags, open or not, newest first."""
    return list(session.exec(select(SafetyFlag).where(SafetyFlag.participant_id == participant_id)
                             .order_by(SafetyFlag.id.desc()).limit(limit)))  # type: ignore[union-attr]
