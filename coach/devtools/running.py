"""Start and stop the real bot inside an asyncio program: for `coach demo` and the end-to-end tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import Engine
from telegram import Update
from telegram.ext import Application

from coach.bot.app import build_application
from coach.core.clock import Clock
from coach.core.config import Settings


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
