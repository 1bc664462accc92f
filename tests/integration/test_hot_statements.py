"""The check-in path's statements that skip SQLAlchemy's wrapper (coach/store/hot.py) store and read exactly what
SQLAlchemy itself would, on both databases, and fail the way the use-case runner knows how to retry."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import OperationalError

from coach.store import checkins as checkin_store
from coach.store import outbox as outbox_store
from coach.store import participants as participant_store
from coach.store import reminders as reminder_store
from coach.store.db import make_engine, session_scope
from coach.store.models import CheckIn, Note, OutboxMessage, Reminder
from tests.helpers.databases import migrated_sqlite_url

NOW = datetime(2026, 3, 2, 8, 30, 15, 123456, tzinfo=UTC)


def _participant(engine) -> tuple[int, int]:  # noqa: ANN001
    with session_scope(engine) as session:
        p = participant_store.create_participant(session=session, telegram_id=4242, chat_id=4242, first_name="Ana",
                                                 timezone="Europe/Lisbon", now=NOW)
        p.onboarding_step, p.status = None, "active"
        return p.id, p.telegram_id


def test_a_checkin_a_note_and_a_reply_row_read_back_through_the_orm_as_written(engine):
    participant_id, telegram_id = _participant(engine)
    with engine.begin() as connection:
        view = participant_store.get_view_by_telegram_id(connection=connection, telegram_id=telegram_id)
        saved = checkin_store.save_checkin(connection=connection, participant_id=participant_id,
                                           local_date=date(2026, 3, 2), scores={"pain": 4, "numbness": 2,
                                                                                "tingling": 0, "balance": 10},
                                           note="walked to the shop", foot_problem=False, source="typed", now=NOW)
        free = outbox_store.free_to_send(connection=connection, chat_ids={4242}, worker="w1", wall=NOW.timestamp())
        [row_id] = outbox_store.add(connection=connection, rows=[{"chat_id": 4242, "kind": "reply", "body": "{}"}],
                                    worker="w1", now=NOW, begun=True)
    assert view is not None and (view.id, view.first_name, view.timezone) == (participant_id, "Ana", "Europe/Lisbon")
    assert free is True and not saved.replaced
    with session_scope(engine) as session:
        checkin = session.get(CheckIn, saved.checkin.id)
        assert (checkin.local_date, checkin.pain, checkin.balance, checkin.foot_problem, checkin.source) == (
            date(2026, 3, 2), 4, 10, False, "typed")
        assert checkin.recorded_at == NOW  # the UTC datetime survives the trip, to the microsecond
        note = session.exec(select(Note).where(Note.checkin_id == checkin.id)).scalars().one()
        assert (note.text, note.local_date, note.created_at) == ("walked to the shop", date(2026, 3, 2), NOW)
        message = session.get(OutboxMessage, row_id)
        assert (message.status, message.claimed_by, message.claimed_at, message.attempted_at) == (
            "sending", "w1", NOW, NOW)
    # The same day again: the insert-if-new reports nothing inserted, and the first entry becomes a revision.
    with engine.begin() as connection:
        again = checkin_store.save_checkin(connection=connection, participant_id=participant_id,
                                           local_date=date(2026, 3, 2), scores={"pain": 5, "numbness": 2,
                                                                                "tingling": 0, "balance": 9},
                                           note=None, foot_problem=None, source="typed", now=NOW)
    assert again.replaced and again.checkin.id == saved.checkin.id
    # A row of this chat still queued in another worker's hands: replies wait their turn.
    with engine.begin() as connection:
        outbox_store.add(connection=connection, rows=[{"chat_id": 4242, "kind": "reply", "body": "{}"}],
                         worker="w2", now=NOW)
        assert not outbox_store.free_to_send(connection=connection, chat_ids={4242}, worker="w1",
                                             wall=NOW.timestamp())
        # …and w2's waits for w1's reply, still being sent, until that send has ended.
        assert not outbox_store.free_to_send(connection=connection, chat_ids={4242}, worker="w2",
                                             wall=NOW.timestamp())
        outbox_store.finish(connection=connection, results=[outbox_store.Finished(row_id, "sent", message_id=7)],
                            worker="w1", now=NOW)
        assert outbox_store.free_to_send(connection=connection, chat_ids={4242}, worker="w2", wall=NOW.timestamp())
        assert outbox_store.free_to_send(connection=connection, chat_ids={4242, 99}, worker="w2",
                                         wall=NOW.timestamp())
        outbox_store.pause(connection=connection, until=NOW.timestamp() + 30)
        assert not outbox_store.free_to_send(connection=connection, chat_ids={4242}, worker="w2",
                                             wall=NOW.timestamp())


def test_sqlite_gets_the_very_parameters_sqlalchemy_would_send(tmp_path):
    """Run the same insert once through SQLAlchemy and once hot: the driver sees the same values."""
    engine = make_engine(migrated_sqlite_url(tmp_path / "coach.db"))
    participant_id, _ = _participant(engine)
    sent: list[tuple] = []

    @event.listens_for(engine, "before_cursor_execute")
    def capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001, ARG001
        sent.append(tuple(parameters))

    values = {"participant_id": participant_id, "local_date": date(2026, 3, 3), "pain": 1, "numbness": 2,
              "tingling": 3, "balance": 4, "note": "n", "foot_problem": True, "source": "typed", "recorded_at": NOW}
    with engine.begin() as connection:
        connection.execute(checkin_store._INSERT_IF_NEW["sqlite"], values)
    hot_sql, order, construct, processors = checkin_store._INSERT_IF_NEW_HOT._prepared(engine.connect())
    params = construct({**values, "local_date": date(2026, 3, 4)})
    hot_args = tuple(processors[name](params[name]) if name in processors else params[name] for name in order)
    expected = list(sent[0])
    expected[1] = "2026-03-04"
    assert hot_args == tuple(expected)
    engine.dispose()


def test_a_locked_database_is_sqlalchemys_operational_error_so_the_runner_retries(tmp_path):
    sqlite_url = migrated_sqlite_url(tmp_path / "coach.db")
    engine = make_engine(sqlite_url)
    path = sqlite_url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA busy_timeout=0")
            connection.commit()
            with pytest.raises(OperationalError, match="locked"), connection.begin():
                outbox_store.add(connection=connection, rows=[{"chat_id": 1, "kind": "reply", "body": "{}"}],
                                 worker="w1", now=NOW)
    finally:
        holder.rollback()
        holder.close()
    with engine.begin() as connection:  # nothing half-stored; the next attempt goes through
        outbox_store.add(connection=connection, rows=[{"chat_id": 1, "kind": "reply", "body": "{}"}],
                         worker="w1", now=NOW)
        assert connection.execute(select(OutboxMessage.id)).all() != []
    engine.dispose()


def test_planned_reminders_are_stored_as_sqlalchemy_stores_them_and_a_day_is_never_queued_twice(engine):
    first, _ = _participant(engine)
    with session_scope(engine) as session:
        second = participant_store.create_participant(session=session, telegram_id=4343, chat_id=4343,
                                                      first_name="Bo", timezone="Asia/Tokyo", now=NOW).id
    due = [datetime(2026, 3, 2, 18, 0, tzinfo=UTC), datetime(2026, 3, 3, 18, 0, 0, 250, tzinfo=UTC)]
    rows = [{"participant_id": who, "kind": "checkin", "local_date": day.date(), "due_at": day, "status": "queued",
             "created_at": NOW} for who in (first, second) for day in due]
    with engine.begin() as connection:
        connection.execute(reminder_store._INSERT_IGNORING_DUPLICATES[engine.dialect.name], rows[:2])  # SQLAlchemy
        reminder_store.queue(connection=connection, rows=rows[2:])  # hot on SQLite
        reminder_store.queue(connection=connection, rows=rows)  # all again: nothing new
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT participant_id, local_date, due_at, created_at, status "
                                         "FROM reminder ORDER BY participant_id, due_at")).all()
    assert len(stored) == 4
    mine, theirs = stored[:2], stored[2:]
    # Byte for byte the same text (SQLite) or values (PostgreSQL) for the same instants, however they were written.
    assert [row[1:] for row in mine] == [row[1:] for row in theirs]
    with session_scope(engine) as session:
        back = session.exec(select(Reminder).where(Reminder.participant_id == second)
                            .order_by(Reminder.due_at)).scalars().all()
        assert [(r.local_date, r.due_at, r.created_at) for r in back] == [(d.date(), d, NOW) for d in due]
