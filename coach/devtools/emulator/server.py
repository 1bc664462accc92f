"""aiohttp server exposing the emulated Bot API (/bot<token>/<method>) and a control API (/_emu)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import re
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import hdrs, web

from coach.devtools.emulator import botapi
from coach.devtools.emulator.spec import Upload, check_call, parse_int
from coach.devtools.emulator.state import FAILURE_STATUSES, ApiError, World
from coach.devtools.emulator.webhook import DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT, WebhookDeliverer

TOKEN_RE = re.compile(r"\d+:[A-Za-z0-9_-]+\Z")
MAX_UPLOAD = 64 * 1024 * 1024  # Telegram allows 50 MB uploads; stay above that
CONFLICT_POLL = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
WEBHOOK_METHODS = frozenset({"setWebhook", "deleteWebhook"})


def _json_response(payload: Any, status: int = 200) -> web.Response:
    return web.Response(status=status, body=json.dumps(payload).encode(), content_type="application/json")


def _summarize(params: dict[str, Any]) -> dict[str, Any]:
    """Params as recorded: uploads replaced by a small description."""
    return {k: v.summary() if isinstance(v, Upload) else v for k, v in params.items()}


async def read_params(request: web.Request) -> dict[str, Any]:
    """Collect parameters from the query string and a JSON, urlencoded or multipart body."""
    params: dict[str, Any] = dict(request.query)
    if not request.body_exists:
        return params
    ctype = request.content_type
    if ctype == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise ValueError("JSON body must be an object")
        params.update(body)
    elif ctype == "multipart/form-data":
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if part.filename is not None:
                mime = part.headers.get(hdrs.CONTENT_TYPE, "application/octet-stream")
                params[part.name] = Upload(part.name, part.filename, mime, bytes(await part.read()))
            else:
                params[part.name] = await part.text()
    else:
        # Urlencoded (PTB's plain calls): parse_qsl is much cheaper than request.post().
        body = (await request.read()).decode()
        params.update(parse_qsl(body, keep_blank_values=True, strict_parsing=False))
    return params


class BotApiEmulator:
    """A local Telegram Bot API: real HTTP for PTB, plus JSON control endpoints for tests."""

    def __init__(self, *, record_limit: int = 200_000) -> None:
        self.state = World(record_limit)
        self.host = "127.0.0.1"
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._bots: dict[str, dict[str, Any]] = {}
        self._poll_generation = 0
        self._closing = False
        self._stopping = asyncio.Event()  # releases answers held back by fail_sends' "timeout"
        self._webhook = WebhookDeliverer(self.state)
        self._control_ops: dict[str, Callable[..., Any]] = {
            "send_text": self._op_send_text,
            "send_batch": self._op_send_batch,
            "press_button": self.state.press_button,
            "share_location": self.state.share_location,
            "send_photo": self.state.send_photo,
            "edit_text": self.state.edit_text,
            "messages": self.messages,
            "last_message": self.last_message,
            "buttons": self.buttons,
            "wait_for_messages": self.wait_for_messages,
            "wait_for_total": self.wait_for_total,
            "wait_idle": self.wait_idle,
            "calls": self.calls,
            "violations": lambda: list(self.state.violations),
            "callback_answers": lambda: list(self.state.callback_answers),
            "files": self.files,
            "block_chat": self.block_chat,
            "unblock_chat": self.unblock_chat,
            "rate_limit": self.rate_limit,
            "garble_chat": self.garble_chat,
            "reset": self.reset,
            "stats": self.state.stats,
            "set_webhook": self.set_webhook,
            "delete_webhook": self.delete_webhook,
            "webhook_info": lambda: botapi.get_webhook_info(self.state, self.state.bot_user, {}),
            "set_webhook_timeout": self.set_webhook_timeout,
            "lose_acks": self.lose_acks,
            "redeliver": lambda last=1: self.state.redeliver(int(last)),
            "webhook_log": lambda: self.state.webhook.entries(),
            "fail_sends": self.fail_sends,
            "send_failures": lambda: list(self.state.send_failures),
        }

    # --- lifecycle ---------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> BotApiEmulator:
        """Start listening (port 0 picks a free port)."""
        app = web.Application(client_max_size=MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._bot_api)
        app.router.add_route("*", "/_emu/{op}", self._control)
        # No access log: the benchmark sends thousands of requests per second.
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        site = web.SockSite(self._runner, sock)
        await site.start()
        self.host, self.port = host, sock.getsockname()[1]
        await self._webhook.start()
        return self

    async def stop(self) -> None:
        """Stop serving and release the port."""
        # Release long polls and waits first so shutdown does not hang on them.
        self._closing = True
        self._stopping.set()
        self.state.update_signal.notify()
        self.state.message_signal.notify()
        await self._webhook.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        """Pass to telegram.Bot(base_url=...); PTB appends '<token>/<method>'."""
        return f"http://{self._netloc}/bot"

    @property
    def control_url(self) -> str:
        """Root of the JSON control API used by EmulatorClient."""
        return f"http://{self._netloc}/_emu"

    @property
    def _netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    # --- Bot API -----------------------------------------------------------------------

    async def _bot_api(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        state = self.state
        if not TOKEN_RE.match(token):
            state.record_violation(method, {}, [f"malformed bot token {token!r}"])
            return _json_response(ApiError(404, "Not Found").payload(), 404)
        try:
            raw = await read_params(request)
        except (ValueError, UnicodeDecodeError) as exc:
            state.record_violation(method, {}, [f"unreadable request body: {exc}"])
            return _json_response(ApiError(400, f"Bad Request: {exc}").payload(), 400)
        bot = self._bots.get(token)
        if bot is None:
            bot = self._bots[token] = botapi.bot_user(token)
        state.bot_user = bot
        values, problems, known = check_call(method, raw)
        if problems:
            code = 400 if known else 404
            state.record_violation(method, _summarize(raw), problems)
            state.record_call(method, _summarize(raw), code)
            state.touch(call=True)
            text = "Bad Request: " + "; ".join(problems) if known else "Not Found"
            return _json_response(ApiError(code, text).payload(), code)
        if method == "getUpdates":
            return await self._get_updates(values)
        failure = state.draw_send_failure(method)
        if failure is not None and failure[0] in FAILURE_STATUSES:
            return self._refuse_send(method, values, failure[0])
        state.in_flight += 1
        try:
            status, body = self._run(bot, method, values, raw, failure and failure[0])
            if status == 200 and method.startswith("send") and _int_or_none(values.get("chat_id")) in state.garbled:
                body = {"ok": True, "result": {"garbled": True}}
            if method in WEBHOOK_METHODS:
                self._webhook.sync()
            if failure is not None:
                # The call took effect; only the answer goes wrong (held while still in flight).
                return await self._spoil_answer(request, method, values, failure, status, body)
            return _json_response(body, status)
        finally:
            state.in_flight -= 1
            state.touch(call=True)

    def _run(
        self, bot: dict[str, Any], method: str, values: dict[str, Any], raw: dict[str, Any], failure: str | None
    ) -> tuple[int, dict[str, Any]]:
        """Run a validated call and record it; returns (HTTP status, JSON body)."""
        state = self.state
        try:
            result = botapi.handle(state, bot, method, values, raw)
        except ApiError as err:
            recorded = _summarize(values)
            if err.violation:
                state.record_violation(method, recorded, [err.description])
            state.record_call(method, recorded, err.code, failure=failure)
            return err.code, err.payload()
        state.record_call(method, _summarize(values), 200, failure=failure)
        return 200, {"ok": True, "result": result}

    def _failed_chat(self, method: str, values: dict[str, Any]) -> Any:
        if method == "answerCallbackQuery":
            return self.state.callback_queries.get(values.get("callback_query_id"), {}).get("user_id")
        return values.get("chat_id")

    def _refuse_send(self, method: str, values: dict[str, Any], mode: str) -> web.Response:
        """fail_sends' 5xx modes: nothing happens, Telegram-style error JSON with that status."""
        state, code = self.state, int(mode)
        state.record_call(method, _summarize(values), code, failure=mode)
        state.record_send_failure(method, self._failed_chat(method, values), mode, None, stored=False)
        state.touch(call=True)
        body = {"ok": False, "error_code": code, "description": FAILURE_STATUSES[mode]}
        return _json_response(body, code)

    async def _spoil_answer(
        self,
        request: web.Request,
        method: str,
        values: dict[str, Any],
        failure: tuple[str, float],
        status: int,
        body: dict[str, Any],
    ) -> web.Response:
        """fail_sends' "timeout" holds the answer back; "drop" closes the connection without one."""
        mode, hold = failure
        result = body.get("result")
        message_id = result.get("message_id") if isinstance(result, dict) else None
        stored = status == 200
        self.state.record_send_failure(method, self._failed_chat(method, values), mode, message_id, stored=stored)
        if mode == "drop":
            if request.transport is not None:
                request.transport.close()
        else:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), hold)
        return _json_response(body, status)  # after a drop, aiohttp discards it

    async def _get_updates(self, values: dict[str, Any]) -> web.Response:
        """Long polling: answer at once when updates are pending, else wait up to `timeout`."""
        state = self.state
        if state.webhook.session is not None:
            return _json_response(ApiError(409, CONFLICT_WEBHOOK).payload(), 409)
        state.confirm(values.get("offset"))
        if "allowed_updates" in values:
            state.allowed_updates = values["allowed_updates"] or None
        limit = min(max(values.get("limit", 100), 1), 100)
        timeout = max(values.get("timeout", 0), 0)
        # A newer poll supersedes an older one, as on Telegram (the older gets 409).
        self._poll_generation += 1
        generation = self._poll_generation
        deadline = time.monotonic() + timeout
        batch = state.fetch(limit)
        while not batch and not self._closing:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            await state.update_signal.wait(remaining)
            if generation != self._poll_generation:
                return _json_response(ApiError(409, CONFLICT_POLL).payload(), 409)
            if state.webhook.session is not None:  # set while this poll waited
                return _json_response(ApiError(409, CONFLICT_WEBHOOK).payload(), 409)
            batch = state.fetch(limit)
        if batch:
            state.touch(delivery=True)
        state.record_call("getUpdates", values, 200)
        return _json_response({"ok": True, "result": batch})

    # --- control API -------------------------------------------------------------------

    async def _control(self, request: web.Request) -> web.Response:
        op = self._control_ops.get(request.match_info["op"])
        if op is None:
            return _json_response({"ok": False, "error": "unknown control operation"}, 404)
        try:
            kwargs: dict[str, Any] = {k: _loose_json(v) for k, v in request.query.items()}
            if request.body_exists:
                kwargs.update(await request.json())
            result = op(**kwargs)
            if isinstance(result, Awaitable):
                result = await result
        except (TypeError, ValueError, KeyError) as exc:
            return _json_response({"ok": False, "error": f"{type(exc).__name__}: {exc}"}, 400)
        return _json_response({"ok": True, "result": result})

    def _op_send_text(
        self, user_id: int, text: str, first_name: str = "Ann", username: str | None = None
    ) -> dict[str, Any]:
        return self.state.send_text(user_id, text, first_name=first_name, username=username)

    def _op_send_batch(self, items: list[dict[str, Any]]) -> int:
        """Queue many text messages in one round trip (benchmarks); returns how many."""
        for item in items:
            self._op_send_text(**item)
        return len(items)

    def messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Every message the bot sent (optionally to one chat), oldest first."""
        if chat_id is None:
            source = self.state.bot_messages
        else:
            chat = self.state.chats.get(int(chat_id))
            source = chat.bot_messages if chat else []
        return [m.summary() for m in source]

    def last_message(self, chat_id: int) -> dict[str, Any] | None:
        """The newest live bot message in a chat, or None."""
        msg = self.state.latest_bot_message(int(chat_id))
        return msg.summary() if msg else None

    def buttons(self, chat_id: int, message_id: int | None = None) -> list[tuple[str, Any]]:
        """(text, callback_data) of the inline keyboard on the given or newest bot message."""
        if message_id is None:
            msg = self.state.latest_bot_message(int(chat_id))
        else:
            msg = self.state.find_message(int(chat_id), int(message_id))
        return msg.buttons() if msg else []

    async def wait_for_messages(self, chat_id: int, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait until the chat holds at least `count` bot messages; returns what exists."""
        chat_id, deadline = int(chat_id), time.monotonic() + float(timeout)
        while True:
            chat = self.state.chats.get(chat_id)
            remaining = deadline - time.monotonic()
            if (chat and len(chat.bot_messages) >= count) or remaining <= 0 or self._closing:
                return self.messages(chat_id)
            await self.state.message_signal.wait(remaining)

    async def wait_for_total(self, count: int, timeout: float = 10.0) -> int:
        """Wait until the bot has sent `count` messages in all; returns how many it has sent.

        For benchmarks: the wait happens here, in the emulator's process, so the bot being measured
        spends nothing on polling for its own progress.
        """
        deadline = time.monotonic() + float(timeout)
        while True:
            remaining = deadline - time.monotonic()
            if len(self.state.bot_messages) >= int(count) or remaining <= 0 or self._closing:
                return len(self.state.bot_messages)
            await self.state.message_signal.wait(remaining)

    async def wait_idle(self, timeout: float = 10.0, quiet: float = 0.2, grace: float = 2.0) -> bool:
        """Wait until updates are fetched and confirmed and the bot is done (see World.is_idle)."""
        deadline = time.monotonic() + float(timeout)
        while not self.state.is_idle(float(quiet), float(grace)):
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(min(0.02, quiet / 4))
        return True

    def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """Recorded Bot API calls, optionally of one method."""
        return [c for c in self.state.calls if method is None or c["method"] == method]

    def files(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Uploaded files (bytes as base64 in content_b64)."""
        out = []
        for rec in self.state.files.values():
            if chat_id is not None and rec["chat_id"] != int(chat_id):
                continue
            content = rec["content"]
            item = {k: v for k, v in rec.items() if k != "content"}
            item["content_b64"] = base64.b64encode(content).decode() if content else None
            out.append(item)
        return out

    def block_chat(self, chat_id: int) -> None:
        """Every delivery to this chat answers 403 until unblocked."""
        self.state.blocked.add(int(chat_id))

    def unblock_chat(self, chat_id: int) -> None:
        """Undo block_chat."""
        self.state.blocked.discard(int(chat_id))

    def garble_chat(self, chat_id: int, garbled: bool = True) -> None:
        """Sends to this chat take effect, but are answered with something that is not a message."""
        (self.state.garbled.add if garbled else self.state.garbled.discard)(int(chat_id))

    def rate_limit(self, chat_id: int | None = None, retry_after: int = 1, times: int = 1) -> None:
        """The next `times` deliveries (to chat_id or any chat) answer 429 retry_after."""
        self.state.rate_limit(chat_id, retry_after, times)

    def reset(self) -> None:
        """Forget all users, messages, calls and injected failures; delete the webhook too."""
        self.state.reset()
        self.state.update_signal.notify()
        self._webhook.sync()  # cancels deliveries of the forgotten webhook

    def set_webhook(
        self,
        url: str,
        secret_token: str | None = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        allowed_updates: list[str] | None = None,
        drop_pending_updates: bool = False,
    ) -> bool:
        """Like the bot calling setWebhook (http:// URLs are fine)."""
        params: dict[str, Any] = {
            "url": url,
            "secret_token": secret_token,
            "max_connections": int(max_connections),
            "drop_pending_updates": bool(drop_pending_updates),
        }
        if allowed_updates is not None:
            params["allowed_updates"] = allowed_updates
        try:
            botapi.set_webhook(self.state, self.state.bot_user, params)
        except ApiError as err:
            raise ValueError(err.description) from None
        self._webhook.sync()
        return True

    def delete_webhook(self, drop_pending_updates: bool = False) -> bool:
        """Like the bot calling deleteWebhook: back to getUpdates."""
        self.state.delete_webhook(bool(drop_pending_updates))
        self._webhook.sync()
        return True

    def set_webhook_timeout(self, seconds: float = DEFAULT_TIMEOUT) -> None:
        """How long a webhook POST may take before it counts as failed ('Read timeout expired')."""
        if float(seconds) <= 0:
            raise ValueError("seconds must be positive")
        self.state.webhook.timeout = float(seconds)

    def lose_acks(self, times: int = 1, fraction: float = 0.0, seed: int = 0) -> None:
        """Treat the next `times` 2xx webhook answers (or, if given, a seeded `fraction` of updates) as lost."""
        self.state.webhook.lose_acks(times, fraction, seed)

    def fail_sends(
        self,
        fraction: float,
        modes: Sequence[str] = ("500", "502", "timeout"),
        seed: int = 0,
        methods: list[str] | None = None,
        timeout_seconds: float = 3.0,
    ) -> None:
        """Fail each call of a sending method with probability `fraction` (0 turns it off)."""
        self.state.fail_sends(fraction, list(modes), seed, methods, timeout_seconds)


def _loose_json(value: str) -> Any:
    """Query-string control arguments: numbers/JSON decoded, anything else kept as text."""
    number = parse_int(value)
    if number is not None:
        return number
    try:
        return json.loads(value)
    except ValueError:
        return value


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
