"""Several workers on PostgreSQL survive crashes, a database restart, a failing Telegram and redeliveries.

Each test ends with a reconciliation, per participant: every update the emulator delivered is stored
once and applied once, and every due reminder was sent once or marked uncertain (or expired) with a
reason — never sent twice, never silently dropped.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from coach.devtools.cluster.seed import queue_checkin_reminders, seed_participants
from coach.services import texts
from tests.helpers.cluster import Cluster, now, wait_until

# Killed workers, with waits long enough for a busy machine; the restarted PostgreSQL server is the test's own.
pytestmark = [pytest.mark.postgres, pytest.mark.timeout(300), pytest.mark.faults]
FIRST_CHAT = 700_000
CHECKIN = "p4 n2 t3 b1"


def _participants(cluster: Cluster, count: int, *, first: int = FIRST_CHAT) -> dict[int, int]:
    return seed_participants(cluster.engine, list(range(first, first + count)), now=now() - timedelta(days=7))


def _due_reminders(cluster: Cluster, participants: dict[int, int]) -> None:
    queue_checkin_reminders(cluster.engine, list(participants.values()), due_at=now() - timedelta(seconds=5),
                            now=now())


def _check_in_all(cluster: Cluster, chats: list[int]) -> None:
    cluster.emulator.client.send_batch([{"user_id": chat, "text": CHECKIN, "first_name": "Pat"} for chat in chats])


def _every_update_delivered_and_handled(cluster: Cluster, expected: int) -> bool:
    log = cluster.emulator.client.webhook_log()
    inbox = cluster.inbox()
    return (len(log) >= expected and all(entry["acknowledged"] for entry in log)
            and len(inbox) >= expected and all(status == "done" for status, _ in inbox.values()))


def _reconcile_reminders(cluster: Cluster, chats: set[int], *, allowed_uncertain: int) -> dict[str, int]:
    """Every reminder final; each chat messaged at most once, and exactly once when its reminder says sent."""
    reminders = cluster.reminders()
    messages = cluster.bot_messages_by_chat()
    statuses = Counter(status for status, *_ in reminders.values())
    missed = [chat for chat, (status, *_) in reminders.items() if status not in ("sent", "uncertain", "expired")]
    duplicates = [chat for chat in chats if len(messages.get(chat, [])) > 1]
    assert missed == [] and duplicates == [], (missed[:10], duplicates[:10])
    for chat, (status, detail, message_id, _) in reminders.items():
        if status == "sent":
            assert [m["message_id"] for m in messages.get(chat, [])] == [message_id], chat
            assert messages[chat][0]["text"].startswith("Time for your daily check-in")
        else:
            assert detail, f"reminder for chat {chat} is {status} with no reason"
    assert statuses["uncertain"] <= allowed_uncertain, statuses
    return dict(statuses)


def _reconcile_checkins(cluster: Cluster, chats: list[int]) -> None:
    """Each participant's one check-in is stored once, and answered once with its confirmation."""
    stored = cluster.checkins_by_chat()
    assert {chat: stored[chat] for chat in chats} == dict.fromkeys(chats, 1)
    messages = cluster.bot_messages_by_chat()
    for chat in chats:
        answers = [m["text"] for m in messages.get(chat, [])]
        assert len(answers) == 1 and answers[0].startswith("Saved for "), (chat, answers)


def test_a_worker_killed_mid_fanout_loses_no_reminder_and_sends_none_twice(cluster):
    """SIGKILL takes one of three workers in the middle of a 2,000-reminder fan-out: the other two send the
    rest, including what the dead one had claimed but not begun (after the lease); at most the one send it
    was making is uncertain."""
    participants = _participants(cluster, 2000)
    _due_reminders(cluster, participants)
    cluster.start(3, COACH_SEND_RATE="300")
    victim = cluster.pool.workers[0]

    def victim_is_mid_batch() -> bool:
        mine = [status for status, _, _, by in cluster.reminders().values() if by == victim.name]
        return mine.count("sent") >= 200 and "sending" in mine

    wait_until(victim_is_mid_batch, timeout=60, what="the first worker to be mid-batch", cluster=cluster)
    cluster.pool.kill(victim)
    held = sum(1 for status, *_ in cluster.reminders().values() if status == "sending")
    assert held > 0
    wait_until(lambda: cluster.open_reminders() == 0, timeout=120, what="every reminder to be final",
               cluster=cluster)

    statuses = _reconcile_reminders(cluster, set(participants), allowed_uncertain=1)
    assert statuses.get("sent", 0) + statuses.get("uncertain", 0) == 2000
    survivors = {w.name for w in cluster.pool.workers[1:]}
    by_worker = Counter(by for status, _, _, by in cluster.reminders().values() if status == "sent")
    assert all(by_worker[name] > 0 for name in survivors), by_worker
    for status, detail, _, by in cluster.reminders().values():
        if status == "uncertain":
            assert (by, detail) == (victim.name, "worker stopped while sending")
    print(f"killed holding {held} claims; outcome {statuses}; sent by survivors {sorted(by_worker.values())}")


def _refused_posts(cluster: Cluster) -> int:
    return sum(1 for entry in cluster.emulator.client.webhook_log()
               if any(status != 200 for status in entry["statuses"]))


def test_the_database_restarting_during_handling_loses_no_message(cluster_on_own_postgres: Cluster, own_postgres):
    """PostgreSQL goes down while 300 check-ins are being delivered and handled, and comes back: posts that
    could not be stored got a 503 and were delivered again, handling that failed was tried again, and the
    workers recovered on their own — each check-in stored once and answered once, nobody told to try again.
    The server is the test's own, so the rest of the suite goes on meanwhile."""
    cluster = cluster_on_own_postgres
    chats = list(_participants(cluster, 300))
    cluster.start(2)
    _check_in_all(cluster, chats)
    wait_until(lambda: len(cluster.emulator.client.webhook_log()) >= 1, timeout=30,
               what="deliveries to begin", cluster=cluster)
    own_postgres.stop()
    try:
        # Down until Telegram's posts are seen refused (stored nowhere, so never acknowledged).
        wait_until(lambda: _refused_posts(cluster) > 0, timeout=60, what="a post refused", cluster=cluster)
        assert all(worker.health() is None for worker in cluster.pool.workers)  # /healthz says 503
    finally:
        own_postgres.start()
    wait_until(lambda: _every_update_delivered_and_handled(cluster, len(chats)), timeout=120,
               what="every update to be stored and handled", cluster=cluster)
    wait_until(lambda: len(cluster.emulator.client.messages()) >= len(chats), timeout=30,
               what="every answer", cluster=cluster)

    _reconcile_checkins(cluster, chats)
    inbox = cluster.inbox()
    assert len(inbox) == len(chats) and _refused_posts(cluster) > 0
    print(f"database down: {_refused_posts(cluster)} posts refused and delivered again, "
          f"{sum(1 for _, attempts in inbox.values() if attempts > 1)} updates handled again")
    assert all(texts.SORRY_TRY_AGAIN not in m["text"] for m in cluster.emulator.client.messages())
    wait_until(lambda: all(worker.health() for worker in cluster.pool.workers), timeout=30,
               what="every worker healthy again", cluster=cluster)


def test_telegram_failing_one_send_in_ten_sends_nothing_twice(cluster):
    """The emulator fails 10% of sends (500, 502, or a timeout after delivering): every reminder is sent
    once or uncertain with the reason, a timed-out one (which reached the person) is never resent, and
    the check-ins written meanwhile are each stored once."""
    reminded = _participants(cluster, 250)
    writers = list(_participants(cluster, 60, first=FIRST_CHAT + 10_000))
    _due_reminders(cluster, reminded)
    cluster.emulator.client.fail_sends(fraction=0.1, modes=["500", "502", "timeout"], seed=7, timeout_seconds=2)
    cluster.start(2, COACH_TELEGRAM_TIMEOUT_SECONDS="1")
    _check_in_all(cluster, writers)
    wait_until(lambda: cluster.open_reminders() == 0 and _every_update_delivered_and_handled(cluster, len(writers)),
               timeout=150, what="every reminder final and every update handled", cluster=cluster)
    cluster.emulator.client.fail_sends(fraction=0)

    failures = [f for f in cluster.emulator.client.send_failures() if f["chat_id"] in reminded]
    statuses = _reconcile_reminders(cluster, set(reminded), allowed_uncertain=len(failures))
    assert failures and statuses["uncertain"] == len(failures), (statuses, len(failures))
    reminders = cluster.reminders()
    for failure in failures:
        status, detail, _, _ = reminders[failure["chat_id"]]
        assert status == "uncertain" and detail, failure
        delivered = len(cluster.bot_messages_by_chat().get(failure["chat_id"], []))
        assert delivered == (1 if failure["stored"] else 0), failure
    print(f"{len(failures)} reminder sends failed ({Counter(f['mode'] for f in failures)}); outcome {statuses}")
    assert cluster.checkins_by_chat() & Counter(dict.fromkeys(writers, 99)) == Counter(dict.fromkeys(writers, 1))


def test_updates_redelivered_after_a_lost_acknowledgement_are_applied_once(cluster):
    """The emulator loses 30% of the workers' 200s and delivers those updates again: the inbox keeps each
    update_id once, each check-in is stored and answered once, and the workers count the duplicates."""
    chats = list(_participants(cluster, 200))
    cluster.emulator.client.lose_acks(fraction=0.3, seed=3)
    cluster.start(2)
    _check_in_all(cluster, chats)
    wait_until(lambda: _every_update_delivered_and_handled(cluster, len(chats)), timeout=90,
               what="every update to be acknowledged and handled", cluster=cluster)
    wait_until(lambda: len(cluster.emulator.client.messages()) >= len(chats), timeout=30,
               what="every answer", cluster=cluster)

    log = cluster.emulator.client.webhook_log()
    redelivered = [entry for entry in log if entry["attempts"] > 1]
    assert len(redelivered) >= 20, "the emulator should have redelivered a good share"
    assert len(cluster.inbox()) == len(log) == len(chats)
    _reconcile_checkins(cluster, chats)
    duplicates = sum(_counter(worker.metrics(), 'coach_updates_received_total{result="duplicate"}')
                     for worker in cluster.pool.workers)
    assert duplicates >= len(redelivered)


def _counter(metrics_text: str, series: str) -> float:
    for line in metrics_text.splitlines():
        if line.startswith(series + " "):
            return float(line.split()[-1])
    return 0.0
