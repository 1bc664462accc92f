"""A person in a private chat with the bot, acting through the local emulator: demo and e2e tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.emulator.client import EmulatorClient

QUIET_SECONDS = 0.15


@dataclass
class Person:
    """Types, taps and shares a location; returns what the bot sent or changed in answer."""

    client: EmulatorClient
    user_id: int
    first_name: str = "Ann"
    transcript: list[str] = field(default_factory=list)
    _seen_edits: dict[int, int] = field(default_factory=dict)

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

    async def _act(self, action: Any) -> list[dict[str, Any]]:
        before = {m["message_id"]: m["edits"] for m in await self.client.amessages(self.user_id)}
        await action
        await self.client.await_idle(timeout=15.0, quiet=QUIET_SECONDS)
        changed = [m for m in await self.client.amessages(self.user_id)
                   if m["message_id"] not in before or m["edits"] != before[m["message_id"]]]
        for message in changed:
            edited = message["message_id"] in before
            self.transcript.append(_render(message, edited=edited))
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
    body = message.get("text") or f"[{message.get('kind')}]"
    labels = [text for text, _ in _buttons(message)]
    lines = [head, *("   " + line for line in body.splitlines())]
    if labels:
        lines.append("   " + "  ".join(f"[{label}]" for label in labels))
    return "\n".join(lines)
