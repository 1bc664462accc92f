"""Two dispatchers on one PostgreSQL database share 3,000 due reminders, and each is sent exactly once.

(bench/fanout.py does the same with 10,000 participants and three worker processes, and counts duplicates and
misses there: this test keeps the claims' promise in every run of the suite at a size that costs seconds.)

This is the operator's promise behind running more than one bot worker: add a second process
and reminders go out faster, never twice and never not at all. Nothing in the dispatcher
coordinates the workers; the only thing keeping them apart is `claim_due`'s
`SELECT … FOR UPDATE SKIP LOCKED` followed by marking the claimed rows `sending`.

The setup is as close to production as a test gets:

* a fresh PostgreSQL database, brought to the current schema by the real Alembic migrations;
* 3,000 active, onboarded participants, each with one `queued` check-in reminder that fell due
  during the past minute (seeded with Core executemany, not the ORM, to keep setup fast);
* the local Bot API emulator, serving real HTTP and checking every call against Telegram's
  method table;
* two workers, each with its own thread, event loop, engine (connection pool), UseCaseRunner
  and real `telegram.Bot` talking HTTP to the emulator, exactly as two bot processes would;
* small batches (60) so the two claim side by side many times, a send rate high enough not to
  matter, a grace window wide enough that nothing expires, and a frozen clock just after the
  last reminder fell due.

Both workers start together (a barrier) and each calls `Dispatcher.dispatch()` until a round
claims nothing and no reminder is left queued. Then, as an operator would check it:

* the emulator saw exactly 3,000 sendMessage calls and every chat holds exactly one message,
  its participant's own check-in reminder — none twice, none missed;
* every reminder row ends `sent`, with the message_id Telegram (the emulator) gave that message;
* both workers did a substantial share, and their claims interleave (so they really ran at the
  same time rather than one after the other);
* the emulator recorded no call the real Bot API would have rejected.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select
from telegram import Bot

from coach.bot.reminder_sender import Dispatcher, DispatchReport
from coach.core.clock import FrozenClock
from coach.devtools.emulator.runner import EmulatorThread
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.runner import UseCaseRunner
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.store.models import Participant, Reminder

# ~30 s on an idle 2-core machine; the generous timeout only keeps a busy CI box from failing it.
pytestmark = [pytest.mark.postgres, pytest.mark.timeout(240)]

_P, _R = Participant.__table__, Reminder.__table__

TOKEN = "123456789:" + "dispatch-pg-token-" + "x" * 20
PARTICIPANTS = 3_000
BATCH = 60
WORKERS = ("worker-a", "worker-b")
# The reminders fell due one after another over the minute before NOW - 5 s; the clock stands at NOW.
NOW = datetime(2026, 11, 21, 19, 0, 5, tzinfo=UTC)
DUE_FROM = NOW - timedelta(seconds=65)
SEND_RATE = 1_000_000.0  # no practical limit: pacing is not what this test is about
GRACE = timedelta(hours=2)  # nothing here is late enough to expire
FIRST_CHAT_ID = 7_000_000_000  # beyond 32 bits, as Telegram ids now are
DEADLINE_SECONDS = 180.0  # a worker that has not finished by then has a bug, not a slow machine
# Each worker must do at least this share, and the owner must change this often along the due order.
MIN_SHARE = 0.2
MIN_OWNER_CHANGES = 10


def _first_name(index: int) -> str:
    return f"P{index:05d}"


def _seed(url: str) -> dict[int, str]:
    """3,000 onboarded participants with one due check-in reminder each; returns chat id -> first name."""
    engine = make_engine(url)
    names = {FIRST_CHAT_ID + i: _first_name(i) for i in range(PARTICIPANTS)}
    created = NOW - timedelta(days=3)
    try:
        with engine.begin() as conn:
            conn.execute(insert(_P), [
                {"telegram_id": chat_id, "chat_id": chat_id, "first_name": name, "status": "active",
                 "onboarding_step": None, "awaiting": None, "timezone": "UTC", "condition": "peripheral",
                 "clearance_required": False, "cleared_at": None, "paused_until": None,
                 "created_at": created, "updated_at": created}
                for chat_id, name in names.items()])
            ids = dict(conn.execute(select(_P.c.chat_id, _P.c.id)).all())
            step = timedelta(seconds=60) / PARTICIPANTS
            conn.execute(insert(_R), [
                {"participant_id": ids[chat_id], "kind": "checkin", "local_date": NOW.date(),
                 "due_at": DUE_FROM + index * step, "status": "queued", "created_at": created}
                for index, chat_id in enumerate(names)])
    finally:
        engine.dispose()
    return names


@dataclass
class WorkerLog:
    """What one worker did: its rounds, summed, and how long it ran."""

    name: str
    rounds: int = 0
    totals: DispatchReport = field(default_factory=DispatchReport)
    seconds: float = 0.0


def _claimed(report: DispatchReport) -> int:
    """Every reminder a round claimed ends in exactly one of these (expiry happens before claiming)."""
    return report.sent + report.skipped + report.failed + report.uncertain + report.released


async def _dispatch_until_done(name: str, url: str, base_url: str, start: threading.Barrier) -> WorkerLog:
    """One worker, as its own bot process would be: own engine, runner, Bot and event loop."""
    log = WorkerLog(name)
    engine = make_engine(url)
    runner = UseCaseRunner(engine, FrozenClock(NOW), default_timezone="UTC", admin_ids=())
    try:
        # Built like coach.bot.app builds the application's bot.
        async with Bot(token=TOKEN, base_url=base_url,
                       base_file_url=base_url.removesuffix("/bot") + "/file/bot") as bot:
            dispatcher = Dispatcher(runner, bot, send_rate=SEND_RATE, grace=GRACE, batch=BATCH, worker=name)
            await asyncio.to_thread(start.wait)  # both begin claiming at the same moment
            began = time.monotonic()
            while True:
                if time.monotonic() - began > DEADLINE_SECONDS:
                    raise AssertionError(f"{name} still dispatching after {DEADLINE_SECONDS}s: {log}")
                report = await dispatcher.dispatch()
                log.rounds += 1
                for part in ("sent", "skipped", "failed", "uncertain", "expired", "released"):
                    setattr(log.totals, part, getattr(log.totals, part) + getattr(report, part))
                if _claimed(report) == 0:
                    # Nothing claimable: done if nothing is queued, else the rows are locked by
                    # the other worker's claim this instant and will be `sending` in a moment.
                    if await runner.run_async(_queued_left) == 0:
                        break
                    await asyncio.sleep(0.01)
            log.seconds = time.monotonic() - began
    finally:
        runner.close()
        engine.dispose()
    return log


def _queued_left(ctx: UseCaseContext) -> int:
    """Reminders still waiting to be claimed."""
    return ctx.connection.execute(
        select(func.count()).select_from(_R).where(_R.c.status == "queued")).scalar_one()


def _run_worker(name: str, url: str, base_url: str, start: threading.Barrier) -> WorkerLog:
    return asyncio.run(_dispatch_until_done(name, url, base_url, start))


def test_two_dispatchers_share_three_thousand_due_reminders_and_send_each_exactly_once(postgres_url):
    upgrade(postgres_url)
    names = _seed(postgres_url)

    with EmulatorThread() as emulator:
        start = threading.Barrier(len(WORKERS), timeout=30)
        with ThreadPoolExecutor(max_workers=len(WORKERS), thread_name_prefix="dispatcher") as pool:
            futures = [pool.submit(_run_worker, name, postgres_url, emulator.base_url, start) for name in WORKERS]
            logs = [future.result(timeout=DEADLINE_SECONDS + 30) for future in futures]

        messages = emulator.client.messages()
        stats = emulator.client.stats()
        violations = emulator.client.violations()

    # The workers' own accounts: everything sent, nothing skipped, failed, uncertain or expired.
    for log in logs:
        assert (log.totals.skipped, log.totals.failed, log.totals.uncertain, log.totals.expired,
                log.totals.released) == (0, 0, 0, 0, 0), log
    assert sum(log.totals.sent for log in logs) == PARTICIPANTS, logs

    # What the participants saw: exactly one message in every chat, their own reminder.
    assert stats["calls"].get("sendMessage") == PARTICIPANTS, stats["calls"]
    per_chat = Counter(m["chat_id"] for m in messages)
    twice = sorted(chat for chat, n in per_chat.items() if n > 1)
    missed = sorted(set(names) - set(per_chat))
    strangers = sorted(set(per_chat) - set(names))
    assert not twice, f"{len(twice)} chats got more than one message, e.g. {twice[:5]}"
    assert not missed, f"{len(missed)} chats got no message, e.g. {missed[:5]}"
    assert not strangers, f"messages went to chats nobody has: {strangers[:5]}"
    # Each message greets its own participant (names are unique), and all are the one check-in
    # reminder otherwise: nobody got someone else's reminder.
    not_theirs = [m["chat_id"] for m in messages if names[m["chat_id"]] not in (m["text"] or "")]
    assert not not_theirs, f"{len(not_theirs)} chats got a message not addressed to them, e.g. {not_theirs[:5]}"
    templates = Counter(m["text"].replace(names[m["chat_id"]], "{name}") for m in messages)
    assert len(templates) == 1 and "check-in" in next(iter(templates)), templates.most_common(3)
    message_ids = {m["chat_id"]: m["message_id"] for m in messages}

    # What the database says: every row sent, carrying the message id Telegram returned for it.
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(_P.c.chat_id, _R.c.id, _R.c.status, _R.c.message_id, _R.c.claimed_by, _R.c.sent_at)
                .join(_P, _P.c.id == _R.c.participant_id).order_by(_R.c.due_at, _R.c.id)).all()
    finally:
        engine.dispose()
    assert len(rows) == PARTICIPANTS
    assert Counter(row.status for row in rows) == {"sent": PARTICIPANTS}
    mismatched = [row.chat_id for row in rows if row.message_id is None or row.message_id != message_ids[row.chat_id]]
    assert not mismatched, f"{len(mismatched)} rows lack the message_id of their message, e.g. {mismatched[:5]}"
    assert all(row.sent_at == NOW for row in rows)

    # Both workers did a substantial share, and their claims interleave along the queue.
    shares = Counter(row.claimed_by for row in rows)
    assert set(shares) == set(WORKERS), shares
    for worker in WORKERS:
        assert shares[worker] >= MIN_SHARE * PARTICIPANTS, shares
    for log in logs:
        assert log.totals.sent == shares[log.name], (log, shares)
    owner_changes = sum(1 for before, after in zip(rows, rows[1:], strict=False)
                        if before.claimed_by != after.claimed_by)
    assert owner_changes >= MIN_OWNER_CHANGES, f"claims barely interleaved ({owner_changes} owner changes): {shares}"

    assert violations == [], f"the bot made calls the Bot API would reject: {violations[:3]}"
