"""Queries about check-ins, their revisions, drafts and notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, bindparam
from sqlalchemy import insert as sa_insert
from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlmodel import Session, select

from coach.domain.states import DraftStatus
from coach.domain.symptoms import ITEMS
from coach.store.db import insert_ignoring_duplicates
from coach.store.hot import HotStatement
from coach.store.models import CheckIn, CheckInDraft, CheckInRevision, Note


@dataclass(frozen=True)
class StoredCheckIn:
    """What was just written: enough to confirm it, without loading an ORM object back."""
    id: int
    local_date: date
    pain: int
    numbness: int
    tingling: int
    balance: int
    note: str | None
    foot_problem: bool | None


@dataclass(frozen=True)
class SavedCheckIn:
    checkin: StoredCheckIn
    replaced: bool


def get_checkin(*, session: Session, participant_id: int, local_date: date) -> CheckIn | None:
    return session.exec(select(CheckIn).where(
        CheckIn.participant_id == participant_id, CheckIn.local_date == local_date)).first()


# The hottest write path, so its statements are built once: SQLAlchemy then reuses their compiled
# form and cache keys instead of rebuilding them for every message.
_CHECKINS, _REVISIONS, _NOTES = CheckIn.__table__, CheckInRevision.__table__, Note.__table__
_EXISTING = sa_select(_CHECKINS).where(_CHECKINS.c.participant_id == bindparam("participant_id"),
                                       _CHECKINS.c.local_date == bindparam("local_date"))
_INSERT_IF_NEW = {name: stmt.returning(_CHECKINS.c.id) for name, stmt in
                  insert_ignoring_duplicates(_CHECKINS, ["participant_id", "local_date"]).items()}
_INSERT_IF_NEW_HOT = HotStatement(_INSERT_IF_NEW["sqlite"], elsewhere=_INSERT_IF_NEW["postgresql"], column_keys=(
    "participant_id", "local_date", *ITEMS, "note", "foot_problem", "source", "recorded_at"))
_INSERT_REVISION = sa_insert(_REVISIONS)
_REPLACE_CHECKIN = sa_update(_CHECKINS).where(_CHECKINS.c.id == bindparam("checkin_id"))
_INSERT_NOTE = HotStatement(sa_insert(_NOTES).returning(_NOTES.c.id), column_keys=(
    "participant_id", "checkin_id", "local_date", "text", "created_at"))


def save_checkin(
    *,
    connection: Connection,
    participant_id: int,
    local_date: date,
    scores: dict[str, int],
    note: str | None,
    foot_problem: bool | None,
    source: str,
    now: datetime,
) -> SavedCheckIn:
    """Store the day's check-in; an earlier entry for that day is kept as a revision first."""
    values = {**{name: scores[name] for name in ITEMS}, "note": note, "foot_problem": foot_problem,
              "source": source, "recorded_at": now}
    key = {"participant_id": participant_id, "local_date": local_date}
    # Usually the first entry of the day: one statement that inserts unless the day is taken.
    checkin_id = _INSERT_IF_NEW_HOT.insert(connection, {**key, **values})
    existing = None
    if checkin_id is None:
        existing = connection.execute(_EXISTING, key).mappings().one()
        checkin_id = existing["id"]
        kept = {k: v for k, v in existing.items() if k != "id"}
        connection.execute(_INSERT_REVISION, {"checkin_id": checkin_id, "replaced_at": now, **kept})
        connection.execute(_REPLACE_CHECKIN, {"checkin_id": checkin_id, **values})
    if note:
        _INSERT_NOTE.insert(connection, {"participant_id": participant_id, "checkin_id": checkin_id,
                                         "local_date": local_date, "text": note, "created_at": now})
    stored = StoredCheckIn(id=checkin_id, local_date=local_date, note=note, foot_problem=foot_problem,
                           **{name: scores[name] for name in ITEMS})
    return SavedCheckIn(checkin=stored, replaced=existing is not None)


def has_checked_in(*, connection: Connection, participant_id: int, local_date: date) -> bool:
    key = {"participant_id": participant_id, "local_date": local_date}
    return connection.execute(_EXISTING, key).first() is not None


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
            CheckInDraft.participant_id == participant_id, CheckInDraft.status == DraftStatus.OPEN)):
        stale.status = DraftStatus.CANCELLED
        session.add(stale)
    draft = CheckInDraft(participant_id=participant_id, local_date=local_date, created_at=now)
    session.add(draft)
    session.flush()
    return draft


def get_draft(*, session: Session, draft_id: int) -> CheckInDraft | None:
    return session.get(CheckInDraft, draft_id)


def get_open_draft(*, session: Session, participant_id: int) -> CheckInDraft | None:
    """The participant's unfinished button check-in: there is at most one (opening one closes the others)."""
    return session.exec(select(CheckInDraft).where(
        CheckInDraft.participant_id == participant_id, CheckInDraft.status == DraftStatus.OPEN)
        .order_by(CheckInDraft.id.desc()).limit(1)).first()


_DRAFTS = CheckInDraft.__table__
_CANCEL_OPEN_DRAFTS = sa_update(_DRAFTS).where(
    _DRAFTS.c.participant_id == bindparam("owner_id"), _DRAFTS.c.status == DraftStatus.OPEN).values(
    status=DraftStatus.CANCELLED)


def cancel_open_drafts(*, connection: Connection, participant_id: int) -> int:
    """Close every unfinished button check-in of the participant; returns how many there were."""
    return connection.execute(_CANCEL_OPEN_DRAFTS, {"owner_id": participant_id}).rowcount


def get_checkin_by_id(*, session: Session, checkin_id: int) -> CheckIn | None:
    return session.get(CheckIn, checkin_id)


def checkins_between(*, session: Session, participant_id: int, first: date, last: date) -> list[CheckIn]:
    """The participant's check-ins from `first` to `last` (local dates, inclusive), oldest first."""
    return list(session.exec(select(CheckIn).where(
        CheckIn.participant_id == participant_id, CheckIn.local_date >= first, CheckIn.local_date <= last)
        .order_by(CheckIn.local_date)))
