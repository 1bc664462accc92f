"""Queries about check-ins, their revisions, drafts and notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert as sa_insert
from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlmodel import Session, select, update

from coach.domain.symptoms import ITEMS
from coach.store.models import CheckIn, CheckInDraft, CheckInRevision, Note


@dataclass(frozen=True)
class SavedCheckIn:
    checkin: CheckIn
    replaced: bool


def get_checkin(*, session: Session, participant_id: int, local_date: date) -> CheckIn | None:
    return session.exec(select(CheckIn).where(
        CheckIn.participant_id == participant_id, CheckIn.local_date == local_date)).first()


def save_checkin(
    *,
    session: Session,
    participant_id: int,
    local_date: date,
    scores: dict[str, int],
    note: str | None,
    foot_problem: bool | None,
    source: str,
    now: datetime,
) -> SavedCheckIn:
    """Store the day's check-in; an earlier entry for that day is kept as a revision first.

    Written with Core statements rather than the unit of work: this is the hottest write path.
    """
    table, revisions, notes = CheckIn.__table__, CheckInRevision.__table__, Note.__table__
    values = {**{name: scores[name] for name in ITEMS}, "note": note, "foot_problem": foot_problem,
              "source": source, "recorded_at": now}
    existing = session.execute(
        sa_select(table).where(table.c.participant_id == participant_id, table.c.local_date == local_date)
    ).mappings().first()
    if existing is None:
        checkin_id = session.execute(
            sa_insert(table).values(participant_id=participant_id, local_date=local_date, **values)
        ).inserted_primary_key[0]
    else:
        checkin_id = existing["id"]
        kept = {k: v for k, v in existing.items() if k != "id"}
        session.execute(sa_insert(revisions).values(checkin_id=checkin_id, replaced_at=now, **kept))
        session.execute(sa_update(table).where(table.c.id == checkin_id).values(**values))
    if note:
        session.execute(sa_insert(notes).values(participant_id=participant_id, checkin_id=checkin_id,
                                                local_date=local_date, text=note, created_at=now))
    checkin = CheckIn(id=checkin_id, participant_id=participant_id, local_date=local_date, **values)
    return SavedCheckIn(checkin=checkin, replaced=existing is not None)


def recent_checkins(*, session: Session, participant_id: int, limit: int = 14) -> list[CheckIn]:
    return list(session.exec(
        select(CheckIn).where(CheckIn.participant_id == participant_id)
        .order_by(CheckIn.local_date.desc()).limit(limit)  # type: ignore[attr-defined]
    ))


def revisions_for(*, session: Session, checkin_id: int) -> list[CheckInRevision]:
    return list(session.exec(
        select(CheckInRevision).where(CheckInRevision.checkin_id == checkin_id)
        .order_by(CheckInRevision.id)  # type: ignore[arg-type]
    ))


def open_draft(*, session: Session, participant_id: int, local_date: date, now: datetime) -> CheckInDraft:
    """Start a fresh button check-in, closing any earlier unfinished one."""
    for stale in session.exec(select(CheckInDraft).where(
            CheckInDraft.participant_id == participant_id, CheckInDraft.status == "open")):
        stale.status = "cancelled"
        session.add(stale)
    draft = CheckInDraft(participant_id=participant_id, local_date=local_date, created_at=now)
    session.add(draft)
    session.flush()
    return draft


def get_draft(*, session: Session, draft_id: int) -> CheckInDraft | None:
    return session.get(CheckInDraft, draft_id)


def cancel_open_drafts(*, session: Session, participant_id: int) -> int:
    """Close every unfinished button check-in of the participant; returns how many there were."""
    result = session.exec(update(CheckInDraft).where(  # type: ignore[call-overload]
        CheckInDraft.participant_id == participant_id, CheckInDraft.status == "open").values(status="cancelled"))
    return result.rowcount


def get_checkin_by_id(*, session: Session, checkin_id: int) -> CheckIn | None:
    return session.get(CheckIn, checkin_id)

