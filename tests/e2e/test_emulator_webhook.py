"""The emulator's webhook mode and injected send failures, over real HTTP in both directions."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, Update
from telegram.error import Conflict, NetworkError, TimedOut
from telegram.ext import Application, MessageHandler, filters

from coach.devtools.cluster.workers import free_port
from coach.devtools.emulator import EmulatorThread

pytestmark = pytest.mark.e2e

TOKEN = "123456:" + "W" * 35
ANN, BEA, CY = 701, 702, 703
SECRET = "s3cret_token-1"


class Receiver:
    """A tiny webhook endpoint on 127.0.0.1: records every POST and answers as `answer` says."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.answer: Callable[[dict[str, Any]], Awaitable[int]] = self.ok
        self.concurrent = self.max_concurrent = 0
        self.release = asyncio.Event()  # ends every held answer (set at teardown)
        self._runner: web.AppRunner | None = None
        self.url = ""

    @staticmethod
    async def ok(update: dict[str, Any]) -> int:
        return 200

    async def start(self, port: int = 0) -> Receiver:
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/hook"
        return self

    async def stop(self) -> None:
        self.release.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.received.append(
            {
                "update": update,
                "secret": request.headers.get("X-Telegram-Bot-Api-Secret-Token"),
                "content_type": request.content_type,
            }
        )
        self.concurrent += 1
        self.max_concurrent = max(self.max_concurrent, self.concurrent)
        try:
            status = await self.answer(update)
        finally:
            self.concurrent -= 1
        return web.Response(status=status, text="")

    async def hang(self, update: dict[str, Any]) -> int:
        """Answer only at teardown (the emulator gives up first)."""
        await self.release.wait()
        return 200

    def ids(self, chat_id: int | None = None) -> list[int]:
        """update_ids received, in arrival order (optionally of one chat)."""
        return [r["update"]["update_id"] for r in self.received if chat_id is None or chat_of(r["update"]) == chat_id]


def chat_of(update: dict[str, Any]) -> int:
    payload = update.get("message") or update["callback_query"]["message"]
    return payload["chat"]["id"]


def text_of(update: dict[str, Any]) -> str | None:
    return (update.get("message") or {}).get("text")


async def until(predicate: Callable[[], Any], timeout: float = 3.0, what: str = "condition") -> Any:
    """Poll `predicate` (sync or async) until it returns something truthy; fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


@pytest.fixture
async def bot(emulator):
    async with Bot(token=TOKEN, base_url=emulator.base_url) as bot:
        yield bot


@pytest.fixture
async def receiver():
    hook = await Receiver().start()
    yield hook
    await hook.stop()


async def log_entry(emulator: EmulatorThread, update_id: int) -> dict[str, Any] | None:
    entries = await asyncio.to_thread(emulator.client.webhook_log)
    return next((e for e in entries if e["update_id"] == update_id), None)


async def acknowledged(emulator: EmulatorThread, *update_ids: int) -> bool:
    entries = {e["update_id"]: e for e in await asyncio.to_thread(emulator.client.webhook_log)}
    return all(entries.get(u, {}).get("acknowledged") for u in update_ids)


# --- delivery -------------------------------------------------------------------------------


async def test_updates_are_posted_as_json_with_the_secret_header(bot, emulator, receiver):
    assert await bot.set_webhook(receiver.url, secret_token=SECRET) is True
    update = await emulator.client.asend_text(ANN, "/start")
    await until(lambda: acknowledged(emulator, update["update_id"]), what="the acknowledgement")
    [got] = receiver.received
    assert got["secret"] == SECRET and got["content_type"] == "application/json"
    assert got["update"] == update
    parsed = Update.de_json(got["update"], bot)
    assert parsed.message.text == "/start" and parsed.effective_chat.id == ANN
    entry = await log_entry(emulator, update["update_id"])
    assert entry == {
        "update_id": update["update_id"],
        "chat_id": ANN,
        "attempts": 1,
        "acknowledged": True,
        "statuses": [200],
        "lost_acks": 0,
    }
    info = await bot.get_webhook_info()
    assert info.url == receiver.url and info.pending_update_count == 0 and info.max_connections == 40
    assert info.last_error_date is None and info.has_custom_certificate is False
    stats = await emulator.client.astats()
    assert (stats["webhook_attempts"], stats["webhook_acknowledged"], stats["webhook_pending"]) == (1, 1, 0)
    # The receiver never calls the Bot API, so idleness comes after the (short) grace period.
    assert await emulator.client.await_idle(timeout=3, quiet=0.05, grace=0.2) is True
    assert await emulator.client.aviolations() == []


async def test_updates_waiting_before_set_webhook_are_delivered_without_a_secret(bot, emulator, receiver):
    first = await emulator.client.asend_text(ANN, "one")
    second = await emulator.client.asend_text(ANN, "two")
    await bot.set_webhook(receiver.url)
    await until(lambda: acknowledged(emulator, first["update_id"], second["update_id"]), what="both updates")
    assert receiver.ids() == [first["update_id"], second["update_id"]]
    assert [r["secret"] for r in receiver.received] == [None, None]


async def test_a_chat_waits_for_its_previous_update_while_other_chats_proceed(bot, emulator, receiver):
    gate = asyncio.Event()

    async def answer(update: dict[str, Any]) -> int:
        if text_of(update) == "ann 1":
            await gate.wait()
        return 200

    receiver.answer = answer
    await bot.set_webhook(receiver.url)
    ann1 = await emulator.client.asend_text(ANN, "ann 1")
    ann2 = await emulator.client.asend_text(ANN, "ann 2")
    bea1 = await emulator.client.asend_text(BEA, "bea 1")
    bea2 = await emulator.client.asend_text(BEA, "bea 2")
    await until(lambda: acknowledged(emulator, bea1["update_id"], bea2["update_id"]), what="Bea's updates")
    assert receiver.ids(ANN) == [ann1["update_id"]]  # Ann's second waits for her first
    assert (await log_entry(emulator, ann2["update_id"]))["attempts"] == 0
    assert (await bot.get_webhook_info()).pending_update_count == 2
    assert await emulator.client.await_idle(timeout=0.2, quiet=0.05, grace=0.1) is False
    gate.set()
    await until(lambda: acknowledged(emulator, ann1["update_id"], ann2["update_id"]), what="Ann's updates")
    assert receiver.ids(ANN) == [ann1["update_id"], ann2["update_id"]]
    assert receiver.ids(BEA) == [bea1["update_id"], bea2["update_id"]]


async def test_max_connections_bounds_concurrent_requests(bot, emulator, receiver):
    async def slow(update: dict[str, Any]) -> int:
        await asyncio.sleep(0.05)  # the webhook's own work, so requests overlap
        return 200

    receiver.answer = slow
    await bot.set_webhook(receiver.url, max_connections=2)
    updates = [await emulator.client.asend_text(900 + n, "hi") for n in range(6)]
    await until(lambda: acknowledged(emulator, *(u["update_id"] for u in updates)), what="all six updates")
    assert receiver.max_concurrent == 2
    assert (await bot.get_webhook_info()).max_connections == 2


async def test_a_500_answer_is_retried_until_acknowledged(bot, emulator, receiver):
    healthy = asyncio.Event()

    async def answer(update: dict[str, Any]) -> int:
        return 200 if healthy.is_set() else 500

    receiver.answer = answer
    await bot.set_webhook(receiver.url)
    update = await emulator.client.asend_text(ANN, "hello")
    await until(lambda: receiver.ids().count(update["update_id"]) >= 2, what="a retry")
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert info.last_error_date is not None and info.pending_update_count == 1
    assert (await emulator.client.astats())["webhook_pending"] == 1
    healthy.set()
    await until(lambda: acknowledged(emulator, update["update_id"]), what="the acknowledgement")
    entry = await log_entry(emulator, update["update_id"])
    assert entry["statuses"][-1] == 200 and set(entry["statuses"][:-1]) == {500}
    assert entry["attempts"] == len(entry["statuses"]) == len(receiver.received)
    assert (await bot.get_webhook_info()).pending_update_count == 0


async def test_connection_refused_is_retried_until_the_webhook_comes_up(bot, emulator):
    port = free_port()
    await bot.set_webhook(f"http://127.0.0.1:{port}/hook")
    update = await emulator.client.asend_text(ANN, "anyone there?")

    async def refused() -> bool:
        return (await bot.get_webhook_info()).last_error_message == "Connection refused"

    await until(refused, what="the connection error")
    late = await Receiver().start(port)
    try:
        await until(lambda: acknowledged(emulator, update["update_id"]), what="the acknowledgement")
    finally:
        await late.stop()
    entry = await log_entry(emulator, update["update_id"])
    assert entry["statuses"][-1] == 200 and set(entry["statuses"][:-1]) == {"Connection refused"}
    assert late.ids() == [update["update_id"]]


async def test_an_unanswered_post_times_out_and_is_retried(bot, emulator, receiver):
    await emulator.client.aset_webhook_timeout(0.2)
    receiver.answer = receiver.hang
    await bot.set_webhook(receiver.url)
    update = await emulator.client.asend_text(ANN, "slow")
    await until(lambda: log_entry(emulator, update["update_id"]), what="the log entry")

    async def timed_out() -> bool:
        return (await bot.get_webhook_info()).last_error_message == "Read timeout expired"

    await until(timed_out, what="the read timeout")
    receiver.answer = receiver.ok
    await until(lambda: acknowledged(emulator, update["update_id"]), what="the acknowledgement")
    statuses = (await log_entry(emulator, update["update_id"]))["statuses"]
    assert statuses[0] == "Read timeout expired" and statuses[-1] == 200


# --- lost acknowledgements ------------------------------------------------------------------


async def test_a_lost_acknowledgement_redelivers_the_same_update_once(bot, emulator, receiver):
    await bot.set_webhook(receiver.url)
    await emulator.client.alose_acks(times=1)
    update = await emulator.client.asend_text(ANN, "twice")
    await until(lambda: acknowledged(emulator, update["update_id"]), what="the acknowledgement")
    first, second = receiver.received
    assert first["update"] == second["update"] == update
    entry = await log_entry(emulator, update["update_id"])
    assert entry["attempts"] == 2 and entry["statuses"] == [200, 200] and entry["lost_acks"] == 1
    # The loss is used up: the next update arrives once.
    later = await emulator.client.asend_text(ANN, "once")
    await until(lambda: acknowledged(emulator, later["update_id"]), what="the next acknowledgement")
    assert receiver.ids().count(later["update_id"]) == 1
    stats = await emulator.client.astats()
    assert (stats["webhook_attempts"], stats["webhook_acknowledged"]) == (3, 2)


async def test_a_fraction_of_lost_acknowledgements_redelivers_each_update_at_most_once(bot, emulator, receiver):
    await bot.set_webhook(receiver.url)
    await emulator.client.alose_acks(fraction=1.0, seed=3)
    updates = [await emulator.client.asend_text(chat, "hi") for chat in (ANN, BEA, CY)]
    ids = [u["update_id"] for u in updates]
    await until(lambda: acknowledged(emulator, *ids), what="all acknowledgements")
    assert sorted(receiver.ids()) == sorted(ids * 2)
    assert [e["attempts"] for e in await emulator.client.awebhook_log()] == [2, 2, 2]
    await emulator.client.alose_acks(times=0, fraction=0.0)
    last = await emulator.client.asend_text(ANN, "plain")
    await until(lambda: acknowledged(emulator, last["update_id"]), what="the last acknowledgement")
    assert receiver.ids().count(last["update_id"]) == 1


# --- switching modes ------------------------------------------------------------------------


async def test_get_updates_conflicts_while_a_webhook_is_set_and_works_after_delete(bot, emulator, receiver):
    async def failing(update: dict[str, Any]) -> int:
        return 500

    receiver.answer = failing
    await bot.set_webhook(receiver.url)
    with pytest.raises(Conflict, match="(?i)webhook is active"):
        await bot.get_updates()
    update = await emulator.client.asend_text(ANN, "stuck")
    await until(lambda: receiver.received, what="a failed attempt")
    assert await bot.delete_webhook() is True
    # The unacknowledged update goes back to getUpdates.
    [polled] = await bot.get_updates()
    assert polled.update_id == update["update_id"] and polled.message.text == "stuck"
    info = await bot.get_webhook_info()
    assert info.url == "" and info.pending_update_count == 1
    entry = await log_entry(emulator, update["update_id"])
    assert entry["acknowledged"] is False and entry["attempts"] >= 1


async def test_allowed_updates_filter_webhook_deliveries(bot, emulator, receiver):
    sent = await bot.send_message(ANN, "Ready?")
    await bot.set_webhook(receiver.url, allowed_updates=["callback_query"])
    await emulator.client.asend_text(ANN, "ignored")
    press = await emulator.client.apress_button(ANN, sent.message_id, "go")
    await until(lambda: acknowledged(emulator, press["update_id"]), what="the callback query")
    assert receiver.ids() == [press["update_id"]]
    assert [e["update_id"] for e in await emulator.client.awebhook_log()] == [press["update_id"]]
    assert (await bot.get_webhook_info()).allowed_updates == ("callback_query",)


async def test_control_ops_set_and_delete_the_webhook_and_reset_returns_to_polling(bot, emulator, receiver):
    assert await emulator.client.aset_webhook(receiver.url, secret_token=SECRET, max_connections=5) is True
    info = await emulator.client.awebhook_info()
    assert info["url"] == receiver.url and info["max_connections"] == 5
    update = await emulator.client.asend_text(ANN, "hi")
    await until(lambda: acknowledged(emulator, update["update_id"]), what="the acknowledgement")
    assert receiver.received[0]["secret"] == SECRET
    assert await emulator.client.adelete_webhook() is True
    assert (await bot.get_webhook_info()).url == ""
    await emulator.client.aset_webhook(receiver.url)
    await emulator.client.alose_acks(times=5)
    await emulator.client.areset()
    assert (await bot.get_webhook_info()).url == ""
    assert await emulator.client.awebhook_log() == []
    polled = await emulator.client.asend_text(ANN, "polled")
    assert [u.update_id for u in await bot.get_updates()] == [polled["update_id"]]


async def test_bad_webhook_urls_are_rejected(bot, emulator):
    with pytest.raises(Exception, match="(?i)bad webhook"):
        await bot.set_webhook("ftp://example.test/hook")
    assert (await bot.get_webhook_info()).url == ""


async def test_stop_does_not_hang_on_an_in_flight_delivery(receiver):
    receiver.answer = receiver.hang
    emulator = EmulatorThread().start()
    try:
        emulator.client.set_webhook(receiver.url)
        await emulator.client.asend_text(ANN, "hold on")
        await until(lambda: receiver.received, what="the delivery")
    finally:
        started = time.monotonic()
        await asyncio.to_thread(emulator.stop)
    assert time.monotonic() - started < 3.0


async def test_a_ptb_webhook_application_replies_end_to_end(emulator):
    async def echo(update: Update, context: Any) -> None:
        await update.message.reply_text(f"echo: {update.message.text}")

    port = free_port()
    app = Application.builder().token(TOKEN).base_url(emulator.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.start()
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook",
            secret_token=SECRET,
            drop_pending_updates=True,
        )
        await emulator.client.asend_text(ANN, "ping")
        [reply] = await emulator.client.await_for_messages(ANN, 1, timeout=5)
        assert reply["text"] == "echo: ping"
        assert await emulator.client.await_idle(timeout=3, quiet=0.05) is True
        await app.updater.stop()
        await app.stop()
    [entry] = await emulator.client.awebhook_log()
    assert entry["acknowledged"] and entry["statuses"] == [200]
    assert await emulator.client.aviolations() == []


# --- failing sends --------------------------------------------------------------------------


@pytest.mark.parametrize(("mode", "description"), [("500", "Internal Server Error"), ("502", "Bad Gateway"),
                                                   ("503", "Service Unavailable")])
async def test_a_5xx_send_failure_stores_nothing_and_raises_network_error(bot, emulator, mode, description):
    await emulator.client.afail_sends(1.0, modes=[mode])
    with pytest.raises(NetworkError, match=description):
        await bot.send_message(ANN, "lost")
    assert await emulator.client.amessages(ANN) == []
    [failure] = await emulator.client.asend_failures()
    assert failure["method"] == "sendMessage" and failure["chat_id"] == ANN and failure["mode"] == mode
    assert failure["stored"] is False and failure["message_id"] is None
    [call] = await emulator.client.acalls("sendMessage")
    assert call["status"] == int(mode) and call["failure"] == mode
    await emulator.client.afail_sends(0)
    assert (await bot.send_message(ANN, "back")).text == "back"
    assert len(await emulator.client.asend_failures()) == 1
    assert await emulator.client.aviolations() == []


async def test_a_timeout_send_failure_stores_the_message_but_answers_too_late(bot, emulator):
    await emulator.client.afail_sends(1.0, modes=["timeout"], timeout_seconds=2.0)
    with pytest.raises(TimedOut):
        await bot.send_message(ANN, "seen but unconfirmed", read_timeout=0.2)
    [stored] = await emulator.client.amessages(ANN)
    assert stored["text"] == "seen but unconfirmed"
    [failure] = await emulator.client.asend_failures()
    assert failure["mode"] == "timeout" and failure["stored"] is True
    assert failure["message_id"] == stored["message_id"]
    await emulator.client.afail_sends(0)
    assert (await bot.send_message(ANN, "confirmed")).text == "confirmed"


async def test_a_dropped_send_stores_the_message_and_closes_the_connection(bot, emulator):
    await emulator.client.afail_sends(1.0, modes=["drop"])
    with pytest.raises(NetworkError):
        await bot.send_message(ANN, "dropped")
    [stored] = await emulator.client.amessages(ANN)
    [failure] = await emulator.client.asend_failures()
    assert failure["mode"] == "drop" and failure["stored"] is True
    assert failure["message_id"] == stored["message_id"]


async def test_send_failures_hit_only_the_chosen_methods_and_reset_clears_them(bot, emulator):
    await emulator.client.afail_sends(1.0, modes=["500"], methods=["answerCallbackQuery"])
    sent = await bot.send_message(ANN, "Ready?")
    await emulator.client.apress_button(ANN, sent.message_id, "go")
    [update] = await bot.get_updates()
    with pytest.raises(NetworkError):
        await update.callback_query.answer("ok")
    [failure] = await emulator.client.asend_failures()
    assert failure["method"] == "answerCallbackQuery" and failure["chat_id"] == ANN
    await emulator.client.afail_sends(0)
    # Nothing was answered, so the retry succeeds.
    assert await update.callback_query.answer("ok") is True
    await emulator.client.afail_sends(1.0, modes=["500"])
    await emulator.client.areset()
    assert await emulator.client.asend_failures() == []
    assert (await bot.send_message(ANN, "after reset")).text == "after reset"


async def test_a_seeded_fraction_of_send_failures_repeats_exactly(bot, emulator):
    async def outcomes() -> list[str]:
        await emulator.client.afail_sends(0.5, modes=["500", "502"], seed=11)
        results = []
        for n in range(12):
            try:
                await bot.send_message(ANN, f"m{n}")
                results.append("ok")
            except NetworkError:
                results.append("failed")
        return results

    first = await outcomes()
    failures = [f["mode"] for f in await emulator.client.asend_failures()]
    await emulator.client.areset()
    assert await outcomes() == first
    assert [f["mode"] for f in await emulator.client.asend_failures()] == failures
    assert "ok" in first and "failed" in first
