"""The audit log of admin changes: written with the change, in the same transaction."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func
from sqlmodel import Session, select

from coach.store.models import AuditEntry, Participant


def record(*, session: Session, participant_id: int, admin_id: int, action: str, before: str | None,
           after: str | None, now: datetime) -> AuditEntry:
    entry = AuditEntry(participant_id=participant_id, admin_telegram_id=admin_id, action=action, before=before,
                       after=after, created_at=now)
    session.add(entry)
    return entry


def recent(*, session: Session, participant_id: int, limit: int = 5) -> list[AuditEntry]:
    """Newest first."""
    return list(session.exec(select(AuditEntry).where(AuditEntry.participant_id == participant_id)
                             .order_by(AuditEntry.id.desc()).limit(limit)))  # type: ignore[union-attr]


def count_for(*, session: Session, participant_id: int) -> int:
    """How many entries there are about the participant (a change is an entry more)."""
    return session.exec(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.participant_id == participant_id)).one()


class LogLine(NamedTuple):
    """One entry of the whole audit log, with who it is about."""

    entry: AuditEntry
    telegram_id: int
    first_name: str


def log_page(*, session: Session, offset: int, limit: int, admin_id: int | None = None,
             participant_id: int | None = None) -> list[LogLine]:
    """Everyone's entries (or one admin's, or about one participant), newest first."""
    query = select(AuditEntry, Participant.telegram_id, Participant.first_name).join(
        Participant, Participant.id == AuditEntry.participant_id)
    if admin_id is not None:
        query = query.where(AuditEntry.admin_telegram_id == admin_id)
    if participant_id is not None:
        query = query.where(AuditEntry.participant_id == participant_id)
    rows = session.exec(query.order_by(AuditEntry.id.desc()).offset(offset).limit(limit))  # type: ignore[union-attr]
    return [LogLine(entry, telegram_id, first_name) for entry, telegram_id, first_name in rows]
