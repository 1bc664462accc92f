"""Telling participants what the care team changed, through the outbox: the one place the dashboard reaches
Telegram, and only through the bot's one sender (coach/bot/outbound.py).

A change's notices are stored as outbox rows in the change's own transaction, so a dashboard that stops right
after the commit loses nothing: the rows are sent at once from here, or by the bot's sweep (after the lease, or
at its next tick when Telegram could not be reached from here).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Protocol

from telegram import Bot
from telegram.error import TelegramError

from coach.bot.outbound import Outbound
from coach.bot.reminder_sender import process_worker_name
from coach.core.config import Settings
from coach.services.plumbing.outbox import Recorded
from coach.services.plumbing.runner import UseCaseRunner

log = logging.getLogger(__name__)


class Teller(Protocol):
    def bind(self, runner: UseCaseRunner, settings: Settings) -> None:
        """Called once by create_app with the dashboard's runner and settings."""

    async def ready(self) -> str | None:
        """The worker name to claim a change's rows with, to send them right after its commit; None when
        Telegram cannot be reached now (the rows are then left, unclaimed, to the bot's sweep)."""

    async def send(self, recorded: Recorded) -> None:
        """Send the rows a change stored (never raises: what is not sent now is left to the sweep)."""

    async def close(self) -> None: ...


class BotTeller:
    """The dashboard's sender: the running bot's own one in webhook mode and the demo, or one of its own (on
    its own Bot) for `coach web`."""

    def __init__(self, bot: Bot, *, owns_bot: bool, outbound: Outbound | None = None) -> None:
        self.bot = bot
        self.owns_bot = owns_bot
        self.outbound = outbound
        self._ready = asyncio.Lock()
        self._initialized = not owns_bot

    @classmethod
    def for_settings(cls, *, token: str, base_url: str, timeout: float) -> BotTeller:
        from telegram.request import HTTPXRequest

        return cls(Bot(token, base_url=base_url, request=HTTPXRequest(read_timeout=timeout)), owns_bot=True)

    def bind(self, runner: UseCaseRunner, settings: Settings) -> None:
        if self.outbound is None:
            self.outbound = Outbound(runner, self.bot, worker=process_worker_name(), send_rate=settings.coach_send_rate,
                                     lease=timedelta(seconds=settings.coach_claim_lease_seconds))

    async def ready(self) -> str | None:
        async with self._ready:
            if not self._initialized:
                try:
                    await self.bot.initialize()
                except TelegramError as exc:
                    log.warning("dashboard: Telegram could not be reached (%s); the bot will send", type(exc).__name__)
                    return None
                self._initialized = True
        return self.outbound.worker if self.outbound is not None else None

    async def send(self, recorded: Recorded) -> None:
        if self.outbound is not None and recorded.rows:
            await self.outbound.after_commit(None, recorded)

    async def close(self) -> None:
        if self.owns_bot and self._initialized:
            await self.bot.shutdown()


class NoTelegram:
    """For reading only (benchmarks): a change's rows are stored and left to the bot's sweep."""

    def bind(self, runner: UseCaseRunner, settings: Settings) -> None:
        pass

    async def ready(self) -> str | None:
        return None

    async def send(self, recorded: Recorded) -> None:
        pass

    async def close(self) -> None:
        pass
