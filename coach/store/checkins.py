"""Queries about check-ins, their revisions, drafts and notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from coach.store.models import CheckIn, CheckInDraft, CheckInRevision, Note

SCORE_FIELDS = ("pain", "numbness", "tingling", "balance")


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
    """Store the day's check-in; an earlier entry for that day is kept as a revision first."""
    existing = get_checkin(session=session, participant_id=participant_id, local_date=local_date)
    if existing is not None:
        session.add(CheckInRevision(
            participant_id=participant_id, checkin_id=existing.id, local_date=existing.local_date,
            pain=existing.pain, numbness=existing.numbness, tingling=existing.tingling,
            balance=existing.balance, foot_problem=existing.foot_problem, note=existing.note,
            source=existing.source, recorded_at=existing.recorded_at, replaced_at=now,
        ))
        checkin = existing
    else:
        checkin = CheckIn(participant_id=participant_id, local_date=local_date, pain=0, numbness=0,
                          tingling=0, balance=0, source=source, recorded_at=now)
    for name in SCORE_FIELDS:
        setattr(checkin, name, scores[name])
    checkin.note = note
    checkin.foot_problem = foot_problem
    checkin.source = source
    checkin.recorded_at = now
    session.add(checkin)
    session.flush()
    if note:
        session.add(Note(participant_id=participant_id, checkin_id=checkin.id, local_date=local_date,
                         text=note, created_at=now))
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
    count = 0
    for draft in session.exec(select(CheckInDraft).where(
            CheckInDraft.participant_id == participant_id, CheckInDraft.status == "open")):
        draft.status = "cancelled"
        session.add(draft)
        count += 1
    return count


def get_checkin_by_id(*, session: Session, checkin_id: int) -> CheckIn | None:
    return session.get(CheckIn, checkin_id)


def attach_draft_message(*, session: Session, draft_id: int, message_id: int) -> None:
    draft = session.get(CheckInDraft, draft_id)
    if draft is not None:
        draft.message_id = message_id
        session.add(draft)
