"""Webhook mode: pending updates are POSTed to the bot's URL the way Telegram does it.

WebhookState is plain bookkeeping kept in the World (touched only from the emulator's loop).
WebhookDeliverer is the engine: one worker per chat with pending updates, so a chat's updates
go out one at a time, each retried until acknowledged, while different chats proceed concurrently.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import aiohttp

if TYPE_CHECKING:
    from coach.devtools.emulator.state import World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_MAX_CONNECTIONS = 40
DEFAULT_TIMEOUT = 10.0
# Telegram backs off for much longer; tests wait on redeliveries, so retry fast.
BACKOFF_START, BACKOFF_MAX = 0.1, 2.0
# What Telegram would see when the bot's 2xx answer is lost on the way back.
LOST_ACK_ERROR = "Connection reset by peer"
CANCELLED = "cancelled"  # an attempt cut short by deleteWebhook, setWebhook, reset or stop


def update_kind(update: dict[str, Any]) -> str:
    """The update's type: 'message', 'callback_query', ..."""
    return next(k for k in update if k != "update_id")


def update_chat_id(update: dict[str, Any]) -> int | None:
    """The chat an update belongs to (Telegram keeps each chat's updates in order), or None."""
    payload = update[update_kind(update)]
    chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
    return chat.get("id") if isinstance(chat, dict) else None


@dataclass(eq=False)
class WebhookSession:
    """One setWebhook: where updates go and what waits for delivery, chat by chat."""

    url: str
    secret_token: str | None
    max_connections: int
    # Each queue's head is being delivered; it leaves the queue once acknowledged.
    queues: dict[Any, deque[dict[str, Any]]] = field(default_factory=dict)
    pending: int = 0
    closed: bool = False
    last_error_date: int | None = None
    last_error_message: str | None = None

    def undelivered(self) -> list[dict[str, Any]]:
        """Every update not yet acknowledged."""
        return [update for queue in self.queues.values() for update in queue]


class WebhookState:
    """The World's webhook side: the current session, the delivery log, counters and ack losses."""

    def __init__(self) -> None:
        self.session: WebhookSession | None = None
        self.log: dict[int, dict[str, Any]] = {}
        self.attempts = self.acknowledged = 0
        self.timeout = DEFAULT_TIMEOUT
        self.lose_acks(0, 0.0, 0)

    @property
    def pending(self) -> int:
        """Updates taken for delivery but not acknowledged yet (in flight included)."""
        return self.session.pending if self.session else 0

    def open(self, url: str, secret_token: str | None, max_connections: int) -> WebhookSession:
        """Start a new session (close() the current one first)."""
        self.session = WebhookSession(url, secret_token, max_connections)
        return self.session

    def close(self) -> list[dict[str, Any]]:
        """End the session; returns its unacknowledged updates."""
        session, self.session = self.session, None
        if session is None:
            return []
        session.closed = True
        return session.undelivered()

    def absorb(self, updates: deque[dict[str, Any]], allowed: list[str] | None) -> list[Any]:
        """Move queued updates into the session's per-chat queues; returns the keys of new queues."""
        session = self.session
        assert session is not None
        created = []
        while updates:
            update = updates.popleft()
            if allowed and update_kind(update) not in allowed:
                continue  # discarded, as getUpdates does
            chat_id = update_chat_id(update)
            key = chat_id if chat_id is not None else ("update", update["update_id"])
            queue = session.queues.get(key)
            if queue is None:
                queue = session.queues[key] = deque()
                created.append(key)
            queue.append(update)
            session.pending += 1
            self._log_entry(update, chat_id)
        return created

    def _log_entry(self, update: dict[str, Any], chat_id: int | None) -> None:
        # An update handed back by deleteWebhook and queued again keeps its entry.
        self.log.setdefault(
            update["update_id"],
            {
                "update_id": update["update_id"],
                "chat_id": chat_id,
                "attempts": 0,
                "acknowledged": False,
                "statuses": [],
                "lost_acks": 0,
            },
        )

    def begin_attempt(self, update: dict[str, Any]) -> dict[str, Any]:
        """Count an attempt; returns the update's log entry."""
        entry = self.log[update["update_id"]]
        entry["attempts"] += 1
        self.attempts += 1
        return entry

    def finish_attempt(
        self, session: WebhookSession, entry: dict[str, Any], outcome: int | str, error: str | None, now: int
    ) -> bool:
        """Record an attempt's outcome; True when the update counts as acknowledged."""
        entry["statuses"].append(outcome)
        if error is None:
            if not self._lose(entry):
                entry["acknowledged"] = True
                self.acknowledged += 1
                return True
            entry["lost_acks"] += 1
            error = LOST_ACK_ERROR
        session.last_error_date, session.last_error_message = now, error
        return False

    def lose_acks(self, times: int, fraction: float, seed: int) -> None:
        """Treat the next `times` 2xx answers, or else a seeded `fraction` of updates, as never received."""
        fraction = float(fraction)
        if not 0.0 <= fraction <= 1.0:
            raise ValueError("fraction must be between 0 and 1")
        # Either/or: lose_acks(fraction=0.3) means 30% of updates, not one more on top of them.
        self.lose_times = 0 if fraction > 0 else max(int(times), 0)
        self.lose_fraction, self._lose_rng = fraction, random.Random(seed)

    def _lose(self, entry: dict[str, Any]) -> bool:
        if self.lose_times > 0:
            self.lose_times -= 1
            return True
        # The fraction draws once per update (at its first 2xx answer), so even 1.0 terminates:
        # every update then arrives exactly twice.
        return entry["lost_acks"] == 0 and self.lose_fraction > 0 and self._lose_rng.random() < self.lose_fraction

    def entries(self) -> list[dict[str, Any]]:
        """The delivery log, oldest update first (copies)."""
        return [{**e, "statuses": list(e["statuses"])} for _, e in sorted(self.log.items())]


class WebhookDeliverer:
    """POSTs the World's pending webhook updates; runs on the emulator's event loop."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._http: aiohttp.ClientSession | None = None
        self._session: WebhookSession | None = None
        self._slots: asyncio.Semaphore | None = None
        self._workers: dict[Any, asyncio.Task[None]] = {}
        self._pump: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Open the HTTP client and start following the World."""
        # force_close: a fresh connection per attempt, so a keep-alive connection the webhook
        # closed meanwhile never shows up as a failed attempt in the log.
        connector = aiohttp.TCPConnector(limit=0, force_close=True)
        self._http = aiohttp.ClientSession(connector=connector)
        self._pump = asyncio.create_task(self._follow(), name="webhook-pump")

    async def stop(self) -> None:
        """Cancel every delivery (in-flight requests included) and close the HTTP client."""
        http, self._http = self._http, None
        tasks = [*self._workers.values(), *([self._pump] if self._pump else [])]
        self._pump, self._workers, self._session = None, {}, None
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=1.0)
        if http is not None:
            await http.close()

    def sync(self) -> None:
        """Follow the World: drop the workers of a replaced session, start workers for new updates."""
        current = self.world.webhook.session
        if current is not self._session:
            for task in self._workers.values():
                task.cancel()
            self._workers = {}
            self._session = current
            self._slots = asyncio.Semaphore(current.max_connections) if current else None
        if current is None or self._http is None or not self.world.updates:
            return
        for key in self.world.webhook.absorb(self.world.updates, self.world.allowed_updates):
            self._workers[key] = asyncio.create_task(self._drain(current, key))

    async def _follow(self) -> None:
        # New updates notify update_signal; the timeout is only a safety net. The loop checks
        # _http because wait_for may swallow a cancellation that races with a notify.
        while self._http is not None:
            self.sync()
            await self.world.update_signal.wait(1.0)

    async def _drain(self, session: WebhookSession, key: Any) -> None:
        """Deliver one chat's updates in order, each until acknowledged."""
        queue = session.queues[key]
        while queue and not session.closed:
            await self._deliver(session, queue[0])
            queue.popleft()
            session.pending -= 1
            self.world.touch()
        # Nothing awaited since the queue ran dry, so no update can be stranded here.
        del session.queues[key]
        if session is self._session:
            self._workers.pop(key, None)

    async def _deliver(self, session: WebhookSession, update: dict[str, Any]) -> None:
        delay = BACKOFF_START
        while not await self._attempt(session, update):
            await asyncio.sleep(delay)
            delay = min(delay * 2, BACKOFF_MAX)

    async def _attempt(self, session: WebhookSession, update: dict[str, Any]) -> bool:
        """One POST within max_connections; True when acknowledged."""
        assert self._slots is not None
        async with self._slots:
            entry = self.world.webhook.begin_attempt(update)
            self.world.touch(delivery=True)
            try:
                outcome, error = await self._post(session, update)
            except asyncio.CancelledError:
                entry["statuses"].append(CANCELLED)
                raise
        return self.world.webhook.finish_attempt(session, entry, outcome, error, int(self.world.clock()))

    async def _post(self, session: WebhookSession, update: dict[str, Any]) -> tuple[int | str, str | None]:
        """POST the update; (status, None) for a 2xx answer, else (status or error, Telegram's error text)."""
        assert self._http is not None
        headers = {"Content-Type": "application/json"}
        if session.secret_token:
            headers[SECRET_HEADER] = session.secret_token
        timeout = aiohttp.ClientTimeout(total=self.world.webhook.timeout)
        body = json.dumps(update).encode()
        try:
            async with self._http.post(session.url, data=body, headers=headers, timeout=timeout) as resp:
                await resp.read()
        except TimeoutError:  # before ClientError: aiohttp's timeouts are both
            return "Read timeout expired", "Read timeout expired"
        except aiohttp.ClientConnectorError as exc:
            message = _connect_error(exc)
            return message, message
        except (aiohttp.ClientError, ValueError) as exc:
            message = f"Connection error: {exc or type(exc).__name__}"
            return message, message
        if 200 <= resp.status < 300:
            return resp.status, None
        return resp.status, f"Wrong response from the webhook: {resp.status} {resp.reason or ''}".rstrip()


def _connect_error(exc: aiohttp.ClientConnectorError) -> str:
    """Telegram's wording for a failed connect."""
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return "Failed to resolve host: Name or service not known"
    if isinstance(exc.os_error, ConnectionRefusedError):
        return "Connection refused"
    if isinstance(exc.os_error, TimeoutError):
        return "Connection timed out"
    return f"Connection error: {exc.os_error.strerror or exc.os_error}"
