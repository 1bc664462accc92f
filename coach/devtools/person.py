"""A person in a private chat with the bot, acting through the local emulator: demo and e2e tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from coach.devtools.emulator.client import EmulatorClient

QUIET_SECONDS = 0.15
RESPONSE_TIMEOUT = 15.0
EDIT_SHOWN_LINES = 8  # an edited message longer than this is shortened in the transcript
# Every user action gets at least one of these back (a reply, an edit, or a button answer).
RESPONSE_METHODS = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery",
                    "sendPhoto", "sendDocument")


@dataclass
class Person:
    """Types, taps and shares a location; returns what the bot sent or changed in answer."""

    client: EmulatorClient
    user_id: int
    first_name: str = "Ann"
    transcript: list[str] = field(default_factory=list)
    last_update: dict[str, Any] | None = None  # the update the emulator queued for the last action
    _seen: dict[int, int] = field(default_factory=dict)  # message id -> edits, as last put in the transcript
    # Waits until the bot has answered (coach/devtools/running.settled, for a bot in this process); without it, the
    # bot is taken to have answered once it has been quiet for a moment.
    settled: Callable[[], Awaitable[None]] | None = None

    async def say(self, text: str) -> list[dict[str, Any]]:
        self.transcript.append(f"👤 {self.first_name}: {text}")
        return await self._act(self.client.asend_text(self.user_id, text, first_name=self.first_name))

    async def press(self, label: str) -> list[dict[str, Any]]:
        """Tap the newest button whose label is `label` (or starts with it)."""
        message_id, data = await self.find_button(label)
        self.transcript.append(f"👆 {self.first_name} taps [{label}]")
        return await self._act(self.client.apress_button(self.user_id, message_id, data))

    async def press_data(self, message_id: int, data: str) -> list[dict[str, Any]]:
        """Send exactly this callback data, as a forged or replayed press would."""
        self.transcript.append(f"👆 {self.first_name} sends button data {data!r}")
        return await self._act(self.client.apress_button(self.user_id, message_id, data))

    async def send_photo(self, caption: str | None = None) -> list[dict[str, Any]]:
        self.transcript.append(f"🖼 {self.first_name} sends a photo" + (f": {caption}" if caption else ""))
        return await self._act(self.client.asend_photo(self.user_id, caption))

    async def edit(self, update: dict[str, Any], text: str) -> list[dict[str, Any]]:
        """Edit the message that `update` (as returned by the emulator) carried."""
        message_id = update["message"]["message_id"]
        self.transcript.append(f"✏️ {self.first_name} edits a message to: {text}")
        return await self._act(self.client.aedit_text(self.user_id, message_id, text))

    async def share_location(self, latitude: float, longitude: float) -> list[dict[str, Any]]:
        self.transcript.append(f"📍 {self.first_name} shares a location")
        return await self._act(self.client.ashare_location(self.user_id, latitude, longitude))

    async def find_button(self, label: str) -> tuple[int, str]:
        for message in reversed(await self.client.amessages(self.user_id)):
            for text, data in _buttons(message):
                if data and (text == label or text.startswith(label)):
                    return message["message_id"], data
        raise LookupError(f"no button {label!r} in the chat")

    async def messages(self) -> list[dict[str, Any]]:
        return await self.client.amessages(self.user_id)

    async def incoming(self) -> list[dict[str, Any]]:
        """What the bot sent or changed since this person last looked, unprompted (reminders)."""
        if self.settled is not None:
            await self.settled()
        else:
            await self.client.await_idle(timeout=RESPONSE_TIMEOUT, quiet=QUIET_SECONDS)
        changed = [m for m in await self.client.amessages(self.user_id)
                   if self._seen.get(m["message_id"]) != m["edits"]]
        self._record(changed, earlier=set(self._seen))
        return changed

    def note(self, line: str) -> None:
        """A line in the transcript that is not part of the chat (a time stamp, a scene change)."""
        self.transcript.append(line)

    def _record(self, changed: list[dict[str, Any]], *, earlier: set[int]) -> None:
        """Put changed messages in the transcript; those among `earlier` ids were edits."""
        for message in changed:
            self.transcript.append(_render(message, edited=message["message_id"] in earlier))
            self._seen[message["message_id"]] = message["edits"]

    async def _responses(self) -> int:
        calls = (await self.client.astats())["calls"]
        return sum(calls.get(method, 0) for method in RESPONSE_METHODS)

    async def _act(self, action: Any) -> list[dict[str, Any]]:
        before = {m["message_id"]: m["edits"] for m in await self.client.amessages(self.user_id)}
        responses = await self._responses() if self.settled is None else 0
        self.last_update = await action
        if self.settled is not None:
            await self.settled()
        else:
            deadline = time.monotonic() + RESPONSE_TIMEOUT
            # First the bot starts answering (it may be slow), then it falls quiet.
            while await self._responses() == responses and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            await self.client.await_idle(timeout=RESPONSE_TIMEOUT, quiet=QUIET_SECONDS)
        changed = [m for m in await self.client.amessages(self.user_id)
                   if m["message_id"] not in before or m["edits"] != before[m["message_id"]]]
        self._record(changed, earlier=set(before))
        return changed


def texts_of(messages: list[dict[str, Any]]) -> str:
    """All the text in a reply, joined: for assertions."""
    return "\n".join(m.get("text") or "" for m in messages)


def _buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {}
    return [(b.get("text", ""), b.get("callback_data")) for row in markup.get("inline_keyboard", [])
            for b in row]


def _render(message: dict[str, Any], *, edited: bool) -> str:
    head = "🤖 Coach (edits its message):" if edited else "🤖 Coach:"
    body = message.get("text") or ""
    if message.get("kind") not in (None, "text"):
        body = f"[{message.get('kind')}] {body}".rstrip()
    labels = [text for text, _ in _buttons(message)]
    body_lines = body.splitlines()
    if edited and len(body_lines) > EDIT_SHOWN_LINES:
        # The reader has just seen this long message: show how it starts and what changed at its end.
        body_lines = [body_lines[0], "…", *body_lines[-2:]]
    lines = [head, *("   " + line for line in body_lines)]
    if labels:
        lines.append("   " + "  ".join(f"[{label}]" for label in labels))
    return "\n".join(lines)
