"""In-memory Telegram world: users, chats, messages, the update queue and what the bot did."""

from __future__ import annotations

import asyncio
import itertools
import random
import re
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coach.devtools.emulator.spec import visible_text
from coach.devtools.emulator.webhook import WebhookState, update_kind

_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,64})?")
FIRST_UPDATE_ID = 100_000_001  # Telegram update ids are large; tests must not assume 1


def _first_update_id() -> int:
    """Where an emulator's update ids start: later than any earlier emulator's on this machine (by the clock, in
    milliseconds), as one bot's ids never restart on Telegram. A bot remembers the ids it handled, to recognise a
    redelivery: a database that outlives an emulator (a restart in a test) must not see an old id again."""
    return FIRST_UPDATE_ID + time.time_ns() // 1_000_000
# fail_sends: the methods it hits unless told otherwise, and its modes.
SEND_METHODS = (
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "editMessageText",
    "editMessageReplyMarkup",
    "answerCallbackQuery",
)
FAILURE_STATUSES = {"500": "Internal Server Error", "502": "Bad Gateway", "503": "Service Unavailable"}
SEND_FAILURE_MODES = (*FAILURE_STATUSES, "timeout", "drop")


class ApiError(Exception):
    """A Bot API error answered as {"ok": false, ...}; `violation` marks bot bugs."""

    def __init__(
        self,
        code: int,
        description: str,
        *,
        violation: bool = False,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(description)
        self.code, self.description = code, description
        self.violation, self.retry_after = violation, retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


class Signal:
    """Wakes every waiting coroutine on notify(); cheap when nobody waits (hot path)."""

    __slots__ = ("_event",)

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None

    def notify(self) -> None:
        """Wake all current waiters."""
        if self._event is not None:
            self._event.set()
            self._event = None

    async def wait(self, timeout: float) -> bool:
        """Wait for the next notify(); False on timeout."""
        if self._event is None:
            self._event = asyncio.Event()
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            return False
        return True


@dataclass(slots=True)
class StoredMessage:
    """A message in a chat, as currently stored (after edits)."""

    chat_id: int
    message_id: int
    kind: str
    from_bot: bool
    json: dict[str, Any]
    raw_text: str | None = None
    parse_mode: str | None = None
    reply_markup: Any = None
    history: list[str | None] = field(default_factory=list)
    deleted: bool = False
    file_id: str | None = None

    @property
    def text(self) -> str | None:
        """Visible text or caption."""
        return self.json.get("text", self.json.get("caption"))

    def summary(self) -> dict[str, Any]:
        """JSON view used by the control API."""
        return {
            "message_id": self.message_id,
            "chat_id": self.chat_id,
            "kind": self.kind,
            "text": self.text,
            "raw_text": self.raw_text,
            "parse_mode": self.parse_mode,
            "reply_markup": self.reply_markup,
            "edits": len(self.history),
            "history": list(self.history),
            "deleted": self.deleted,
            "date": self.json["date"],
            "file_id": self.file_id,
        }

    def buttons(self) -> list[tuple[str, str | None]]:
        """(text, callback_data) of the current inline keyboard, row by row."""
        markup = self.reply_markup
        if not isinstance(markup, dict):
            return []
        return [
            (b.get("text"), b.get("callback_data"))
            for row in markup.get("inline_keyboard", [])
            for b in row
            if isinstance(b, dict)
        ]


@dataclass(slots=True)
class Chat:
    """A private chat; Telegram numbers user and bot messages from one counter per chat."""

    id: int
    json: dict[str, Any]
    next_message_id: int = 1
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    bot_messages: list[StoredMessage] = field(default_factory=list)

    def take_message_id(self) -> int:
        """Allocate the next message id in this chat."""
        mid = self.next_message_id
        self.next_message_id += 1
        return mid


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entity Telegram attaches to a leading /command (UTF-16 length)."""
    match = _COMMAND_RE.match(text)
    if match is None:
        return []
    length = len(match.group(0).encode("utf-16-le")) // 2
    return [{"type": "bot_command", "offset": 0, "length": length}]


class World:
    """All emulator state; only ever touched from the emulator's event loop."""

    def __init__(self, record_limit: int = 200_000, clock: Callable[[], float] = time.time) -> None:
        # The emulator plays Telegram's servers, which stamp messages with their own clock.
        self.clock = clock
        self.record_limit = record_limit
        self.update_signal = Signal()
        self.message_signal = Signal()
        self._update_ids = itertools.count(_first_update_id())
        self._ids = itertools.count(1)
        self.bot_user: dict[str, Any] = {"id": 0, "is_bot": True, "first_name": "Coach"}
        self.reset()

    def reset(self) -> None:
        """Forget everything except the update id counter (pollers keep their offsets).

        The webhook goes too (updates go back to getUpdates), with its log, counters and the
        injected ack losses and send failures: every test starts from a clean polling world.
        """
        self.users: dict[int, dict[str, Any]] = {}
        self.chats: dict[int, Chat] = {}
        self.updates: deque[dict[str, Any]] = deque()
        # The last updates a poller confirmed, kept to deliver again as Telegram does for a bot that stopped
        # before confirming them (see redeliver).
        self.confirmed: deque[dict[str, Any]] = deque(maxlen=1000)
        self.redelivering: set[int] = set()
        self.bot_messages: list[StoredMessage] = []
        self.calls: deque[dict[str, Any]] = deque(maxlen=self.record_limit)
        self.violations: list[dict[str, Any]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.callback_queries: dict[str, dict[str, Any]] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.blocked: set[int] = set()
        # garble_chat: sends to these chats take effect, but the answer is not a message (the bot's library
        # then raises something that is not a Telegram error).
        self.garbled: set[int] = set()
        self.rate_limits: list[dict[str, Any]] = []
        self.commands: dict[tuple[str, str], list[Any]] = {}
        self.webhook = WebhookState()
        self.allowed_updates: list[str] | None = None
        self.send_faults: dict[str, Any] | None = None
        self.send_failures: list[dict[str, Any]] = []
        self.method_counts: Counter[str] = Counter()
        self.in_flight = 0
        # wait_idle bookkeeping: any bot activity, last real call, last update hand-out.
        self.last_activity = self.last_call = self.last_delivery = time.monotonic()

    # --- users and chats ---------------------------------------------------------------

    def ensure_user(self, user_id: int, first_name: str | None = None, username: str | None = None) -> dict[str, Any]:
        """Create or update a user and their private chat."""
        user = self.users.get(user_id)
        if user is None:
            user = {
                "id": user_id,
                "is_bot": False,
                "first_name": first_name or "Ann",
                "language_code": "en",
            }
            self.users[user_id] = user
        elif first_name:
            user["first_name"] = first_name
        if username:
            user["username"] = username
        chat = self.chat(user_id)
        chat.json["first_name"] = user["first_name"]
        if username:
            chat.json["username"] = username
        return user

    def chat(self, chat_id: int) -> Chat:
        """The private chat with this id, created on first use."""
        chat = self.chats.get(chat_id)
        if chat is None:
            user = self.users.get(chat_id, {})
            chat_json = {
                "id": chat_id,
                "type": "private",
                "first_name": user.get("first_name", "User"),
            }
            chat = self.chats[chat_id] = Chat(chat_id, chat_json)
        return chat

    def find_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """A live (not deleted) message, or None."""
        chat = self.chats.get(chat_id)
        msg = chat.messages.get(message_id) if chat else None
        return None if msg is None or msg.deleted else msg

    def latest_bot_message(self, chat_id: int) -> StoredMessage | None:
        """The newest live bot message in a chat."""
        chat = self.chats.get(chat_id)
        for msg in reversed(chat.bot_messages if chat else []):
            if not msg.deleted:
                return msg
        return None

    # --- user side: updates ------------------------------------------------------------

    def _queue(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), kind: payload}
        self.updates.append(update)
        self.update_signal.notify()
        return update

    def _user_message(
        self, user_id: int, first_name: str | None, username: str | None, **content: Any
    ) -> dict[str, Any]:
        user = self.ensure_user(user_id, first_name, username)
        chat = self.chat(user_id)
        msg_json = {
            "message_id": chat.take_message_id(),
            "from": dict(user),
            "chat": dict(chat.json),
            "date": int(self.clock()),
            **content,
        }
        kind = "text" if "text" in content else next(iter(content))
        chat.messages[msg_json["message_id"]] = StoredMessage(
            user_id, msg_json["message_id"], kind, False, msg_json, raw_text=content.get("text")
        )
        return self._queue("message", msg_json)

    def send_text(
        self, user_id: int, text: str, *, first_name: str | None = None, username: str | None = None
    ) -> dict[str, Any]:
        """Queue a text message from a user (with a bot_command entity for /commands)."""
        content: dict[str, Any] = {"text": text}
        entities = command_entities(text)
        if entities:
            content["entities"] = entities
        return self._user_message(int(user_id), first_name, username, **content)

    def send_photo(self, user_id: int, caption: str | None = None) -> dict[str, Any]:
        """Queue a photo message from a user (a tiny placeholder image), with an optional caption."""
        file_id = f"user-photo-{next(self._ids)}"
        photo = [{"file_id": file_id, "file_unique_id": file_id, "width": 90, "height": 90, "file_size": 1200}]
        content: dict[str, Any] = {"photo": photo}
        if caption:
            content["caption"] = caption
        return self._user_message(int(user_id), None, None, **content)

    def edit_text(self, user_id: int, message_id: int, text: str) -> dict[str, Any]:
        """Queue an edited_message update: the user changed the text of their earlier message."""
        user_id, message_id = int(user_id), int(message_id)
        stored = self.find_message(user_id, message_id)
        if stored is None or stored.from_bot:
            raise ValueError(f"user {user_id} has no message {message_id} to edit")
        edited = {**stored.json, "text": text, "edit_date": int(self.clock())}
        edited.pop("entities", None)
        stored.json = edited
        return self._queue("edited_message", edited)

    def share_location(self, user_id: int, latitude: float, longitude: float) -> dict[str, Any]:
        """Queue a location message from a user."""
        location = {"latitude": float(latitude), "longitude": float(longitude)}
        return self._user_message(int(user_id), None, None, location=location)

    def press_button(self, user_id: int, message_id: int, data: str) -> dict[str, Any]:
        """Queue a callback query; forged data and unknown messages are allowed on purpose."""
        user_id, message_id = int(user_id), int(message_id)
        user = self.ensure_user(user_id)
        chat = self.chat(user_id)
        msg = self.find_message(user_id, message_id)
        if msg is not None and msg.from_bot:
            message = msg.json
        else:  # minimal accessible message so forged presses still parse
            message = {
                "message_id": message_id,
                "date": int(self.clock()),
                "chat": dict(chat.json),
                "from": self.bot_user,
            }
        query_id = str(4_000_000_000_000 + next(self._ids))
        self.callback_queries[query_id] = {
            "answered": False,
            "user_id": user_id,
            "message_id": message_id,
            "data": data,
        }
        query = {
            "id": query_id,
            "from": dict(user),
            "message": message,
            "chat_instance": str(9_000_000_000 + user_id),
            "data": data,
        }
        return self._queue("callback_query", query)

    # --- bot side: polling -------------------------------------------------------------

    def confirm(self, offset: int | None) -> None:
        """Apply getUpdates' offset: drop confirmed updates (negative = keep the last -offset)."""
        if offset is None:
            return
        if offset < 0:
            while len(self.updates) > -offset:
                self.updates.popleft()
            return
        if self.redelivering:
            # An update delivered again is not dropped by the offset the poller had reached before it.
            kept = deque(u for u in self.updates if u["update_id"] >= offset or u["update_id"] in self.redelivering)
            self.confirmed.extend(u for u in self.updates if u not in kept)
            dropped, self.updates = len(kept) != len(self.updates), kept
        else:
            dropped = False
            while self.updates and self.updates[0]["update_id"] < offset:
                self.confirmed.append(self.updates.popleft())
                dropped = True
        if dropped:
            self.touch()

    def fetch(self, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` pending updates; types outside allowed_updates are discarded."""
        allowed = self.allowed_updates
        if allowed:
            kept = deque(u for u in self.updates if update_kind(u) in allowed)
            if len(kept) != len(self.updates):
                self.updates = kept
        fetched = list(itertools.islice(self.updates, limit))
        if self.redelivering:
            self.redelivering.difference_update(u["update_id"] for u in fetched)
        return fetched

    # --- bot side: webhook -------------------------------------------------------------

    def set_webhook(
        self,
        url: str,
        secret_token: str | None = None,
        max_connections: int = 40,
        allowed_updates: list[str] | None = None,
        drop_pending_updates: bool = False,
    ) -> None:
        """Start (or re-point) webhook delivery; waiting updates carry over unless dropped."""
        self._requeue(self.webhook.close())
        if drop_pending_updates:
            self.updates.clear()
        if allowed_updates is not None:  # omitted = keep the previous setting, as on Telegram
            self.allowed_updates = allowed_updates or None
        self.webhook.open(url, secret_token, max_connections)
        self.update_signal.notify()

    def delete_webhook(self, drop_pending_updates: bool = False) -> None:
        """Stop webhook delivery: unacknowledged updates go back to getUpdates unless dropped."""
        self._requeue(self.webhook.close())
        if drop_pending_updates:
            self.updates.clear()
        self.update_signal.notify()

    def redeliver(self, last: int) -> list[int]:
        """Deliver the last `last` confirmed updates again, as Telegram does when the bot stopped after fetching
        them and before confirming them. Returns their update ids."""
        again = list(self.confirmed)[-last:] if last > 0 else []
        for update in again:  # confirmed again once the bot has them
            self.confirmed.remove(update)
        # A restarted poller asks without an offset; this one keeps its own, so these are kept from it until fetched.
        self.redelivering.update(update["update_id"] for update in again)
        self._requeue(again)
        self.update_signal.notify()
        return [update["update_id"] for update in again]

    def _requeue(self, updates: list[dict[str, Any]]) -> None:
        if updates:
            merged = sorted([*updates, *self.updates], key=lambda u: u["update_id"])
            self.updates = deque(merged)

    def pending_count(self) -> int:
        """Updates not yet confirmed (polling) or acknowledged (webhook)."""
        return len(self.updates) + self.webhook.pending

    # --- bot side: messages ------------------------------------------------------------

    def add_bot_message(
        self,
        chat: Chat,
        kind: str,
        content: dict[str, Any],
        *,
        raw_text: str | None,
        parse_mode: str | None,
        reply_markup: Any,
        file_id: str | None = None,
    ) -> StoredMessage:
        """Store a message the bot sent and return it."""
        msg_json = {
            "message_id": chat.take_message_id(),
            "from": self.bot_user,
            "chat": chat.json,
            "date": int(self.clock()),
            **content,
        }
        if isinstance(reply_markup, dict) and "inline_keyboard" in reply_markup:
            msg_json["reply_markup"] = reply_markup  # Telegram echoes inline keyboards only
        msg = StoredMessage(
            chat.id,
            msg_json["message_id"],
            kind,
            True,
            msg_json,
            raw_text=raw_text,
            parse_mode=parse_mode,
            reply_markup=reply_markup,
            file_id=file_id,
        )
        chat.messages[msg.message_id] = msg
        chat.bot_messages.append(msg)
        self.bot_messages.append(msg)
        self.message_signal.notify()
        return msg

    def edit(
        self,
        msg: StoredMessage,
        *,
        field_name: str | None,
        raw_text: str | None,
        parse_mode: str | None,
        reply_markup: Any,
    ) -> None:
        """Apply an edit (text/caption and/or markup), keeping the previous text in history."""
        msg.history.append(msg.text)
        if field_name is not None:
            msg.raw_text, msg.parse_mode = raw_text, parse_mode
            if raw_text:
                msg.json[field_name] = visible_text(raw_text, parse_mode)
            else:  # an empty caption removes it
                msg.json.pop(field_name, None)
        msg.reply_markup = reply_markup
        if isinstance(reply_markup, dict) and "inline_keyboard" in reply_markup:
            msg.json["reply_markup"] = reply_markup
        else:
            msg.json.pop("reply_markup", None)
        msg.json["edit_date"] = int(self.clock())
        self.message_signal.notify()

    def add_file(
        self,
        kind: str,
        filename: str | None,
        mime_type: str | None,
        content: bytes | None,
        chat_id: int,
    ) -> dict[str, Any]:
        """Register an uploaded file and return its record (with a fresh file_id)."""
        n = next(self._ids)
        record = {
            "file_id": f"emu-{kind}-{n}",
            "file_unique_id": f"emuU{n}",
            "kind": kind,
            "chat_id": chat_id,
            "message_id": None,
            "filename": filename,
            "mime_type": mime_type,
            "size": len(content) if content is not None else 0,
            "content": content,
        }
        self.files[record["file_id"]] = record
        return record

    # --- recording, failure injection, idleness ----------------------------------------

    def touch(self, *, call: bool = False, delivery: bool = False) -> None:
        """Mark bot activity now (for wait_idle): a method call, an update hand-out or a confirm."""
        now = self.last_activity = time.monotonic()
        if call:
            self.last_call = now
        if delivery:
            self.last_delivery = now

    def record_call(self, method: str, params: dict[str, Any], status: int, *, failure: str | None = None) -> None:
        """Remember a Bot API call (with the fail_sends mode injected into it, if any)."""
        self.method_counts[method] += 1
        call = {"method": method, "params": params, "status": status, "time": self.clock()}
        if failure is not None:
            call["failure"] = failure
        self.calls.append(call)

    def record_violation(self, method: str, params: dict[str, Any], problems: list[str]) -> None:
        """Remember a call real Telegram would have rejected because the bot is wrong."""
        self.violations.append({"method": method, "params": params, "problems": problems, "time": self.clock()})

    def check_delivery(self, chat_id: int) -> None:
        """Raise the injected failure (block or flood limit) for a send to this chat, if any."""
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        for rule in self.rate_limits:
            if rule["remaining"] > 0 and rule["chat_id"] in (None, chat_id):
                rule["remaining"] -= 1
                retry = rule["retry_after"]
                raise ApiError(429, f"Too Many Requests: retry after {retry}", retry_after=retry)

    def rate_limit(self, chat_id: int | None, retry_after: int, times: int) -> None:
        """Answer the next `times` sends (to chat_id, or any chat if None) with 429."""
        self.rate_limits = [r for r in self.rate_limits if r["remaining"] > 0]
        self.rate_limits.append(
            {
                "chat_id": None if chat_id is None else int(chat_id),
                "retry_after": int(retry_after),
                "remaining": int(times),
            }
        )

    def fail_sends(
        self,
        fraction: float,
        modes: list[str],
        seed: int,
        methods: list[str] | None,
        timeout_seconds: float,
    ) -> None:
        """Fail each call of a sending method with probability `fraction`, in a seeded random mode."""
        fraction = float(fraction)
        unknown = [m for m in modes if str(m) not in SEND_FAILURE_MODES]
        if unknown or not modes or not 0.0 <= fraction <= 1.0:
            raise ValueError(f"fraction must be in [0, 1] and modes among {SEND_FAILURE_MODES}")
        if fraction == 0:
            self.send_faults = None
            return
        self.send_faults = {
            "fraction": fraction,
            "modes": [str(m) for m in modes],
            "rng": random.Random(seed),
            "methods": frozenset(methods if methods is not None else SEND_METHODS),
            "timeout": float(timeout_seconds),
        }

    def draw_send_failure(self, method: str) -> tuple[str, float] | None:
        """(mode, timeout_seconds) of the failure to inject into this call, or None."""
        faults = self.send_faults
        if faults is None or method not in faults["methods"]:
            return None
        rng = faults["rng"]
        if rng.random() >= faults["fraction"]:
            return None
        return rng.choice(faults["modes"]), faults["timeout"]

    def record_send_failure(self, method: str, chat_id: Any, mode: str, message_id: int | None, stored: bool) -> None:
        """Remember an injected send failure."""
        self.send_failures.append(
            {
                "method": method,
                "chat_id": chat_id,
                "mode": mode,
                "stored": stored,
                "message_id": message_id,
                "time": self.clock(),
            }
        )

    def is_idle(self, quiet: float, grace: float) -> bool:
        """Updates consumed, bot quiet for `quiet` s, and it reacted to the last delivery."""
        # A handler doing slow work before its first call (e.g. loading a geo database) looks
        # quiet, so until the bot makes a call after the latest hand-out we wait up to `grace` s.
        # In webhook mode a hand-out is a POST, and an update is consumed once acknowledged.
        if self.updates or self.in_flight or self.webhook.pending:
            return False
        now = time.monotonic()
        if now - self.last_activity < quiet:
            return False
        return self.last_call >= self.last_delivery or now - self.last_delivery >= grace

    def stats(self) -> dict[str, Any]:
        """Counters for benchmarks."""
        hook = self.webhook
        return {
            "pending_updates": self.pending_count(),
            "bot_messages": len(self.bot_messages),
            "violations": len(self.violations),
            "calls": dict(self.method_counts),
            "users": len(self.users),
            "webhook_attempts": hook.attempts,
            "webhook_acknowledged": hook.acknowledged,
            "webhook_pending": self.pending_count() if hook.session else 0,
            "send_failures": len(self.send_failures),
        }
