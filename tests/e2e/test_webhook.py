"""Webhook mode, in one process on SQLite: Telegram (the emulator) posts updates, the bot stores each
before answering 200 and handles it once; a wrong secret, a redelivery and a locked database are met calmly."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
from sqlalchemy import Engine

from coach.cli.main import main
from coach.core.clock import FrozenClock
from coach.core.config import load_settings
from coach.devtools.person import Person, texts_of
from coach.store import updates as update_store
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.webhook.serve import WebhookBot, running_webhook_bot
from coach.webhook.server import SECRET_HEADER
from tests.helpers.bot_world import ADMIN_ID, START, TOKEN, onboard

SECRET = "webhook-test-secret-0123456789abcdef"


@dataclass
class Hooked:
    bot: WebhookBot
    engine: Engine
    database: str
    client: object  # the emulator's control client

    def inbox(self) -> dict[int, tuple[str, int]]:
        with self.engine.connect() as connection:
            return update_store.states(connection=connection)

    async def post(self, payload: dict, *, secret: str | None = SECRET) -> int:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        async with aiohttp.ClientSession() as session, session.post(self.bot.url, json=payload,
                                                                     headers=headers) as answer:
            return answer.status

    async def get(self, path: str) -> tuple[int, str, str]:
        async with aiohttp.ClientSession() as session, session.get(
                f"http://127.0.0.1:{self.bot.port}{path}") as answer:
            return answer.status, answer.headers.get("Content-Type", ""), await answer.text()


@pytest.fixture
async def hooked(emulator, tmp_path) -> AsyncIterator[Hooked]:
    database = tmp_path / "webhook.db"
    url = f"sqlite:///{database}"
    upgrade(url)
    engine = make_engine(url)
    settings = load_settings(env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=emulator.base_url,
                             database_url=url, coach_admin_ids=str(ADMIN_ID), coach_default_timezone="Europe/Berlin",
                             coach_webhook_secret=SECRET, coach_webhook_host="127.0.0.1", coach_webhook_port=0,
                             coach_tick_seconds=3600)
    async with running_webhook_bot(settings, engine=engine, clock=FrozenClock(START)) as bot:
        await bot.application.bot.set_webhook(bot.url, secret_token=SECRET)
        yield Hooked(bot, engine, str(database), emulator.client)
    engine.dispose()
    assert emulator.client.violations() == [], "the bot made calls the Bot API would reject"


def _start_update(update_id: int, user_id: int) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "Ann"}
    return {"update_id": update_id, "message": {
        "message_id": 1, "date": int(START.timestamp()), "from": user,
        "chat": {"id": user_id, "type": "private", "first_name": "Ann"}, "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}


async def test_a_participant_onboards_and_checks_in_through_the_webhook(hooked):
    """Every step of /start and a check-in arrives by webhook post and is answered, as with polling."""
    ann = Person(hooked.client, 4101)
    await onboard(ann)
    reply = texts_of(await ann.say("p4 n2 t3 b1"))
    assert reply.startswith("Saved for Sat 21 Nov: pain 4")
    inbox = hooked.inbox()
    assert inbox and all(status == "done" for status, _ in inbox.values())
    assert all(entry["acknowledged"] for entry in hooked.client.webhook_log())


async def test_a_post_without_the_right_secret_is_refused_and_nothing_is_stored(hooked):
    """Only Telegram knows the secret: a post without it, or with another, gets 401 and is not handled."""
    assert await hooked.post(_start_update(9_000_001, 4102), secret=None) == 401
    assert await hooked.post(_start_update(9_000_002, 4102), secret="not-the-secret-at-all-0000") == 401
    assert hooked.inbox() == {}
    assert hooked.client.messages(4102) == []


async def test_an_update_delivered_twice_is_stored_and_answered_once(hooked):
    """Telegram resends an update whose 200 it never saw: the second post is a 200 that changes nothing."""
    assert await hooked.post(_start_update(9_000_010, 4103)) == 200
    await hooked.client.await_for_messages(4103, 1)
    assert await hooked.post(_start_update(9_000_010, 4103)) == 200
    await hooked.client.await_idle(timeout=10)
    assert len(hooked.client.messages(4103)) == 1
    assert hooked.inbox() == {9_000_010: ("done", 1)}


async def test_a_body_that_is_not_an_update_is_refused(hooked):
    assert await hooked.post({"hello": "world"}) == 400
    assert await hooked.post({"update_id": "seven"}) == 400
    assert hooked.inbox() == {}


async def test_a_locked_database_gets_a_503_so_telegram_delivers_again(hooked):
    """While another process holds the database's write lock, an update cannot be stored: the answer is
    503 (never a 200 for something not kept), and the same update posted again afterwards is handled."""
    blocker = sqlite3.connect(hooked.database, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        assert await hooked.post(_start_update(9_000_020, 4104)) == 503
    finally:
        blocker.rollback()
        blocker.close()
    assert hooked.inbox() == {}
    assert await hooked.post(_start_update(9_000_020, 4104)) == 200
    messages = await hooked.client.await_for_messages(4104, 1)
    assert messages[0]["text"].startswith("Hello, Ann")


async def test_healthz_and_metrics_report_the_database_and_the_work(hooked):
    """/healthz answers 200 with the lags; /metrics is Prometheus text counting what was received."""
    await hooked.post(_start_update(9_000_030, 4105))
    await hooked.client.await_for_messages(4105, 1)
    status, _, body = await hooked.get("/healthz")
    assert status == 200 and '"database": "ok"' in body and "dispatcher_lag_seconds" in body
    status, content_type, text = await hooked.get("/metrics")
    assert status == 200 and content_type.startswith("text/plain")
    assert 'coach_updates_received_total{result="new"} 1.0' in text
    assert "coach_database_up 1.0" in text
    assert 'coach_reminders{status="queued"}' in text


def test_webhook_mode_without_a_secret_stops_with_one_sentence(monkeypatch, tmp_path, capsys):
    """`coach run --webhook` with no COACH_WEBHOOK_SECRET refuses to start, saying what to set."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.delenv("COACH_WEBHOOK_SECRET", raising=False)
    assert main(["run", "--webhook"]) == 2
    error = capsys.readouterr().err
    assert "COACH_WEBHOOK_SECRET is not set" in error and TOKEN not in error


async def test_delete_through_the_webhook_leaves_no_update_or_message_of_hers(hooked):
    """The inbox keeps only Telegram's update ids (to spot a redelivery): no chat id, payload or time of hers;
    the outbox keeps nothing to or about her, not even the goodbye."""
    from sqlalchemy import or_, select

    from coach.store.models import InboxUpdate, OutboxMessage

    ann = Person(hooked.client, 4106)
    await onboard(ann)
    await ann.say("p4 n2 t3 b1 my toes feel odd")
    await ann.say("/delete")
    await ann.press("Yes, erase everything")
    await hooked.client.await_idle(timeout=10)
    assert (await ann.messages())[-1]["text"].startswith("Done — everything about you has been erased")
    with hooked.engine.connect() as connection:
        inbox = connection.execute(select(InboxUpdate)).all()
        assert inbox and all(row.chat_id is None and row.payload is None for row in inbox)
        assert len({row.received_at for row in inbox}) == 1  # the erasure's instant, not when she wrote
        assert connection.execute(select(OutboxMessage).where(or_(
            OutboxMessage.chat_id == 4106, OutboxMessage.about_chat_id == 4106))).all() == []


async def test_a_body_nested_too_deep_to_parse_is_a_400(hooked):
    """JSON nested deeper than the parser goes (a RecursionError) is a bad request like any other."""
    deep = b'{"update_id": 1, "message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    async with aiohttp.ClientSession() as session, session.post(
            hooked.bot.url, data=deep, headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"}) as answer:
        assert answer.status == 400
    assert hooked.inbox() == {}
