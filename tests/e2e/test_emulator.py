"""The Bot API emulator, exercised through python-telegram-bot's real HTTP client."""

from __future__ import annotations

import asyncio
import datetime as dtm
import io
import json
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zlib

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    Update,
)
from telegram.error import BadRequest, EndPointNotFound, Forbidden, RetryAfter
from telegram.ext import Application, CommandHandler, ContextTypes

from coach.devtools.emulator import BotApiEmulator, EmulatorClient, EmulatorThread, validate_call

pytestmark = pytest.mark.e2e

TOKEN = "123456:" + "A" * 35
USER = 777


@pytest.fixture
def emu():
    with EmulatorThread() as running:
        yield running


@pytest.fixture
async def bot(emu):
    async with Bot(token=TOKEN, base_url=emu.base_url) as bot:
        yield bot


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d)] for t, d in pairs])


def seconds(value: int | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def test_get_me_identifies_the_bot_from_the_token(bot, emu):
    me = await bot.get_me()
    assert me.id == 123456
    assert me.is_bot and me.username == "coach_test_bot" and me.first_name == "Coach"
    assert await emu.client.aviolations() == []


async def test_user_command_arrives_with_bot_command_entity(bot, emu):
    await emu.client.asend_text(USER, "/start hello", first_name="Bea", username="bea")
    await emu.client.asend_text(USER, "/log@coach_test_bot 5")
    updates = await bot.get_updates(timeout=0)
    assert [u.message.text for u in updates] == ["/start hello", "/log@coach_test_bot 5"]
    first, second = updates
    assert first.message.chat.id == USER and first.message.chat.type == "private"
    assert first.message.from_user.first_name == "Bea" and first.message.from_user.username == "bea"
    assert first.message.parse_entities([MessageEntity.BOT_COMMAND]) == {first.message.entities[0]: "/start"}
    assert second.message.entities[0].length == len("/log@coach_test_bot")
    assert second.message.message_id == first.message.message_id + 1
    assert second.update_id == first.update_id + 1


async def test_plain_text_has_no_entities_and_location_parses(bot, emu):
    await emu.client.asend_text(USER, "just words")
    await emu.client.ashare_location(USER, 52.52, 13.405)
    text_update, location_update = await bot.get_updates()
    assert text_update.message.entities == ()
    assert location_update.message.location.latitude == pytest.approx(52.52)
    assert location_update.message.location.longitude == pytest.approx(13.405)


async def test_send_message_with_keyboard_is_recorded_with_buttons(bot, emu):
    sent = await bot.send_message(USER, "Pick one", reply_markup=keyboard(("Yes", "y:1"), ("No", "n:1")))
    assert sent.text == "Pick one" and sent.chat.id == USER and sent.from_user.id == 123456
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "y:1"
    assert await emu.client.abuttons(USER) == [("Yes", "y:1"), ("No", "n:1")]
    [stored] = await emu.client.amessages(USER)
    assert stored["message_id"] == sent.message_id and stored["kind"] == "text"
    assert stored["text"] == "Pick one" and stored["edits"] == 0
    [call] = await emu.client.acalls("sendMessage")
    assert call["params"]["chat_id"] == USER and call["status"] == 200
    assert await emu.client.aviolations() == []


async def test_press_button_yields_a_callback_query_ptb_parses(bot, emu):
    sent = await bot.send_message(USER, "Ready?", reply_markup=keyboard(("Go", "go")))
    await emu.client.apress_button(USER, sent.message_id, "go")
    [update] = await bot.get_updates()
    query = update.callback_query
    assert query.data == "go" and query.from_user.id == USER
    assert query.message.message_id == sent.message_id and query.message.text == "Ready?"
    assert await query.answer("Done") is True
    [answer] = await emu.client.acallback_answers()
    assert answer["text"] == "Done" and answer["data"] == "go" and answer["user_id"] == USER
    with pytest.raises(BadRequest, match="(?i)query id is invalid"):
        await query.answer("again")
    assert len(await emu.client.aviolations()) == 1


async def test_forged_press_is_delivered_even_for_unknown_data(bot, emu):
    await emu.client.apress_button(USER, 999, "x" * 80)
    [update] = await bot.get_updates()
    assert update.callback_query.data == "x" * 80
    assert update.callback_query.message.message_id == 999


async def test_edit_message_text_updates_store_and_rejects_no_op_edits(bot, emu):
    sent = await bot.send_message(USER, "Day 1", reply_markup=keyboard(("Next", "next")))
    edited = await bot.edit_message_text("Day 2", chat_id=USER, message_id=sent.message_id)
    assert edited.text == "Day 2" and edited.reply_markup is None
    stored = await emu.client.alast_message(USER)
    assert stored["text"] == "Day 2" and stored["edits"] == 1 and stored["history"] == ["Day 1"]
    assert stored["reply_markup"] is None
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("Day 2", chat_id=USER, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("Day 3", chat_id=USER, message_id=12345)
    # Both are legitimate Telegram answers, not bot bugs.
    assert await emu.client.aviolations() == []


async def test_reply_markup_edit_and_delete(bot, emu):
    sent = await bot.send_message(USER, "Q", reply_markup=keyboard(("A", "a")))
    await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=keyboard(("B", "b")))
    assert await emu.client.abuttons(USER, sent.message_id) == [("B", "b")]
    assert await bot.delete_message(USER, sent.message_id) is True
    assert await emu.client.alast_message(USER) is None
    with pytest.raises(BadRequest, match="(?i)message to delete not found"):
        await bot.delete_message(USER, sent.message_id)


async def test_send_document_multipart_bytes_round_trip(bot, emu):
    csv_bytes = b"date,reps\n2024-01-01,8\n"
    msg = await bot.send_document(USER, io.BytesIO(csv_bytes), filename="log.csv", caption="Your log")
    assert msg.document.file_name == "log.csv" and msg.document.file_size == len(csv_bytes)
    assert msg.caption == "Your log"
    [record] = await emu.client.afiles(USER)
    assert record["content"] == csv_bytes and record["filename"] == "log.csv"
    assert record["message_id"] == msg.message_id and record["kind"] == "document"
    [stored] = await emu.client.amessages(USER)
    assert stored["kind"] == "document" and stored["text"] == "Your log"
    assert await emu.client.aviolations() == []


def _png(width: int, height: int) -> bytes:
    """A valid white RGB PNG, built with the standard library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff" * 3 * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


async def test_send_photo_reports_png_dimensions(bot, emu):
    buffer = io.BytesIO(_png(37, 21))
    msg = await bot.send_photo(USER, buffer.getvalue(), caption="chart")
    assert (msg.photo[-1].width, msg.photo[-1].height) == (37, 21)
    [record] = await emu.client.afiles(USER)
    assert record["content"] == buffer.getvalue()
    # Re-sending by file_id works without an upload, like on Telegram.
    again = await bot.send_photo(USER, msg.photo[-1].file_id)
    assert again.photo[-1].file_id == msg.photo[-1].file_id


async def test_unknown_method_is_a_violation_and_raises(bot, emu):
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendMesage", api_kwargs={"chat_id": USER, "text": "hi"})
    [violation] = await emu.client.aviolations()
    assert violation["method"] == "sendMesage"
    assert "unknown method" in violation["problems"][0]


async def test_unknown_field_is_a_violation(bot, emu):
    with pytest.raises(BadRequest, match="(?i)unknown field 'colour'"):
        await bot.send_message(USER, "hi", api_kwargs={"colour": "red"})
    [violation] = await emu.client.aviolations()
    assert violation["method"] == "sendMessage" and violation["params"]["colour"] == "red"
    assert await emu.client.amessages(USER) == []


async def test_callback_data_over_64_bytes_is_a_violation(bot, emu):
    with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(USER, "x", reply_markup=keyboard(("Long", "é" * 33)))
    [violation] = await emu.client.aviolations()
    assert "66 bytes" in violation["problems"][0]
    await bot.send_message(USER, "x", reply_markup=keyboard(("Ok", "d" * 64)))
    assert len(await emu.client.aviolations()) == 1


async def test_text_limits_and_html_are_enforced(bot, emu):
    await bot.send_message(USER, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)too long"):
        await bot.send_message(USER, "a" * 4097)
    with pytest.raises(BadRequest, match="(?i)unsupported tag"):
        await bot.send_message(USER, "line<br>next", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)unescaped '<'"):
        await bot.send_message(USER, "1 < 2", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)character '!' is reserved"):
        await bot.send_message(USER, "Well done!", parse_mode="MarkdownV2")
    assert len(await emu.client.aviolations()) == 4
    [stored] = await emu.client.amessages(USER)
    assert stored["text"] == "a" * 4096 and stored["raw_text"].startswith("<b>")


def test_validate_call_checks_types_and_required_fields():
    assert validate_call("sendMessage", {"chat_id": "5", "text": "hi"}) == []
    assert validate_call("sendMessage", {"chat_id": 5, "text": "hi", "disable_notification": True}) == []
    assert validate_call("sendMessage", {"chat_id": "5"}) == ["required field 'text' is missing"]
    assert (
        "must be an Integer" in validate_call("sendMessage", {"chat_id": 5, "text": "x", "message_thread_id": "abc"})[0]
    )
    assert (
        "must be a Boolean" in validate_call("sendMessage", {"chat_id": 5, "text": "x", "protect_content": "maybe"})[0]
    )
    assert "must be JSON" in validate_call("sendMessage", {"chat_id": 5, "text": "x", "reply_markup": "{not json"})[0]
    assert validate_call("sendmessage", {}) == ["unknown method 'sendmessage'"]
    assert "200" in validate_call("answerCallbackQuery", {"callback_query_id": "1", "text": "a" * 201})[0]


async def test_blocked_chat_raises_forbidden_until_unblocked(bot, emu):
    await emu.client.ablock_chat(USER)
    with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
        await bot.send_message(USER, "hello?")
    await emu.client.aunblock_chat(USER)
    assert (await bot.send_message(USER, "hello")).text == "hello"
    assert await emu.client.aviolations() == []


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_rate_limit_raises_retry_after_for_n_sends(bot, emu):
    await emu.client.arate_limit(USER, retry_after=7, times=2)
    await bot.send_message(USER + 1, "other chat is unaffected")
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(USER, "spam")
        assert seconds(caught.value.retry_after) == 7
    assert (await bot.send_message(USER, "now ok")).text == "now ok"
    statuses = [c["status"] for c in await emu.client.acalls("sendMessage")]
    assert statuses == [200, 429, 429, 200]


async def test_long_poll_returns_promptly_when_an_update_arrives(bot, emu):
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9  # the timeout is honoured when idle

    async def send_later():
        await asyncio.sleep(0.3)
        await emu.client.asend_text(USER, "wake up")

    sender = asyncio.create_task(send_later())
    started = time.monotonic()
    updates = await bot.get_updates(timeout=10)
    elapsed = time.monotonic() - started
    await sender
    assert [u.message.text for u in updates] == ["wake up"]
    assert 0.25 <= elapsed < 1.5


async def test_offset_confirms_and_drops_updates(bot, emu):
    await emu.client.asend_text(USER, "one")
    await emu.client.asend_text(USER, "two")
    first = await bot.get_updates(limit=1)
    assert [u.message.text for u in first] == ["one"]
    assert [u.message.text for u in await bot.get_updates()] == ["one", "two"]  # not confirmed
    rest = await bot.get_updates(offset=first[0].update_id + 1)
    assert [u.message.text for u in rest] == ["two"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()
    assert (await emu.client.astats())["pending_updates"] == 0


async def test_wait_idle_needs_consumption_and_a_reaction(bot, emu):
    [update] = [await emu.client.asend_text(USER, "one")]
    assert await emu.client.await_idle(timeout=0.4) is False  # nobody fetched it
    await bot.get_updates()
    await bot.get_updates(offset=update["update_id"] + 1)
    # Fetched and confirmed but not reacted to: idle only after the grace period.
    assert await emu.client.await_idle(timeout=0.4, quiet=0.05, grace=1.5) is False
    assert await emu.client.await_idle(timeout=3.0, quiet=0.05, grace=1.5) is True

    update = await emu.client.asend_text(USER, "two")
    await bot.get_updates(offset=update["update_id"])
    await bot.get_updates(offset=update["update_id"] + 1)
    await bot.send_message(USER, "reply")
    started = time.monotonic()
    assert await emu.client.await_idle(timeout=3.0, quiet=0.1, grace=10.0) is True
    assert time.monotonic() - started < 1.0  # a reaction ends the wait after `quiet`


async def test_wait_for_messages_blocks_until_count_or_timeout(bot, emu):
    async def reply_later():
        for i in range(3):
            await asyncio.sleep(0.05)
            await bot.send_message(USER, f"m{i}")

    task = asyncio.create_task(reply_later())
    got = await emu.client.await_for_messages(USER, 3, timeout=5)
    await task
    assert [m["text"] for m in got] == ["m0", "m1", "m2"]
    started = time.monotonic()
    short = await emu.client.await_for_messages(USER, 5, timeout=0.3)
    assert len(short) == 3 and time.monotonic() - started >= 0.25


async def test_normal_ptb_calls_produce_no_violations(bot, emu):
    await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
    commands = [BotCommand("start", "Begin"), BotCommand("log", "Log a session")]
    assert await bot.set_my_commands(commands) is True
    assert await bot.get_my_commands() == tuple(commands)
    await bot.send_chat_action(USER, "typing")
    await bot.send_message(USER, "*bold*", parse_mode="MarkdownV2", disable_notification=True)
    assert await bot.set_webhook("https://example.test/hook", secret_token="s3cret") is True
    assert (await bot.get_webhook_info()).url == "https://example.test/hook"
    await bot.delete_webhook()
    assert await emu.client.aviolations() == []
    methods = {c["method"] for c in await emu.client.acalls()}
    assert {"setMyCommands", "getMyCommands", "sendChatAction", "setWebhook"} <= methods


async def test_all_body_encodings_are_accepted(emu):
    url = f"{emu.base_url}{TOKEN}/sendMessage"

    def post(data: bytes | None, ctype: str | None, query: str = "") -> dict:
        req = urllib.request.Request(url + query, data=data, method="POST")
        if ctype:
            req.add_header("Content-Type", ctype)
        with urllib.request.urlopen(req) as resp:
            return json.loads(resp.read())

    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    as_json = json.dumps({"chat_id": USER, "text": "json", "reply_markup": markup}).encode()
    form = urllib.parse.urlencode({"chat_id": USER, "text": "form", "reply_markup": json.dumps(markup)}).encode()
    results = [
        await asyncio.to_thread(post, as_json, "application/json"),
        await asyncio.to_thread(post, form, "application/x-www-form-urlencoded"),
        await asyncio.to_thread(post, None, None, f"?chat_id={USER}&text=query"),
    ]
    assert all(r["ok"] for r in results)
    stored = await emu.client.amessages(USER)
    assert [m["text"] for m in stored] == ["json", "form", "query"]
    assert [m["reply_markup"] for m in stored] == [markup, markup, None]
    with urllib.request.urlopen(f"{emu.base_url}{TOKEN}/getMe") as resp:  # plain GET
        assert json.loads(resp.read())["result"]["id"] == 123456
    assert await emu.client.aviolations() == []


async def test_ptb_application_polls_and_replies_end_to_end(emu):
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(f"Hi {update.effective_user.first_name}", reply_markup=keyboard(("Go", "go")))

    app = Application.builder().token(TOKEN).base_url(emu.base_url).build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=5, drop_pending_updates=True)
        await emu.client.asend_text(USER, "/start", first_name="Cleo")
        [reply] = await emu.client.await_for_messages(USER, 1, timeout=10)
        assert reply["text"] == "Hi Cleo"
        assert await emu.client.await_idle(timeout=5) is True
        await app.updater.stop()
        await app.stop()
    assert await emu.client.aviolations() == []


async def test_emulator_on_the_callers_own_loop_does_not_deadlock():
    emulator = await BotApiEmulator().start()
    client = EmulatorClient(emulator.control_url)
    try:
        async with Bot(token=TOKEN, base_url=emulator.base_url) as bot:
            waiter = asyncio.create_task(client.await_for_messages(USER, 1, timeout=5))
            await bot.send_message(USER, "same loop")
            [message] = await asyncio.wait_for(waiter, 5)
            assert message["text"] == "same loop"
    finally:
        client.close()
        await emulator.stop()


def test_subprocess_mode_prints_urls_and_serves_get_me():
    proc = subprocess.Popen([sys.executable, "-m", "coach.devtools.emulator", "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        urls = json.loads(line)
        assert urls["base_url"].endswith("/bot") and urls["control_url"].endswith("/_emu")

        async def get_me():
            async with Bot(token=TOKEN, base_url=urls["base_url"]) as bot:
                return await bot.get_me()

        me = asyncio.run(get_me())
        assert me.id == 123456
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
