"""Several real `coach run --webhook` workers on one database behind a balancer, and ways to wait on them."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select

from coach.devtools.cluster.balancer import Balancer
from coach.devtools.cluster.workers import WorkerPool
from coach.devtools.emulator.runner import EmulatorThread
from coach.store import updates as update_store
from coach.store.models import CheckIn, Participant, Reminder

TOKEN = "123456789:" + "fault-test-token-" + "x" * 20
SECRET = "fault-test-webhook-secret-0123456789"


@dataclass
class Cluster:
    engine: Engine
    database_url: str
    emulator: EmulatorThread
    pool: WorkerPool
    balancer: Balancer | None = None

    def start(self, workers: int, **settings: str) -> None:
        """Start `workers` workers; each registers the balancer as the webhook, so delivery begins."""
        self.balancer = Balancer(self.pool.reserve(workers)).start()
        self.pool.env.update({
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": self.emulator.base_url,
            "DATABASE_URL": self.database_url, "COACH_WEBHOOK_SECRET": SECRET,
            "COACH_WEBHOOK_URL": self.balancer.url + "/telegram", "COACH_TICK_SECONDS": "0.5",
            "COACH_CLAIM_LEASE_SECONDS": "4", "COACH_SEND_RATE": "1000", "LOG_LEVEL": "WARNING", **settings})
        self.pool.start(workers)

    def close(self) -> None:
        self.pool.stop_all()
        if self.balancer is not None:
            self.balancer.stop()
        self.engine.dispose()

    def logs(self) -> str:
        return "\n".join(f"--- worker {w.index} ---\n{w.log()[-4000:]}" for w in self.pool.workers)

    # --- what the database says --------------------------------------------------------------

    def scalar(self, query):  # noqa: ANN001, ANN201 - a select of one value
        with self.engine.connect() as connection:
            return connection.execute(query).scalar_one()

    def reminders(self) -> dict[int, tuple[str, str | None, int | None, str | None]]:
        """chat id -> (status, detail, message_id, claimed_by) of its one reminder."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(Participant.chat_id, Reminder.status, Reminder.detail,
                                             Reminder.message_id, Reminder.claimed_by)
                                      .join(Participant, Participant.id == Reminder.participant_id))
            return {chat: (status, detail, message_id, by) for chat, status, detail, message_id, by in rows}

    def open_reminders(self) -> int:
        return self.scalar(select(func.count()).select_from(Reminder)
                           .where(Reminder.status.in_(("queued", "sending", "handed"))))

    def checkins_by_chat(self) -> Counter[int]:
        with self.engine.connect() as connection:
            return Counter(chat for (chat,) in connection.execute(
                select(Participant.chat_id).join(CheckIn, CheckIn.participant_id == Participant.id)))

    def inbox(self) -> dict[int, tuple[str, int]]:
        """update id -> (status, attempts)."""
        with self.engine.connect() as connection:
            return update_store.states(connection=connection)

    # --- what the emulator says ----------------------------------------------------------------

    def bot_messages_by_chat(self) -> dict[int, list[dict]]:
        by_chat: dict[int, list[dict]] = {}
        for message in self.emulator.client.messages():
            by_chat.setdefault(message["chat_id"], []).append(message)
        return by_chat


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str, cluster: Cluster) -> None:
    """Poll for an outcome (never a fixed sleep); on timeout, fail with the workers' logs."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}\n{cluster.logs()}")
        time.sleep(0.2)


def now() -> datetime:
    return datetime.now(UTC)  # now-ok: the workers run on the system clock; so does the set-up
