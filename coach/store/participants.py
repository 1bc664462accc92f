"""Queries about participants, their consent, screening and schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, delete, select

from coach.store.hot import HotStatement
from coach.store.models import Consent, Participant, Schedule, ScreeningAnswer

# Every update starts with this lookup: built once so its compiled form and cache key are reused.
_BY_TELEGRAM_ID = select(Participant).where(Participant.telegram_id == bindparam("telegram_id"))


def get_by_telegram_id(*, session: Session, telegram_id: int) -> Participant | None:
    return session.execute(_BY_TELEGRAM_ID, {"telegram_id": telegram_id}).scalars().first()


@dataclass(frozen=True)
class ParticipantView:
    """A read-only snapshot of a participant: what the busiest paths read, without the ORM's cost."""

    id: int
    telegram_id: int
    chat_id: int
    first_name: str
    status: str
    onboarding_step: str | None
    awaiting: str | None
    timezone: str
    condition: str | None


_PARTICIPANTS = Participant.__table__
_VIEW_BY_TELEGRAM_ID = HotStatement(sa_select(*(_PARTICIPANTS.c[name] for name in ParticipantView.__dataclass_fields__))
                                    .where(_PARTICIPANTS.c.telegram_id == bindparam("telegram_id")))


def get_view_by_telegram_id(*, connection: Connection, telegram_id: int) -> ParticipantView | None:
    row = _VIEW_BY_TELEGRAM_ID.first(connection, {"telegram_id": telegram_id})
    return ParticipantView(*row) if row is not None else None


def mark_inactive(*, connection: Connection, participant_id: int, now: datetime) -> None:
    """The participant blocked the bot: no more reminders until they /start again."""
    connection.execute(update(_PARTICIPANTS).where(_PARTICIPANTS.c.id == participant_id,
                                                   _PARTICIPANTS.c.status != "inactive")
                       .values(status="inactive", updated_at=now))


def create_participant(
    *, session: Session, telegram_id: int, chat_id: int, first_name: str, timezone: str, now: datetime
) -> Participant:
    participant = Participant(
        telegram_id=telegram_id, chat_id=chat_id, first_name=first_name[:128], timezone=timezone,
        created_at=now, updated_at=now,
    )
    session.add(participant)
    session.flush()
    return participant


def touch(participant: Participant, *, now: datetime) -> None:
    participant.updated_at = now


def delete_participant(*, session: Session, participant: Participant) -> None:
    """Erase a participant; every row that refers to them goes with them (ON DELETE CASCADE)."""
    session.delete(participant)
    session.flush()


def record_consent(*, session: Session, participant_id: int, version: str, now: datetime) -> Consent:
    consent = Consent(participant_id=participant_id, version=version, given_at=now)
    session.add(consent)
    return consent


def save_screening_answer(
    *, session: Session, participant_id: int, question: str, answer: bool, now: datetime
) -> None:
    """Store one answer; answering the same question again replaces the earlier answer."""
    session.exec(delete(ScreeningAnswer).where(
        ScreeningAnswer.participant_id == participant_id, ScreeningAnswer.question == question))
    session.add(ScreeningAnswer(participant_id=participant_id, question=question, answer=answer,
                                answered_at=now))


def screening_answers(*, session: Session, participant_id: int) -> dict[str, bool]:
    rows = session.exec(select(ScreeningAnswer).where(ScreeningAnswer.participant_id == participant_id))
    return {row.question: row.answer for row in rows}


def get_schedule(*, session: Session, participant_id: int) -> Schedule | None:
    return session.exec(select(Schedule).where(Schedule.participant_id == participant_id)).first()


def ensure_schedule(*, session: Session, participant_id: int, now: datetime) -> Schedule:
    """The participant's schedule, created with the defaults if they have none yet."""
    schedule = get_schedule(session=session, participant_id=participant_id)
    if schedule is None:
        schedule = Schedule(participant_id=participant_id, updated_at=now)
        session.add(schedule)
        session.flush()
    return schedule
