"""Queries about program versions: the newest is the participant's program, every earlier one is kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from coach.store.models import ProgramVersion


def latest(*, session: Session, participant_id: int) -> ProgramVersion | None:
    return session.exec(select(ProgramVersion).where(ProgramVersion.participant_id == participant_id)
                        .order_by(ProgramVersion.version.desc()).limit(1)).first()  # type: ignore[attr-defined]


def history(*, session: Session, participant_id: int) -> list[ProgramVersion]:
    """Every version, oldest first."""
    return list(session.exec(select(ProgramVersion).where(ProgramVersion.participant_id == participant_id)
                             .order_by(ProgramVersion.version)))


def count_with_reason(*, session: Session, participant_id: int, reason: str) -> int:
    return session.exec(select(func.count()).select_from(ProgramVersion).where(
        ProgramVersion.participant_id == participant_id, ProgramVersion.reason == reason)).one()


def add(*, session: Session, participant_id: int, exercises: str, reason: str, change: str | None,
        now: datetime, created_by: int | None = None) -> ProgramVersion:
    """The next version; a concurrent add of the same number fails on the unique key and is retried."""
    current = latest(session=session, participant_id=participant_id)
    row = ProgramVersion(participant_id=participant_id, version=(current.version if current else 0) + 1,
                         exercises=exercises, reason=reason, change=change, created_at=now, created_by=created_by)
    session.add(row)
    session.flush()
    return row
