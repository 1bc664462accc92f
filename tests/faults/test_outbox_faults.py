"""Nothing the bot decided to say is lost when a worker dies, and nothing is said twice.

What a use case says is stored as outbox rows in its own transaction; the worker that committed sends them, and
when it dies first, another worker sends them after the lease. Each test ends with a reconciliation per
participant: every answer, alert and notice arrived once, or its row is uncertain with a reason — never twice.
The bot-wide pause (a 429 to any worker) is what holds the sends back long enough to kill a worker between its
commit and its sends: it is set in the database, as a 429 would set it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from coach.bot.reminder_sender import process_worker_name
from coach.devtools.cluster.seed import queue_checkin_reminders, seed_participants
from coach.devtools.emulator.runner import EmulatorThread
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.store.models import AuditEntry, CheckIn, OutboxMessage, SendGate
from tests.helpers.cluster import TOKEN, Cluster, now, wait_until

# Several processes each, killed and restarted, with waits long enough for a busy machine; the per-second count
# below runs alone (`serial`), as a loaded neighbour would blur it.
pytestmark = [pytest.mark.timeout(300), pytest.mark.faults]
ADMINS = (90_001, 90_002)
FIRST_CHAT = 800_000
RED_FLAG_CHECKIN = "p4 n2 t3 b1 I fainted in the kitchen"


def _pause_everyone(engine, seconds: float) -> None:
    """As a 429 to any worker would: nobody sends until then."""
    with engine.begin() as connection:
        until = time.time() + seconds
        # The gate's one row is made by a worker's first booking: a worker slow to start may not have made it yet.
        if connection.execute(update(SendGate.__table__).values(paused_until=until)).rowcount == 0:
            connection.execute(insert(SendGate.__table__).values(id=1, next_slot=0.0, paused_until=until))


def _outbox(engine) -> list[tuple[int, int, str, str, str | None, str | None]]:
    """(id, chat, kind, status, detail, claimed_by) of every row."""
    with engine.connect() as connection:
        return list(connection.execute(select(
            OutboxMessage.id, OutboxMessage.chat_id, OutboxMessage.kind, OutboxMessage.status, OutboxMessage.detail,
            OutboxMessage.claimed_by).order_by(OutboxMessage.id)).all())


def _open_rows(engine) -> int:
    return sum(1 for row in _outbox(engine) if row[3] in ("queued", "sending"))


def _messages_by_chat(emulator) -> dict[int, list[str]]:
    by_chat: dict[int, list[str]] = {}
    for message in emulator.client.messages():
        by_chat.setdefault(message["chat_id"], []).append(message.get("text") or message.get("caption") or "")
    return by_chat


def _reconcile(engine, emulator, chats: list[int]) -> Counter:
    """Every row final; each chat got exactly its sent rows (plus at most its uncertain ones), nothing twice; each
    participant's alert reached each admin once (or is uncertain with a reason)."""
    rows = _outbox(engine)
    statuses = Counter(row[3] for row in rows)
    assert statuses["queued"] == statuses["sending"] == 0, statuses
    for row in rows:
        if row[3] != "sent":
            assert row[4], f"row {row[0]} is {row[3]} with no reason"
    messages = _messages_by_chat(emulator)
    per_chat = Counter(row[1] for row in rows if row[3] == "sent")
    uncertain = Counter(row[1] for row in rows if row[3] == "uncertain")
    for chat in set(per_chat) | set(uncertain):
        got = len(messages.get(chat, []))
        assert per_chat[chat] <= got <= per_chat[chat] + uncertain[chat], (chat, got, per_chat[chat])
        duplicates = [text for text, count in Counter(messages.get(chat, [])).items() if count > 1]
        assert not duplicates or chat in ADMINS, (chat, duplicates)
    return statuses


def _alerts_once_each(emulator, chats: list[int], engine) -> None:
    rows = _outbox(engine)
    uncertain_alerts = sum(1 for row in rows if row[2] == "alert" and row[3] == "uncertain")
    for admin in ADMINS:
        texts = emulator.client.messages(admin)
        counts = Counter(chat for chat in chats for m in texts if f"/user_{chat}\n" in m["text"])
        missing = [chat for chat in chats if counts[chat] == 0]
        assert all(counts[chat] <= 1 for chat in chats), [c for c in chats if counts[c] > 1]
        assert len(missing) <= uncertain_alerts, missing


# --- PostgreSQL, three workers --------------------------------------------------------------------------------


@pytest.mark.postgres
def test_a_worker_killed_after_red_flag_checkins_committed_loses_no_alert_and_no_answer(cluster: Cluster):
    chats = list(seed_participants(cluster.engine, list(range(FIRST_CHAT, FIRST_CHAT + 30)),
                                   now=now() - timedelta(days=7)))
    # A lease long enough that a worker slowed by a busy machine still holds what it stored when it is killed.
    cluster.start(3, COACH_ADMIN_IDS=",".join(map(str, ADMINS)), COACH_CLAIM_LEASE_SECONDS="8")
    _pause_everyone(cluster.engine, 60)
    cluster.emulator.client.send_batch([{"user_id": chat, "text": RED_FLAG_CHECKIN, "first_name": "Pat"}
                                        for chat in chats])

    holding: list[str] = []

    def a_worker_holds_committed_alerts() -> bool:
        holding[:] = [row[5] for row in _outbox(cluster.engine)
                      if row[3] == "queued" and row[2] == "alert" and row[5] is not None][:1]
        return bool(holding)

    wait_until(a_worker_holds_committed_alerts, timeout=60, what="a worker to hold stored alerts", cluster=cluster)
    victim = next(worker for worker in cluster.pool.workers if worker.name == holding[0])
    assert cluster.emulator.client.messages() == [], "nothing is sent while paused"
    cluster.pool.kill(victim)
    held = sum(1 for row in _outbox(cluster.engine) if row[5] == victim.name and row[3] == "queued")
    assert held > 0
    _pause_everyone(cluster.engine, 1)  # Telegram's pause ends
    wait_until(lambda: cluster.checkins_by_chat().total() == len(chats) and _open_rows(cluster.engine) == 0
               and len(_outbox(cluster.engine)) >= len(chats) * 3, timeout=120,
               what="every check-in stored and every message final", cluster=cluster)

    assert cluster.checkins_by_chat() == Counter(dict.fromkeys(chats, 1))
    statuses = _reconcile(cluster.engine, cluster.emulator, chats)
    assert statuses["uncertain"] == 0, "paused rows had not begun: they are sent, not uncertain"
    messages = _messages_by_chat(cluster.emulator)
    for chat in chats:
        said = "\n".join(messages.get(chat, []))
        assert said.count("Saved for ") == 1 and "emergency" in said.lower(), (chat, said)
    _alerts_once_each(cluster.emulator, chats, cluster.engine)
    taken_over = [row for row in _outbox(cluster.engine) if row[3] == "sent" and row[5] != victim.name]
    assert taken_over
    print(f"killed holding {held} stored messages; outcome {dict(statuses)}")


@pytest.mark.postgres
def test_a_worker_killed_half_way_through_500_notices_sends_each_once(cluster: Cluster):
    """An admin pauses 500 participants one after another; a worker is killed when half the notices are out."""
    participants = list(seed_participants(cluster.engine, list(range(FIRST_CHAT, FIRST_CHAT + 500)),
                                          now=now() - timedelta(days=7)))
    admin = ADMINS[0]
    cluster.start(3, COACH_ADMIN_IDS=",".join(map(str, ADMINS)))
    cluster.emulator.client.send_batch([{"user_id": admin, "text": f"/pauseuser {chat} 3", "first_name": "Admin"}
                                        for chat in participants])

    def notices_out() -> int:
        return sum(1 for m in cluster.emulator.client.messages() if m["chat_id"] != admin)

    wait_until(lambda: notices_out() >= 250, timeout=120, what="half the notices", cluster=cluster)
    busiest = Counter(row[5] for row in _outbox(cluster.engine)[-20:]).most_common(1)[0][0]
    victim = next(w for w in cluster.pool.workers if w.name == busiest)
    cluster.pool.kill(victim)
    at_kill = notices_out()
    assert at_kill < 500

    def all_done() -> bool:
        with cluster.engine.connect() as connection:
            audited = connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        return audited == 500 and _open_rows(cluster.engine) == 0 and all(
            status == "done" for status, _ in cluster.inbox().values()) and len(cluster.inbox()) == 500

    wait_until(all_done, timeout=180, what="every pause applied and every message final", cluster=cluster)
    with cluster.engine.connect() as connection:
        per_participant = Counter(connection.execute(select(AuditEntry.participant_id)).scalars())
    assert set(per_participant.values()) == {1}, "each participant paused once"
    statuses = _reconcile(cluster.engine, cluster.emulator, participants)
    messages = _messages_by_chat(cluster.emulator)
    uncertain = {row[1] for row in _outbox(cluster.engine) if row[3] == "uncertain"}
    for chat in participants:
        notices = [text for text in messages.get(chat, []) if text.startswith("Your coaching team paused")]
        assert len(notices) == 1 or (chat in uncertain and len(notices) <= 1), (chat, notices)
    confirmations = Counter(m["text"].split(":")[0] for m in cluster.emulator.client.messages(admin)
                            if "They have been told" in m["text"])
    assert all(count == 1 for count in confirmations.values())
    print(f"killed with {at_kill} of 500 notices out; outcome {dict(statuses)}")


@pytest.mark.postgres
@pytest.mark.serial
def test_three_workers_share_one_send_rate_and_one_pause(cluster: Cluster):
    """At 25 a second the emulator never sees more than 25 sends in any second, whichever worker sends; a 429
    to one worker pauses all three."""
    participants = list(seed_participants(cluster.engine, list(range(FIRST_CHAT, FIRST_CHAT + 300)),
                                          now=now() - timedelta(days=7)).values())
    cluster.start(3, COACH_SEND_RATE="25")
    # Due twice as fast as the rate allows, spread over six seconds as real reminders fall due: every worker's
    # ticks find some due (all at once, the first tick would claim a whole batch and leave the others idle).
    for index in range(0, 300, 20):
        queue_checkin_reminders(cluster.engine, participants[index:index + 20], now=now(),
                                due_at=now() + timedelta(seconds=0.4 * index / 20))
    # Counted from the emulator's small stats, not its list of every message: building that list holds up the
    # emulator's loop, and the sends arriving meanwhile would be stamped late and bunched together.
    wait_until(lambda: cluster.emulator.client.stats()["bot_messages"] >= 100, timeout=60, what="100 reminders out",
               cluster=cluster)
    cluster.emulator.client.rate_limit(retry_after=3, times=1)
    wait_until(lambda: cluster.open_reminders() == 0, timeout=120, what="every reminder final", cluster=cluster)

    calls = [c for c in cluster.emulator.client.calls("sendMessage")]
    sent = sorted(c["time"] for c in calls if c["status"] == 200)
    busiest = max(sum(1 for t in sent[i:i + 40] if t < start + 1.0) for i, start in enumerate(sent))
    worst = max(range(len(sent)), key=lambda i: sum(1 for t in sent[i:i + 40] if t < sent[i] + 1.0))
    assert busiest <= 25, (busiest, [round(t - sent[worst], 3) for t in sent[worst:worst + 30]],
                           [c for c in calls if c["status"] != 200])
    (refused,) = [c["time"] for c in calls if c["status"] == 429]
    during = [t for t in sent if refused + 0.5 < t < refused + 2.9]
    assert during == [], f"{len(during)} sends during the pause"
    by_worker = Counter(by for status, _, _, by in cluster.reminders().values() if status == "sent")
    assert len(by_worker) == 3, by_worker
    statuses = Counter(status for status, *_ in cluster.reminders().values())
    assert statuses["sent"] == 300, statuses
    print(f"highest sends in any second: {busiest}; by worker {sorted(by_worker.values())}")


# --- SQLite, one `coach run` ------------------------------------------------------------------------------------


def _coach_run(env: dict[str, str], directory: Path) -> subprocess.Popen:
    log = open(directory / "coach-run.log", "ab")  # noqa: SIM115 - closed with the process
    return subprocess.Popen([sys.executable, "-m", "coach", "run"], env={**os.environ, **env}, cwd=directory,
                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)


def test_one_sqlite_bot_killed_after_a_red_flag_committed_sends_it_after_a_restart(tmp_path):
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    upgrade(url)
    engine = make_engine(url)
    chat = FIRST_CHAT + 1
    seed_participants(engine, [chat], now=now() - timedelta(days=7))
    with EmulatorThread() as emulator:
        env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": emulator.base_url, "DATABASE_URL": url,
               "COACH_ADMIN_IDS": ",".join(map(str, ADMINS)), "COACH_TICK_SECONDS": "0.5",
               "COACH_CLAIM_LEASE_SECONDS": "2", "LOG_LEVEL": "WARNING"}
        first = _coach_run(env, tmp_path)
        try:
            deadline = time.monotonic() + 120
            while not emulator.client.calls("getUpdates"):  # up and polling
                assert time.monotonic() < deadline, (tmp_path / "coach-run.log").read_text()[-3000:]
                time.sleep(0.1)
            _pause_everyone(engine, 6)
            emulator.client.send_text(chat, RED_FLAG_CHECKIN, first_name="Pat")
            deadline = time.monotonic() + 60
            while not any(row[3] == "queued" and row[2] == "alert" for row in _outbox(engine)):
                assert time.monotonic() < deadline, (tmp_path / "coach-run.log").read_text()[-3000:]
                time.sleep(0.1)
            assert emulator.client.messages() == []
            held_by = {row[5] for row in _outbox(engine)}
            assert held_by == {process_worker_name(first.pid)}
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        second = _coach_run(env, tmp_path)
        try:
            deadline = time.monotonic() + 60
            while _open_rows(engine) or len(emulator.client.messages()) < 3:
                assert time.monotonic() < deadline, (tmp_path / "coach-run.log").read_text()[-3000:]
                time.sleep(0.2)
            emulator.client.wait_idle(timeout=5)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(20)
        with engine.connect() as connection:
            assert connection.execute(select(func.count()).select_from(CheckIn)).scalar_one() == 1
        statuses = _reconcile(engine, emulator, [chat])
        assert statuses["uncertain"] == 0
        said = "\n".join(_messages_by_chat(emulator)[chat])
        assert said.count("Saved for ") == 1 and "emergency" in said.lower()
        _alerts_once_each(emulator, [chat], engine)
        assert {row[5] for row in _outbox(engine)} == {process_worker_name(second.pid)}
    engine.dispose()
