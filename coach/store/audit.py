"""The audit log of admin changes: written with the change, in the same transaction."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from coach.store.models import AuditEntry


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
