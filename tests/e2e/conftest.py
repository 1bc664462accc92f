"""The real bot, over PTB's real HTTP client, against the local Bot API emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from coach.core.clock import FrozenClock
from coach.core.config import load_settings
from coach.devtools.emulator.runner import EmulatorThread
from coach.devtools.running import running_bot
from coach.store.db import make_engine
from tests.helpers.bot_world import ADMIN_ID, SECOND_ADMIN_ID, START, TOKEN, World
from tests.helpers.databases import migrated_sqlite_url


@pytest.fixture
def emulator() -> Iterator[EmulatorThread]:
    with EmulatorThread() as emu:
        yield emu


@pytest.fixture
async def world(emulator, tmp_path) -> AsyncIterator[World]:
    """A running bot on a fresh SQLite file; afterwards, no call may have broken the method table."""
    url = migrated_sqlite_url(tmp_path / "e2e.db")
    engine = make_engine(url)
    clock = FrozenClock(START)
    settings = load_settings(env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=emulator.base_url,
                             database_url=url, coach_admin_ids=f"{ADMIN_ID},{SECOND_ADMIN_ID}",
                             coach_default_timezone="Europe/Berlin",
                             # Tests run each tick themselves, at the instant they set.
                             coach_tick_seconds=3600)
    async with running_bot(settings, engine=engine, clock=clock) as application:
        yield World(emulator=emulator, engine=engine, clock=clock, application=application)
    engine.dispose()
    assert emulator.client.violations() == [], "the bot made calls the Bot API would reject"
