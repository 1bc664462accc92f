"""A database that is locked or drops its connections for a moment loses no check-in."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, func, select, text

from coach.core.clock import FrozenClock
from coach.services.free_text import messages as inbox
from coach.services.plumbing.runner import UseCaseRunner
from coach.store import participants
from coach.store.db import make_engine, session_scope
from coach.store.migrate import upgrade
from coach.store.models import CheckIn

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def _runner_with_participant(url: str) -> UseCaseRunner:
    engine = make_engine(url)
    with session_scope(engine) as session:
        p = participants.create_participant(session=session, telegram_id=77, chat_id=77, first_name="Ann",
                                            timezone="UTC", now=NOW)
        p.onboarding_step, p.status = None, "active"
    return UseCaseRunner(engine, FrozenClock(NOW), default_timezone="UTC", admin_ids=())


def _checkin(runner: UseCaseRunner, text_line: str) -> str:
    outcome = runner.run(lambda ctx: inbox.handle_text(ctx, telegram_id=77, text=text_line))
    return "\n".join(r.text for r in outcome.replies)


def _count(runner: UseCaseRunner) -> int:
    with session_scope(runner.engine) as session:
        return session.execute(select(func.count()).select_from(CheckIn)).scalar_one()


def test_a_check_in_waits_out_another_writer_holding_the_sqlite_lock(sqlite_url):
    """While another process holds the write lock for a second, the check-in waits and is saved."""
    upgrade(sqlite_url)
    runner = _runner_with_participant(sqlite_url)
    locked, release = threading.Event(), threading.Event()

    def hold_lock() -> None:
        other = create_engine(sqlite_url)
        with other.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            locked.set()
            release.wait(5)
            time.sleep(1.0)
            conn.exec_driver_sql("COMMIT")
        other.dispose()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    locked.wait(5)
    release.set()
    reply = _checkin(runner, "p4 n2 t3 b1")
    holder.join()
    assert "Saved for Sat 21 Nov" in reply and _count(runner) == 1


@pytest.mark.postgres
def test_postgres_connections_dropped_under_the_bot_are_replaced(migrated_postgres):
    """After the server kills every connection (a restart, a failover), the next check-in still lands."""
    runner = _runner_with_participant(migrated_postgres)
    try:
        assert "Saved" in _checkin(runner, "yesterday p1 n1 t1 b1")
        killer = create_engine(migrated_postgres.replace("postgresql://", "postgresql+psycopg://", 1),
                               isolation_level="AUTOCOMMIT")
        with killer.connect() as conn:
            killed = conn.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar_one()
        killer.dispose()
        assert killed >= 1  # the bot's pooled connection really was cut
        assert "Saved for Sat 21 Nov" in _checkin(runner, "p4 n2 t3 b1")
        with session_scope(runner.engine) as session:
            days = session.execute(select(CheckIn.local_date).order_by(CheckIn.local_date)).scalars().all()
        assert days == [date(2026, 11, 20), date(2026, 11, 21)]
    finally:
        with session_scope(runner.engine) as session:
            for table in ("note", "checkin_revision", "checkin", "participant"):
                session.execute(text(f"DELETE FROM {table}"))
        runner.close()
        runner.engine.dispose()
