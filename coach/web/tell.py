"""Telling participants what the care team changed: the one place the dashboard reaches Telegram.

Until the outbox lands (issue 16), a use case's notices are sent here, after its transaction committed,
through python-telegram-bot's real client at TELEGRAM_API_BASE_URL. Swap this module's `Teller` for the
outbox at merge; nothing else in coach/web sends anything.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Protocol

from telegram import Bot
from telegram.error import TelegramError

from coach.services.plumbing.replies import Notice

log = logging.getLogger(__name__)


class Teller(Protocol):
    async def __call__(self, notices: Sequence[Notice]) -> int:
        """Send each notice; how many could not be sent."""
        ...


class BotTeller:
    """Sends notices with a Bot (the running bot's own in webhook mode, or one of its own for `coach web`)."""

    def __init__(self, bot: Bot, *, owns_bot: bool) -> None:
        self.bot = bot
        self.owns_bot = owns_bot
        self._ready = asyncio.Lock()
        self._initialized = not owns_bot

    @classmethod
    def for_settings(cls, *, token: str, base_url: str, timeout: float) -> BotTeller:
        from telegram.request import HTTPXRequest

        return cls(Bot(token, base_url=base_url, request=HTTPXRequest(read_timeout=timeout)), owns_bot=True)

    async def __call__(self, notices: Sequence[Notice]) -> int:
        if not notices:
            return 0
        async with self._ready:
            if not self._initialized:
                try:
                    await self.bot.initialize()
                except TelegramError as exc:  # the change is stored; telling them waits for a reachable Telegram
                    log.warning("dashboard: Telegram could not be reached (%s)", type(exc).__name__)
                    return len(notices)
                self._initialized = True
        failed = 0
        for notice in notices:
            try:
                await self.bot.send_message(chat_id=notice.chat_id, text=notice.text)
            except TelegramError as exc:
                failed += 1
                log.warning("dashboard: could not tell chat %s what changed: %s", notice.chat_id,
                            type(exc).__name__)
        return failed

    async def close(self) -> None:
        if self.owns_bot and self._initialized:
            await self.bot.shutdown()
