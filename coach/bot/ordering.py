"""Updates from different chats are handled side by side; one chat's updates strictly in arrival order."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from coach.services.plumbing.claims import CURRENT_CLAIM, polled

# Enough to keep the database busy while earlier replies are on the wire; a cap, not a target.
MAX_CONCURRENT_UPDATES = 4


class PerChatOrderedProcessor(BaseUpdateProcessor):
    """While one update waits for Telegram, the next participant's is already being handled.

    A participant's own messages and presses never overtake each other: each waits for the one
    before it from the same chat, so "pain 4…" then "actually pain 5…" are stored in that order.
    """

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES):
        super().__init__(max_concurrent_updates)
        self._last_in_chat: dict[int | None, asyncio.Future[None]] = {}
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's previous update first, and only then take a slot: a chat with a queue of
        updates (a flood) holds one slot at most, so everyone else's updates still get the others."""
        key = _chat_key(update)
        previous = self._last_in_chat.get(key)
        finished: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._last_in_chat[key] = finished
        try:
            if previous is not None:
                with contextlib.suppress(Exception):
                    await asyncio.shield(previous)
            async with self._slots:
                await self.do_process_update(update, coroutine)
        finally:
            finished.set_result(None)
            if self._last_in_chat.get(key) is finished:
                del self._last_in_chat[key]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        # Long polling (this task's own context): the first use case to store something for the update records its
        # id, so a redelivery after a crash (Telegram resends what was not yet confirmed) stores and says nothing.
        if isinstance(update, Update):
            CURRENT_CLAIM.set(polled(update.update_id))
        await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down: in-flight updates are awaited by the application itself."""


def _chat_key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None
