"""Queries about the diary: notes written with a check-in or on their own."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from coach.store.models import Note


def add(*, session: Session, participant_id: int, local_date: date, text: str, checkin_id: int | None,
        now: datetime) -> Note:
    note = Note(participant_id=participant_id, checkin_id=checkin_id, local_date=local_date, text=text, created_at=now)
    session.add(note)
    session.flush()
    return note


def recent(*, session: Session, participant_id: int, since: date) -> list[Note]:
    """The participant's notes from `since` on, newest first."""
    return list(session.exec(select(Note).where(Note.participant_id == participant_id, Note.local_date >= since)
                             .order_by(Note.local_date.desc(), Note.id.desc())))  # type: ignore[attr-defined]
