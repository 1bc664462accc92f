"""A real browser on the running dashboard: Playwright driving Debian's chromium (never Playwright's own
download). Without chromium the browser tests skip with the reason; COACH_REQUIRE_BROWSER=1 makes them fail
instead, as CI does."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from coach.bot import flood
from coach.bot.runtime import RUNTIME_KEY
from coach.core.clock import FrozenClock
from coach.devtools.cluster.workers import free_port
from coach.devtools.emulator.runner import EmulatorThread
from coach.devtools.person import Person
from coach.devtools.running import running_bot, settled
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.web.app import create_app
from coach.web.tell import BotTeller
from tests.helpers.bot_world import HumanPace
from tests.helpers.web import ADMIN_ID, NOW, web_settings

CHROMIUM = os.environ.get("COACH_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).with_name("axe.min.js")
LINK = re.compile(r"http://\S+/login\?a=\d+&t=[\w-]+")


def browser_or_skip() -> None:
    """Skip (or fail, when COACH_REQUIRE_BROWSER=1) without chromium or Playwright, saying which."""
    reason = None
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        reason = "the playwright package is not installed (pip install playwright; no browser download needed)"
    if reason is None and not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        reason = f"no chromium at {CHROMIUM} (apt-get install -y chromium, or set COACH_CHROMIUM)"
    if reason is not None:
        if os.environ.get("COACH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required (COACH_REQUIRE_BROWSER=1) but {reason}")
        pytest.skip(f"browser tests skipped: {reason}")


@dataclass
class Live:
    """The bot, the dashboard on a real port, the emulator, and a browser."""

    emulator: EmulatorThread
    engine: object
    clock: FrozenClock
    application: object
    base: str
    browser: object

    def person(self, user_id: int, name: str) -> Person:
        return Person(self.emulator.client, user_id, name, settled=settled(self.application, self.emulator.client))

    async def tick(self) -> None:
        await self.application.bot_data[RUNTIME_KEY].reminders.tick()
        await settled(self.application, self.emulator.client)()

    async def link(self, admin_id: int = ADMIN_ID) -> str:
        """What an admin gets for /dashboard: the sign-in link."""
        reply = await self.person(admin_id, "Alex").say("/dashboard")
        return LINK.search(reply[-1]["text"]).group(0)

    async def page(self, width: int = 1280, *, bypass_csp: bool = False):  # noqa: ANN201
        context = await self.browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
        return await context.new_page()

    async def signed_in_page(self, width: int = 1280, *, bypass_csp: bool = False):  # noqa: ANN201
        page = await self.page(width, bypass_csp=bypass_csp)
        await page.goto(await self.link())
        await page.get_by_role("button", name="Sign in").click()
        await page.wait_for_url(self.base + "/")
        return page


@pytest.fixture
async def live(tmp_path) -> AsyncIterator[Live]:
    browser_or_skip()
    import uvicorn
    from playwright.async_api import async_playwright

    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url)
    engine = make_engine(url)
    clock = FrozenClock(NOW)
    port = free_port()
    with EmulatorThread() as emulator:
        settings = web_settings(url, emulator.base_url, coach_web_url=f"http://127.0.0.1:{port}", coach_web_port=port)
        async with running_bot(settings, engine=engine, clock=clock) as application:
            flood.installed_limiter(application).clock = HumanPace()
            app = create_app(settings, engine=engine, clock=clock, teller=BotTeller(
                application.bot, owns_bot=False, outbound=application.bot_data[RUNTIME_KEY].outbound))
            server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                                   access_log=False))
            serving = asyncio.create_task(server.serve())
            while not server.started:
                await asyncio.sleep(0.02)
            playwright = await async_playwright().start()
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                yield Live(emulator, engine, clock, application, f"http://127.0.0.1:{port}", browser)
            finally:
                await browser.close()
                await playwright.stop()
                server.should_exit = True
                await serving
        assert emulator.client.violations() == [], "the bot made calls the Bot API would reject"
    engine.dispose()
