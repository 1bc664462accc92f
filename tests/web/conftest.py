"""The dashboard on a real SQLite file, with the real Bot API emulator to tell participants; a signed-in
TestClient for the pages, and (in test_browser.py) a real browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from coach.core.clock import FrozenClock
from coach.store.db import make_engine
from coach.web.app import create_app
from coach.web.tell import BotTeller
from tests.helpers.databases import migrated_sqlite_url
from tests.helpers.web import NOW, TOKEN, Web, web_settings


@pytest.fixture
def web(tmp_path, emulator) -> Iterator[Web]:
    url = migrated_sqlite_url(tmp_path / "web.db")
    engine = make_engine(url)
    clock = FrozenClock(NOW)
    settings = web_settings(url, emulator.base_url)
    teller = BotTeller.for_settings(token=TOKEN, base_url=emulator.base_url, timeout=5)
    app = create_app(settings, engine=engine, clock=clock, teller=teller, on_close=teller.close)
    with TestClient(app, base_url="http://testserver") as client:
        yield Web(engine=engine, clock=clock, emulator=emulator, settings=settings, client=client)
    engine.dispose()


# The bot, the dashboard on a port, and chromium; `emulator` and `world` come from tests/conftest.py.
from tests.helpers.browser import live  # noqa: E402, F401
