"""Start and stop the real bot inside an asyncio program: for `coach demo` and the end-to-end tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from sqlalchemy import Engine
from telegram import Update
from telegram.ext import Application

from coach.bot.app import build_application
from coach.bot.runtime import RUNTIME_KEY
from coach.core.clock import Clock
from coach.core.config import Settings
from coach.devtools.emulator.client import EmulatorClient

# Far longer than any answer takes, even on a busy machine: reaching it means the bot is stuck.
SETTLE_TIMEOUT = 30.0


@asynccontextmanager
async def running_bot(settings: Settings, *, engine: Engine, clock: Clock) -> AsyncIterator[Application]:
    """The bot long-polling its Bot API server until the block ends."""
    application = build_application(settings, engine=engine, clock=clock, token=settings.require_token())
    async with application:
        # run_polling() would call these hooks itself; started by hand, they are ours to call.
        if application.post_init:
            await application.post_init(application)
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=10,
                                                allowed_updates=Update.ALL_TYPES)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
            if application.post_shutdown:
                await application.post_shutdown(application)


def settled(application: Application, client: EmulatorClient) -> Callable[[], Awaitable[None]]:
    """For a bot running in this process (see running_bot): wait until it has handled every update the emulator
    holds and sent every answer, with no quiet period to guess.

    The emulator holds an update until the bot confirms it, which python-telegram-bot does with its next
    getUpdates, after putting it in the application's queue; the queue counts an update as done only once its
    handlers (and the sends they await) have finished. Then the outcomes of those sends are written.
    """

    async def wait() -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_TIMEOUT
        while pending := (await client.astats())["pending_updates"]:
            if loop.time() >= deadline:
                raise TimeoutError(f"the bot has not fetched {pending} updates after {SETTLE_TIMEOUT:.0f} s")
            await asyncio.sleep(0.005)
        try:
            await asyncio.wait_for(application.update_queue.join(), max(0.0, deadline - loop.time()))
        except TimeoutError:
            raise TimeoutError(f"the bot is still handling updates after {SETTLE_TIMEOUT:.0f} s") from None
        await application.bot_data[RUNTIME_KEY].outbound.flush()

    return wait
