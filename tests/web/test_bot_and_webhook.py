"""/dashboard in Telegram gives admins (and only admins) a sign-in link; in webhook mode the dashboard is
served under /dashboard/ on the webhook's own port."""

from __future__ import annotations

import re

import aiohttp
from sqlalchemy import func, select

from coach.core.clock import FrozenClock
from coach.core.config import load_settings
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.store.models import DashboardLink
from coach.webhook.serve import running_webhook_bot
from tests.helpers.bot_world import ADMIN_ID, START, TOKEN, onboard
from tests.helpers.web import SECRET

LINK = re.compile(r"(http://\S+)/login\?a=(\d+)&t=([\w-]+)")


def _links(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(DashboardLink.__table__)).scalar_one()


async def test_an_admin_gets_a_one_time_link_and_a_participant_gets_nothing(world):
    admin, ann = world.person(ADMIN_ID, "Alex"), world.person(7001, "Ann")
    reply = (await admin.say("/dashboard"))[-1]["text"]
    base, admin_id, token = LINK.search(reply).groups()
    assert base == "http://127.0.0.1:8081" and int(admin_id) == ADMIN_ID
    assert "works once, for the next 10 minutes" in reply
    assert _links(world.engine) == 1
    await onboard(ann)
    refused = (await ann.say("/dashboard"))[-1]["text"]
    assert refused == "I don't know the command /dashboard. Send /help to see what I can do."
    assert _links(world.engine) == 1


async def test_webhook_mode_serves_the_dashboard_under_its_path(emulator, tmp_path):
    url = f"sqlite:///{tmp_path / 'hook.db'}"
    upgrade(url)
    engine = make_engine(url)
    settings = load_settings(env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=emulator.base_url,
                             database_url=url, coach_admin_ids=str(ADMIN_ID), coach_default_timezone="Europe/Berlin",
                             coach_webhook_secret="webhook-test-secret-0123456789abcdef",
                             coach_webhook_host="127.0.0.1", coach_webhook_port=0, coach_tick_seconds=3600,
                             coach_web_secret=SECRET, coach_web_url="http://127.0.0.1/dashboard")
    async with running_webhook_bot(settings, engine=engine, clock=FrozenClock(START)) as bot:
        await bot.application.bot.set_webhook(bot.url, secret_token="webhook-test-secret-0123456789abcdef")
        admin_reply = await _say_dashboard(emulator)
        _, admin_id, token = LINK.search(admin_reply).groups()
        root = f"http://127.0.0.1:{bot.port}/dashboard"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(f"{root}/login?a={admin_id}&t={token}") as page:
                html = await page.text()
                assert page.status == 200 and 'action="/dashboard/login"' in html
                assert 'href="/dashboard/static/style.css"' in html
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
            async with http.post(f"{root}/login", data={"a": admin_id, "t": token, "csrf": csrf},
                                 allow_redirects=False) as signed:
                assert signed.status == 303 and signed.headers["Location"] == "/dashboard/"
                assert "Path=/dashboard/" in signed.headers["Set-Cookie"]
            async with http.get(f"{root}/") as home:
                assert home.status == 200 and "Who needs attention" in await home.text()
            async with http.get(f"{root}/static/htmx.min.js") as script:
                assert script.status == 200
            async with http.get(f"http://127.0.0.1:{bot.port}/healthz") as health:
                assert health.status == 200  # the webhook's own routes are untouched
    engine.dispose()


async def _say_dashboard(emulator) -> str:
    from coach.devtools.person import Person

    return (await Person(emulator.client, ADMIN_ID, "Alex").say("/dashboard"))[-1]["text"]


async def test_the_demo_keeps_the_dashboard_open_with_a_sign_in_link(world):
    """`coach demo --web`: after the week, a link for the demo's admin, and the dashboard on the demo's data."""
    import asyncio

    import httpx

    from coach.bot.runtime import RUNTIME_KEY
    from coach.devtools.cluster.workers import free_port
    from coach.devtools.demo import DEMO_ADMIN, demo_dashboard

    port = free_port()
    settings = world.application.bot_data[RUNTIME_KEY].settings.model_copy(
        update={"coach_web_port": port, "coach_admin_ids": (DEMO_ADMIN,)})
    message, server = await demo_dashboard(settings, engine=world.engine, clock=world.clock,
                                           application=world.application)
    link = LINK.search(message)
    assert link.group(1) == f"http://127.0.0.1:{port}" and int(link.group(2)) == DEMO_ADMIN
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        async with httpx.AsyncClient() as http:
            page = await http.get(link.group(0))
            assert page.status_code == 200 and "Sign in" in page.text
    finally:
        server.should_exit = True
        await serving
