"""A due reminder's words are stored in the outbox in the transaction that decides them; a worker killed right
after that commit (its rows claimed, not begun) leaves them to another worker's sweep after the lease, which
sends them exactly once and ends the reminder sent, with what sending it changes (the check-in's follow-up).

Two workers on one database, each with its own runner, Bot and Dispatcher, as two bot processes would be; the
first "dies" by deciding a reminder and never sending it. The clock is moved past the lease instead of waiting.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import insert, select
from telegram import Bot

from coach.bot.reminder_sender import Dispatcher
from coach.core.clock import FrozenClock
from coach.devtools.emulator.runner import EmulatorThread
from coach.services.plumbing.runner import UseCaseRunner
from coach.store import reminders as reminder_store
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.store.models import OutboxMessage, Participant, Reminder, Schedule

pytestmark = pytest.mark.timeout(120)

_P, _R, _S, _O = Participant.__table__, Reminder.__table__, Schedule.__table__, OutboxMessage.__table__
TOKEN = "123456789:" + "handover-token-" + "x" * 20
CHAT = 7_100_000_001
NOW = datetime(2026, 11, 21, 12, 0, 5, tzinfo=UTC)
LEASE = timedelta(minutes=2)
GRACE = timedelta(hours=2)
KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _seed(engine) -> int:  # noqa: ANN001 - an Engine
    """One active participant whose check-in (at 12:00 UTC) fell due five seconds ago; the reminder's id."""
    created = NOW - timedelta(days=3)
    with engine.begin() as conn:
        participant = conn.execute(insert(_P).returning(_P.c.id), {
            "telegram_id": CHAT, "chat_id": CHAT, "first_name": "Ida", "status": "active", "onboarding_step": None,
            "awaiting": None, "timezone": "UTC", "condition": "peripheral", "clearance_required": False,
            "cleared_at": None, "paused_until": None, "created_at": created, "updated_at": created}).scalar_one()
        conn.execute(insert(_S), {"participant_id": participant, "checkin_time": time(12, 0), "updated_at": created})
        return conn.execute(insert(_R).returning(_R.c.id), {
            "participant_id": participant, "kind": "checkin", "local_date": NOW.date(), "due_at": NOW - timedelta(
                seconds=5), "status": "queued", "created_at": created}).scalar_one()


def _reminder(engine, reminder_id: int) -> dict:  # noqa: ANN001
    with engine.connect() as conn:
        return dict(conn.execute(select(_R).where(_R.c.id == reminder_id)).mappings().one())


def _outbox(engine) -> list[dict]:  # noqa: ANN001
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(
            select(_O.c.status, _O.c.claimed_by, _O.c.reminder_id, _O.c.message_id).order_by(_O.c.id)).mappings()]


def _follow_ups(engine) -> int:  # noqa: ANN001
    with engine.connect() as conn:
        return len(conn.execute(select(_R.c.id).where(_R.c.kind == "checkin_followup")).all())


@pytest.mark.parametrize("kind", KINDS)
async def test_a_worker_killed_after_handing_a_reminder_over_leaves_it_to_the_sweep_which_sends_it_once(
        request, kind):
    url = request.getfixturevalue("sqlite_url" if kind == "sqlite" else "postgres_url")
    upgrade(url)
    engine = make_engine(url)
    clock = FrozenClock(NOW)
    reminder_id = _seed(engine)
    runners = [UseCaseRunner(engine, clock, default_timezone="UTC", admin_ids=()) for _ in range(2)]
    try:
        with EmulatorThread() as emulator:
            base = emulator.base_url
            async with Bot(TOKEN, base_url=base, base_file_url=base.removesuffix("/bot") + "/file/bot") as bot:
                dead = Dispatcher(runners[0], bot, send_rate=1000.0, grace=GRACE, worker="worker-dead", lease=LEASE)
                alive = Dispatcher(runners[1], bot, send_rate=1000.0, grace=GRACE, worker="worker-alive",
                                   lease=LEASE)

                # The first worker claims and decides the reminder, and dies before sending anything.
                [claimed] = await runners[0].run_async(lambda ctx: reminder_store.claim_due(
                    connection=ctx.connection, now=ctx.now, limit=10, worker=dead.worker))
                rows, reason = await runners[0].run_async(lambda ctx: dead._decide(ctx, claimed))
                assert reason is None and len(rows) == 1
                assert _reminder(engine, reminder_id)["status"] == "handed"
                assert _outbox(engine) == [{"status": "queued", "claimed_by": "worker-dead",
                                            "reminder_id": reminder_id, "message_id": None}]

                # Within the lease the other worker leaves it alone: neither its dispatch nor its sweep sends it.
                clock.set(NOW + LEASE - timedelta(seconds=1))
                report = await alive.dispatch()
                assert (report.sent, report.released, report.expired) == (0, 0, 0)
                await alive.outbound.sweep()
                assert emulator.client.stats()["calls"].get("sendMessage", 0) == 0
                assert _reminder(engine, reminder_id)["status"] == "handed"

                # After the lease, the sweep sends the words once and the reminder ends sent with them.
                clock.set(NOW + LEASE + timedelta(seconds=1))
                await alive.dispatch()  # the reminders' own lease does not take a handed reminder back
                sweep = await alive.outbound.sweep()
                assert (sweep.recovered, sweep.sent, sweep.uncertain) == (1, 1, 0)
                messages = emulator.client.messages()
                assert [m["chat_id"] for m in messages] == [CHAT] and "check-in" in messages[0]["text"]
                ended = _reminder(engine, reminder_id)
                assert (ended["status"], ended["message_id"]) == ("sent", messages[0]["message_id"])
                assert ended["sent_at"] is not None
                assert _outbox(engine)[0]["status"] == "sent"
                assert _follow_ups(engine) == 1  # what a sent check-in reminder changes, done once

                # Nothing sends it again: later rounds of either worker, and the dead one's name coming back.
                clock.set(NOW + 2 * LEASE + timedelta(seconds=2))
                for dispatcher in (alive, dead):
                    await dispatcher.dispatch()
                    await dispatcher.outbound.sweep()
                assert emulator.client.stats()["calls"].get("sendMessage", 0) == 1
                assert _follow_ups(engine) == 1
                assert emulator.client.violations() == []
    finally:
        for runner in runners:
            runner.close()
        engine.dispose()
