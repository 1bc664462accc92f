"""The dashboard on a real SQLite file, with the real Bot API emulator to tell participants; a signed-in
TestClient for the pages, and (in test_browser.py) a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from coach.core.clock import FrozenClock
from coach.core.config import Settings, load_settings
from coach.devtools.emulator.runner import EmulatorThread
from coach.services.admin import dashboard_links
from coach.services.plumbing.runner import UseCaseRunner
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.web.app import create_app
from coach.web.tell import BotTeller
from tests.web.helpers import NOW

TOKEN = "123456789:" + "web-test-token-" + "x" * 20
ADMIN_ID = 90_001
OTHER_ADMIN_ID = 90_002
SECRET = "k3J9-test-secret-for-the-dashboard-xq81Z_aa"
LINK = re.compile(r"(\S*/login\?a=(\d+)&t=([\w-]+))")


def web_settings(url: str, emulator_url: str, **overrides: object) -> Settings:
    values = {"telegram_bot_token": TOKEN, "telegram_api_base_url": emulator_url, "database_url": url,
              "coach_admin_ids": f"{ADMIN_ID},{OTHER_ADMIN_ID}", "coach_default_timezone": "Europe/Berlin",
              "coach_tick_seconds": 3600, "coach_web_secret": SECRET, "coach_web_url": "http://testserver"}
    values.update(overrides)
    return load_settings(env_file=None, **values)


@dataclass
class Web:
    """The dashboard under test: its database, clock, emulator and a client (not signed in until `sign_in`)."""

    engine: Engine
    clock: FrozenClock
    emulator: EmulatorThread
    settings: Settings
    client: TestClient

    def link(self, admin_id: int = ADMIN_ID) -> tuple[str, int, str]:
        """A fresh /dashboard link for the admin, as the bot would send it: (path and query, admin id, token)."""
        runner = UseCaseRunner(self.engine, self.clock, default_timezone="UTC",
                               admin_ids=self.settings.coach_admin_ids)
        outcome = runner.run(lambda ctx: dashboard_links.issue(ctx, admin_id, base_url=""))
        runner.close()
        link, admin, token = LINK.search(outcome.replies[0].text).groups()
        return link, int(admin), token

    def sign_in(self, admin_id: int = ADMIN_ID) -> None:
        _, admin, token = self.link(admin_id)
        page = self.client.get(f"/login?a={admin}&t={token}")
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
        response = self.client.post("/login", data={"a": admin, "t": token, "csrf": csrf}, follow_redirects=False)
        assert response.status_code == 303, response.text

    def csrf(self, path: str = "/") -> str:
        return re.search(r'name="csrf" value="([0-9a-f]+)"', self.client.get(path).text).group(1)


@pytest.fixture
def emulator() -> Iterator[EmulatorThread]:
    with EmulatorThread() as emu:
        yield emu


@pytest.fixture
def web(tmp_path, emulator) -> Iterator[Web]:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    upgrade(url)
    engine = make_engine(url)
    clock = FrozenClock(NOW)
    settings = web_settings(url, emulator.base_url)
    teller = BotTeller.for_settings(token=TOKEN, base_url=emulator.base_url, timeout=5)
    app = create_app(settings, engine=engine, clock=clock, teller=teller, on_close=teller.close)
    with TestClient(app, base_url="http://testserver") as client:
        yield Web(engine=engine, clock=clock, emulator=emulator, settings=settings, client=client)
    engine.dispose()


# Fixtures defined elsewhere, used here; imported last, since tests.web.browser reads this module's constants.
from tests.e2e.conftest import world  # noqa: E402, F401 - the running bot, for /dashboard in Telegram
from tests.web.browser import live  # noqa: E402, F401 - the bot, the dashboard on a port, and chromium
