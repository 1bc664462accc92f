"""Sync and async client for the emulator's /_emu control API (stdlib only)."""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import threading
from typing import Any
from urllib.parse import urlsplit

# Errors a stale keep-alive connection raises before the server saw the request.
_STALE = (
    http.client.RemoteDisconnected,
    http.client.CannotSendRequest,
    ConnectionResetError,
    BrokenPipeError,
)


class EmulatorError(RuntimeError):
    """The control API rejected a request."""


class EmulatorClient:
    """Drives the emulator as the 'user side'; `a`-prefixed methods are the async variants."""

    # Async variants run the blocking call in a worker thread, so they are safe even when the
    # emulator serves from the caller's own event loop.

    def __init__(self, control_url: str, *, timeout: float = 30.0) -> None:
        parts = urlsplit(control_url)
        self.control_url = control_url.rstrip("/")
        self.timeout = timeout
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._path = parts.path.rstrip("/")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._conns: list[http.client.HTTPConnection] = []

    # --- transport ---------------------------------------------------------------------

    def _connection(self) -> tuple[http.client.HTTPConnection, bool]:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn, False
        # One keep-alive connection per thread: http.client connections are not thread-safe.
        conn = http.client.HTTPConnection(self._host, self._port, timeout=self.timeout)
        self._local.conn = conn
        with self._lock:
            self._conns.append(conn)
        return conn, True

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _call(self, op: str, *, wait: float = 0.0, **kwargs: Any) -> Any:
        body = json.dumps(kwargs).encode()
        headers = {"Content-Type": "application/json"}
        timeout = self.timeout + wait
        while True:
            conn, fresh = self._connection()
            conn.timeout = timeout
            if conn.sock is not None:
                conn.sock.settimeout(timeout)
            try:
                conn.request("POST", f"{self._path}/{op}", body, headers)
                response = conn.getresponse()
                data = response.read()
                break
            except _STALE:
                self._drop_connection()
                if fresh:
                    raise
            except BaseException:
                self._drop_connection()
                raise
        payload = json.loads(data)
        if not payload.get("ok"):
            raise EmulatorError(f"{op}: {payload.get('error')}")
        return payload["result"]

    def close(self) -> None:
        """Close every connection this client opened."""
        with self._lock:
            conns, self._conns = self._conns, []
        for conn in conns:
            conn.close()

    def __enter__(self) -> EmulatorClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- user actions ------------------------------------------------------------------

    def send_text(
        self, user_id: int, text: str, *, first_name: str = "Ann", username: str | None = None
    ) -> dict[str, Any]:
        """Queue a text message from a user; returns the Update."""
        return self._call("send_text", user_id=user_id, text=text, first_name=first_name, username=username)

    def send_batch(self, items: list[dict[str, Any]]) -> int:
        """Queue many send_text kwargs dicts in one round trip; returns how many."""
        return self._call("send_batch", items=items)

    def press_button(self, user_id: int, message_id: int, data: str) -> dict[str, Any]:
        """Queue a callback query for a bot message (data is not checked against the keyboard)."""
        return self._call("press_button", user_id=user_id, message_id=message_id, data=data)

    def share_location(self, user_id: int, latitude: float, longitude: float) -> dict[str, Any]:
        """Queue a location message from a user."""
        return self._call("share_location", user_id=user_id, latitude=latitude, longitude=longitude)

    def send_photo(self, user_id: int, caption: str | None = None) -> dict[str, Any]:
        """Queue a photo from a user, with an optional caption."""
        return self._call("send_photo", user_id=user_id, caption=caption)

    def edit_text(self, user_id: int, message_id: int, text: str) -> dict[str, Any]:
        """Queue an edited_message: the user changes the text of an earlier message of theirs."""
        return self._call("edit_text", user_id=user_id, message_id=message_id, text=text)

    # --- observations ------------------------------------------------------------------

    def messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Every message the bot sent (optionally to one chat), oldest first."""
        return self._call("messages", chat_id=chat_id)

    def last_message(self, chat_id: int) -> dict[str, Any] | None:
        """The newest live bot message in a chat, or None."""
        return self._call("last_message", chat_id=chat_id)

    def buttons(self, chat_id: int, message_id: int | None = None) -> list[tuple[str, Any]]:
        """(text, callback_data) of the inline keyboard on the given or newest bot message."""
        return [tuple(b) for b in self._call("buttons", chat_id=chat_id, message_id=message_id)]

    def wait_for_messages(self, chat_id: int, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait until the chat has `count` bot messages; returns what it has on timeout."""
        return self._call("wait_for_messages", wait=timeout, chat_id=chat_id, count=count, timeout=timeout)

    def wait_for_total(self, count: int, timeout: float = 10.0) -> int:
        """Wait until the bot has sent `count` messages in all; returns how many it has sent."""
        return self._call("wait_for_total", wait=timeout, count=count, timeout=timeout)

    def wait_idle(self, timeout: float = 10.0, quiet: float = 0.2, grace: float = 2.0) -> bool:
        """Wait until updates are consumed and the bot is done replying; False on timeout."""
        # Done = no call for `quiet` s, and the bot made at least one call since the last update
        # it fetched (or `grace` s passed without one, for updates it ignores).
        return self._call("wait_idle", wait=timeout, timeout=timeout, quiet=quiet, grace=grace)

    def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """Recorded Bot API calls, optionally of one method."""
        return self._call("calls", method=method)

    def violations(self) -> list[dict[str, Any]]:
        """Calls real Telegram would have rejected: method, params, problems."""
        return self._call("violations")

    def callback_answers(self) -> list[dict[str, Any]]:
        """answerCallbackQuery calls with their text/show_alert."""
        return self._call("callback_answers")

    def files(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Uploaded photos/documents; `content` holds the bytes (None for URL/file_id sends)."""
        out = self._call("files", chat_id=chat_id)
        for item in out:
            encoded = item.pop("content_b64")
            item["content"] = base64.b64decode(encoded) if encoded else None
        return out

    def stats(self) -> dict[str, Any]:
        """Counters: pending updates, bot messages, violations, calls per method."""
        return self._call("stats")

    # --- failure injection -------------------------------------------------------------

    def block_chat(self, chat_id: int) -> None:
        """Deliveries to this chat answer 403 'bot was blocked by the user'."""
        self._call("block_chat", chat_id=chat_id)

    def unblock_chat(self, chat_id: int) -> None:
        """Undo block_chat."""
        self._call("unblock_chat", chat_id=chat_id)

    def rate_limit(self, chat_id: int | None = None, *, retry_after: int = 1, times: int = 1) -> None:
        """The next `times` deliveries (to chat_id, or any chat if None) answer 429."""
        self._call("rate_limit", chat_id=chat_id, retry_after=retry_after, times=times)

    def garble_chat(self, chat_id: int, garbled: bool = True) -> None:
        """Sends to this chat take effect, but the answer is not a message (the library raises a non-Telegram error)."""
        self._call("garble_chat", chat_id=chat_id, garbled=garbled)

    def fail_sends(
        self,
        fraction: float,
        modes: list[str] | tuple[str, ...] = ("500", "502", "timeout"),
        seed: int = 0,
        methods: list[str] | None = None,
        timeout_seconds: float = 3.0,
    ) -> None:
        """Each call of a sending method fails with probability `fraction`, in a seeded random mode.

        Modes: "500"/"502"/"503" store nothing and answer that status; "timeout" stores the message
        and holds the answer `timeout_seconds`; "drop" stores it and closes the connection unanswered.
        Methods default to sendMessage, sendPhoto, sendDocument, editMessageText,
        editMessageReplyMarkup and answerCallbackQuery. fraction=0 turns it off.
        """
        self._call(
            "fail_sends",
            fraction=fraction,
            modes=list(modes),
            seed=seed,
            methods=methods,
            timeout_seconds=timeout_seconds,
        )

    def send_failures(self) -> list[dict[str, Any]]:
        """Injected send failures: method, chat_id, mode, stored, message_id, time."""
        return self._call("send_failures")

    def reset(self) -> None:
        """Forget all users, messages, calls and injected failures; delete the webhook (back to polling)."""
        self._call("reset")

    # --- webhook mode ------------------------------------------------------------------

    def set_webhook(
        self,
        url: str,
        secret_token: str | None = None,
        max_connections: int = 40,
        *,
        allowed_updates: list[str] | None = None,
        drop_pending_updates: bool = False,
    ) -> bool:
        """As if the bot called setWebhook: pending updates are POSTed to url (http:// is fine)."""
        return self._call(
            "set_webhook",
            url=url,
            secret_token=secret_token,
            max_connections=max_connections,
            allowed_updates=allowed_updates,
            drop_pending_updates=drop_pending_updates,
        )

    def delete_webhook(self, drop_pending_updates: bool = False) -> bool:
        """As if the bot called deleteWebhook: unacknowledged updates go back to getUpdates."""
        return self._call("delete_webhook", drop_pending_updates=drop_pending_updates)

    def webhook_info(self) -> dict[str, Any]:
        """What getWebhookInfo answers: url, pending_update_count, last_error_message, ..."""
        return self._call("webhook_info")

    def set_webhook_timeout(self, seconds: float = 10.0) -> None:
        """How long a webhook POST may take before it fails with 'Read timeout expired'."""
        self._call("set_webhook_timeout", seconds=seconds)

    def lose_acks(self, times: int = 1, fraction: float = 0.0, seed: int = 0) -> None:
        """Pretend the webhook's 2xx answer never arrived, so the same update is delivered again.

        `times`: the next that many 2xx answers are lost. `fraction` (when > 0, instead of `times`):
        each update's first 2xx answer is lost with that (seeded) probability, so such an update
        arrives exactly twice. lose_acks(0, 0.0) turns it off.
        """
        self._call("lose_acks", times=times, fraction=fraction, seed=seed)

    def redeliver(self, last: int = 1) -> list[int]:
        """Long polling: deliver the last `last` confirmed updates again, as Telegram does when a bot stopped after
        fetching them and before confirming them. Returns their update ids."""
        return self._call("redeliver", last=last)

    def webhook_log(self) -> list[dict[str, Any]]:
        """One entry per update queued for the webhook, oldest first.

        Keys: update_id, chat_id, attempts, acknowledged, statuses (HTTP status or error text per
        attempt; "cancelled" when deleteWebhook/reset/stop cut it short) and lost_acks.
        """
        return self._call("webhook_log")

    # --- async variants (run the sync call in a worker thread) -------------------------

    async def asend_text(
        self, user_id: int, text: str, *, first_name: str = "Ann", username: str | None = None
    ) -> dict[str, Any]:
        """Async send_text."""
        return await asyncio.to_thread(self.send_text, user_id, text, first_name=first_name, username=username)

    async def asend_batch(self, items: list[dict[str, Any]]) -> int:
        """Async send_batch."""
        return await asyncio.to_thread(self.send_batch, items)

    async def apress_button(self, user_id: int, message_id: int, data: str) -> dict[str, Any]:
        """Async press_button."""
        return await asyncio.to_thread(self.press_button, user_id, message_id, data)

    async def ashare_location(self, user_id: int, latitude: float, longitude: float) -> dict[str, Any]:
        """Async share_location."""
        return await asyncio.to_thread(self.share_location, user_id, latitude, longitude)

    async def asend_photo(self, user_id: int, caption: str | None = None) -> dict[str, Any]:
        """Async send_photo."""
        return await asyncio.to_thread(self.send_photo, user_id, caption)

    async def aedit_text(self, user_id: int, message_id: int, text: str) -> dict[str, Any]:
        """Async edit_text."""
        return await asyncio.to_thread(self.edit_text, user_id, message_id, text)

    async def amessages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Async messages."""
        return await asyncio.to_thread(self.messages, chat_id)

    async def alast_message(self, chat_id: int) -> dict[str, Any] | None:
        """Async last_message."""
        return await asyncio.to_thread(self.last_message, chat_id)

    async def abuttons(self, chat_id: int, message_id: int | None = None) -> list[tuple[str, Any]]:
        """Async buttons."""
        return await asyncio.to_thread(self.buttons, chat_id, message_id)

    async def await_for_messages(self, chat_id: int, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Async wait_for_messages."""
        return await asyncio.to_thread(self.wait_for_messages, chat_id, count, timeout)

    async def await_for_total(self, count: int, timeout: float = 10.0) -> int:
        """Async wait_for_total."""
        return await asyncio.to_thread(self.wait_for_total, count, timeout)

    async def await_idle(self, timeout: float = 10.0, quiet: float = 0.2, grace: float = 2.0) -> bool:
        """Async wait_idle."""
        return await asyncio.to_thread(self.wait_idle, timeout, quiet, grace)

    async def acalls(self, method: str | None = None) -> list[dict[str, Any]]:
        """Async calls."""
        return await asyncio.to_thread(self.calls, method)

    async def aviolations(self) -> list[dict[str, Any]]:
        """Async violations."""
        return await asyncio.to_thread(self.violations)

    async def acallback_answers(self) -> list[dict[str, Any]]:
        """Async callback_answers."""
        return await asyncio.to_thread(self.callback_answers)

    async def afiles(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Async files."""
        return await asyncio.to_thread(self.files, chat_id)

    async def astats(self) -> dict[str, Any]:
        """Async stats."""
        return await asyncio.to_thread(self.stats)

    async def ablock_chat(self, chat_id: int) -> None:
        """Async block_chat."""
        await asyncio.to_thread(self.block_chat, chat_id)

    async def aunblock_chat(self, chat_id: int) -> None:
        """Async unblock_chat."""
        await asyncio.to_thread(self.unblock_chat, chat_id)

    async def arate_limit(self, chat_id: int | None = None, *, retry_after: int = 1, times: int = 1) -> None:
        """Async rate_limit."""
        await asyncio.to_thread(self.rate_limit, chat_id, retry_after=retry_after, times=times)

    async def afail_sends(
        self,
        fraction: float,
        modes: list[str] | tuple[str, ...] = ("500", "502", "timeout"),
        seed: int = 0,
        methods: list[str] | None = None,
        timeout_seconds: float = 3.0,
    ) -> None:
        """Async fail_sends."""
        await asyncio.to_thread(self.fail_sends, fraction, modes, seed, methods, timeout_seconds)

    async def asend_failures(self) -> list[dict[str, Any]]:
        """Async send_failures."""
        return await asyncio.to_thread(self.send_failures)

    async def areset(self) -> None:
        """Async reset."""
        await asyncio.to_thread(self.reset)

    async def aset_webhook(
        self,
        url: str,
        secret_token: str | None = None,
        max_connections: int = 40,
        *,
        allowed_updates: list[str] | None = None,
        drop_pending_updates: bool = False,
    ) -> bool:
        """Async set_webhook."""
        return await asyncio.to_thread(
            self.set_webhook,
            url,
            secret_token,
            max_connections,
            allowed_updates=allowed_updates,
            drop_pending_updates=drop_pending_updates,
        )

    async def adelete_webhook(self, drop_pending_updates: bool = False) -> bool:
        """Async delete_webhook."""
        return await asyncio.to_thread(self.delete_webhook, drop_pending_updates)

    async def awebhook_info(self) -> dict[str, Any]:
        """Async webhook_info."""
        return await asyncio.to_thread(self.webhook_info)

    async def aset_webhook_timeout(self, seconds: float = 10.0) -> None:
        """Async set_webhook_timeout."""
        await asyncio.to_thread(self.set_webhook_timeout, seconds)

    async def alose_acks(self, times: int = 1, fraction: float = 0.0, seed: int = 0) -> None:
        """Async lose_acks."""
        await asyncio.to_thread(self.lose_acks, times, fraction, seed)

    async def awebhook_log(self) -> list[dict[str, Any]]:
        """Async webhook_log."""
        return await asyncio.to_thread(self.webhook_log)
