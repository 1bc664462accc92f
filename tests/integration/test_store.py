"""The store on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from coach.store import checkins, flags, participants
from coach.store.db import session_scope
from coach.store.models import CheckIn, CheckInRevision, Note

NOW = datetime(2026, 11, 21, 18, 30, tzinfo=UTC)
BIG_TELEGRAM_ID = 7_123_456_789_012  # beyond 32 bits, as Telegram ids now are
SCORES = {"pain": 4, "numbness": 2, "tingling": 3, "balance": 1}


def _participant(session, telegram_id=BIG_TELEGRAM_ID):
    return participants.create_participant(session=session, telegram_id=telegram_id, chat_id=telegram_id,
                                           first_name="Ann", timezone="Europe/Berlin", now=NOW)


def test_big_telegram_ids_and_aware_instants_round_trip(engine):
    """A 13-digit Telegram id and a UTC instant come back exactly as stored."""
    with session_scope(engine) as session:
        _participant(session)
    with session_scope(engine) as session:
        found = participants.get_by_telegram_id(session=session, telegram_id=BIG_TELEGRAM_ID)
        assert found is not None and found.chat_id == BIG_TELEGRAM_ID
        assert found.created_at == NOW and found.created_at.tzinfo is not None


def test_a_later_checkin_for_the_same_day_replaces_it_and_keeps_the_earlier_as_a_revision(engine):
    """One check-in per participant and local date; the replaced entry survives as a revision."""
    day = date(2026, 11, 21)
    with session_scope(engine) as session:
        pid = _participant(session).id
        first = checkins.save_checkin(connection=session.connection(), participant_id=pid, local_date=day,
                                      scores=SCORES, note="slept badly", foot_problem=None, source="typed", now=NOW)
        assert first.replaced is False
    later = {**SCORES, "pain": 6}
    with session_scope(engine) as session:
        second = checkins.save_checkin(connection=session.connection(), participant_id=pid, local_date=day,
                                       scores=later, note=None, foot_problem=False, source="buttons",
                                       now=NOW + timedelta(hours=1))
        assert second.replaced is True
    with session_scope(engine) as session:
        rows = session.exec(select(CheckIn).where(CheckIn.participant_id == pid)).scalars().all()
        assert [(r.local_date, r.pain, r.note) for r in rows] == [(day, 6, None)]
        revisions = checkins.revisions_for(session=session, checkin_id=rows[0].id)
        assert [(r.pain, r.note, r.source, r.replaced_at) for r in revisions] == [
            (4, "slept badly", "typed", NOW + timedelta(hours=1))]
        notes = session.exec(select(Note.text).where(Note.participant_id == pid)).scalars().all()
        assert notes == ["slept badly"]


def test_the_database_itself_refuses_a_score_outside_0_to_10(engine):
    """Even a bug above the store cannot write pain 14: a CHECK constraint stops it."""
    with session_scope(engine) as session:
        pid = _participant(session).id
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(CheckIn(participant_id=pid, local_date=date(2026, 11, 21), pain=14, numbness=0,
                            tingling=0, balance=0, source="typed", recorded_at=NOW))
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(CheckIn)).scalar_one() == 0


def test_a_failed_unit_of_work_stores_nothing_of_it(engine):
    """If anything in a use case fails, none of its writes remain (no half-stored check-in)."""
    with session_scope(engine) as session:
        pid = _participant(session).id
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        checkins.save_checkin(connection=session.connection(), participant_id=pid, local_date=date(2026, 11, 20),
                              scores=SCORES, note="a note", foot_problem=None, source="typed", now=NOW)
        raise RuntimeError("the confirmation could not be built")
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(CheckIn)).scalar_one() == 0
        assert session.exec(select(func.count()).select_from(Note)).scalar_one() == 0


def test_deleting_a_participant_erases_every_row_about_them(engine):
    """Cascading deletes: after erasure no table holds a row of theirs; others are untouched."""
    with session_scope(engine) as session:
        gone, kept = _participant(session), _participant(session, telegram_id=42)
        for person in (gone, kept):
            participants.record_consent(session=session, participant_id=person.id, version="v", now=NOW)
            participants.save_screening_answer(session=session, participant_id=person.id, question="heart",
                                               answer=False, now=NOW)
            participants.ensure_schedule(session=session, participant_id=person.id, now=NOW)
            for offset in range(2):
                checkins.save_checkin(connection=session.connection(), participant_id=person.id,
                                      local_date=date(2026, 11, 21),
                                      scores=SCORES, note=f"note {offset}", foot_problem=None, source="typed",
                                      now=NOW)
            checkins.open_draft(session=session, participant_id=person.id, local_date=date(2026, 11, 21), now=NOW)
            flags.raise_flag(session=session, participant_id=person.id, kind="fainting", urgent=True,
                             source="free_text", excerpt="fainted", now=NOW)
        gone_id, kept_id = gone.id, kept.id
    with session_scope(engine) as session:
        participants.delete_participant(session=session, participant=session.get(type(gone), gone_id))
    with session_scope(engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            if "participant_id" in table.c:
                left = session.execute(select(func.count()).select_from(table)
                                       .where(table.c.participant_id == gone_id)).scalar_one()
                assert left == 0, f"{table.name} still has rows of the erased participant"
        assert session.execute(select(func.count()).select_from(CheckInRevision)
                               .where(CheckInRevision.participant_id == kept_id)).scalar_one() == 1


def test_screening_answers_are_one_per_question(engine):
    """Answering a screening question again replaces the earlier answer."""
    with session_scope(engine) as session:
        pid = _participant(session).id
        participants.save_screening_answer(session=session, participant_id=pid, question="heart", answer=True,
                                           now=NOW)
    with session_scope(engine) as session:
        participants.save_screening_answer(session=session, participant_id=pid, question="heart", answer=False,
                                           now=NOW)
    with session_scope(engine) as session:
        assert participants.screening_answers(session=session, participant_id=pid) == {"heart": False}


def test_open_flags_exclude_acknowledged_ones(engine):
    """A flag stays open until acknowledged."""
    with session_scope(engine) as session:
        pid = _participant(session).id
        first = flags.raise_flag(session=session, participant_id=pid, kind="chest_pain", urgent=True,
                                 source="free_text", excerpt="chest pain", now=NOW)
        flags.raise_flag(session=session, participant_id=pid, kind="fall_injury", urgent=False,
                         source="free_text", excerpt="fell", now=NOW)
        first.acknowledged_at = NOW
        first.acknowledged_by = 1
    with session_scope(engine) as session:
        assert [f.kind for f in flags.open_flags(session=session, participant_id=pid)] == ["fall_injury"]
