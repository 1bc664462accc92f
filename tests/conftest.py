"""Shared fixtures: real SQLite files, a real PostgreSQL database, the local Bot API emulator."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlmodel import SQLModel

from coach.bot import flood
from coach.core.clock import FrozenClock
from coach.core.config import load_settings
from coach.devtools.cluster.postgres import create_postgres_database, drop_postgres_database
from coach.devtools.emulator.runner import EmulatorThread
from coach.devtools.running import running_bot
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from tests.helpers.bot_world import ADMIN_ID, SECOND_ADMIN_ID, START, TOKEN, HumanPace, World
from tests.helpers.databases import migrated_sqlite_url

POSTGRES_URL = os.environ.get("COACH_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("COACH_REQUIRE_POSTGRES") == "1"


def _admin_url() -> str:
    return POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1)


def postgres_reachable() -> str | None:
    """None when PostgreSQL answers, else the reason it doesn't."""
    try:
        engine = create_engine(_admin_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable", with its reason
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL URL; skips (or fails, when COACH_REQUIRE_POSTGRES=1) if none is reachable."""
    reason = postgres_reachable()
    if reason is not None:
        message = f"PostgreSQL not reachable at {POSTGRES_URL} ({reason})"
        if REQUIRE_POSTGRES:
            pytest.fail(message + " and COACH_REQUIRE_POSTGRES=1")
        pytest.skip(message)
    return POSTGRES_URL


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'coach.db'}"


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    url = create_postgres_database(postgres_server)
    try:
        yield url
    finally:
        drop_postgres_database(postgres_server, url)


@pytest.fixture(scope="session")
def migrated_postgres(postgres_server: str) -> Iterator[str]:
    """One migrated PostgreSQL database for the whole run; tests empty it after themselves."""
    url = create_postgres_database(postgres_server)
    upgrade(url)
    try:
        yield url
    finally:
        drop_postgres_database(postgres_server, url)


def _empty_all_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path) -> Iterator[Engine]:
    """A migrated database engine: once a SQLite file, once PostgreSQL."""
    if request.param == "sqlite":
        eng = make_engine(migrated_sqlite_url(tmp_path / "store.db"))
        yield eng
        eng.dispose()
        return
    url = request.getfixturevalue("migrated_postgres")
    eng = make_engine(url)
    try:
        yield eng
    finally:
        _empty_all_tables(eng)
        eng.dispose()


# The real bot over PTB's HTTP client against the local emulator: the e2e and web tiers use these.
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
        flood.installed_limiter(application).clock = HumanPace()
        yield World(emulator=emulator, engine=engine, clock=clock, application=application)
    engine.dispose()
    assert emulator.client.violations() == [], "the bot made calls the Bot API would reject"


# The longest tests (several bot processes, thousands of sends, a browser, a simulated week): under xdist each
# worker starts with its share of them, so they overlap with the thousands of short tests instead of leaving the
# end of the run waiting on one worker. (pytest-xdist's worksteal hands each worker one contiguous block of the
# collection to begin with, and steals from the ends of blocks.)
LONGEST = ("tests/faults/", "tests/integration/test_dispatch_postgres.py", "tests/e2e/test_demo.py",
           "tests/e2e/test_shutdown.py", "tests/web/test_browser.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    if workers < 2:
        return
    longest = [item for item in items if item.nodeid.startswith(LONGEST)]
    rest = iter([item for item in items if not item.nodeid.startswith(LONGEST)])
    block = -(-len(items) // workers)
    ordered: list[pytest.Item] = []
    for worker in range(workers):
        share = longest[worker::workers]
        ordered += share
        ordered += [item for _, item in zip(range(block - len(share)), rest, strict=False)]
    ordered += list(rest)
    items[:] = ordered
