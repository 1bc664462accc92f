"""The dashboard in a real browser: signing in by the link from /dashboard, refusals, triage, a flag
acknowledged (and the participant told), a schedule change reaching the reminder queue, CSRF, sign-out,
no sideways scrolling on a phone or a desktop, and an axe-core accessibility scan."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coach.store.models import DashboardLink, Participant, Reminder, Schedule
from tests.helpers.bot_world import onboard
from tests.helpers.browser import AXE, Live
from tests.helpers.web import seed_four

pytestmark = pytest.mark.timeout(180)
SHOTS = os.environ.get("COACH_SCREENSHOTS")  # a folder: every page checked is also saved there as a PNG


async def _ann_with_a_blister(live: Live):  # noqa: ANN202
    ann = live.person(7001, "Ann")
    await onboard(ann, condition="Diabetic neuropathy")
    await ann.say("I have a new blister on my heel")
    return ann


async def test_sign_in_by_the_link_from_dashboard_by_keyboard_then_sign_out(live):
    link = await live.link()
    page = await live.page()
    await page.goto(link)
    await page.keyboard.press("Tab")  # the skip link first
    assert await page.evaluate("document.activeElement.textContent") == "Skip to content"
    await page.get_by_role("button", name="Sign in").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(live.base + "/")
    assert await page.get_by_role("heading", level=1).inner_text() == "Who needs attention"
    cookie = (await page.context.cookies())[0]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    await page.get_by_role("button", name="Sign out").click()
    assert await page.get_by_role("heading", level=1).inner_text() == "You are signed out"
    await page.goto(live.base + "/")
    assert await page.get_by_role("heading", level=1).inner_text() == "Please sign in"


async def test_a_used_link_and_an_expired_link_are_refused(live):
    link = await live.link()
    first = await live.page()
    await first.goto(link)
    await first.get_by_role("button", name="Sign in").click()
    await first.wait_for_url(live.base + "/")
    second = await live.page()
    await second.goto(link)
    assert await second.get_by_role("heading", level=1).inner_text() == "This sign-in link has already been used"

    late = await live.link()
    live.clock.advance(timedelta(minutes=11))
    third = await live.page()
    await third.goto(late)
    assert await third.get_by_role("heading", level=1).inner_text() == "This sign-in link has expired"
    await third.goto(live.base + "/")
    assert await third.get_by_role("heading", level=1).inner_text() == "Please sign in"


async def test_a_participant_sending_dashboard_gets_no_link(live):
    """To anyone not in COACH_ADMIN_IDS, /dashboard is an unknown command: no link is made."""
    ann = live.person(7001, "Ann")
    await onboard(ann)
    reply = await ann.say("/dashboard")
    assert reply[-1]["text"].startswith("I don't know the command /dashboard")
    assert "login" not in reply[-1]["text"]
    with live.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(DashboardLink.__table__)).scalar_one() == 0
    page = await live.page()
    response = await page.goto(live.base + "/p/7001")
    assert response.status == 401 and "Please sign in" in await page.content()


async def test_triage_shows_the_most_in_need_first(live):
    seed_four(live.engine)
    page = await live.signed_in_page()
    assert await page.locator(".who a").all_inner_texts() == ["Bea", "Carl", "Dora", "Eve"]
    await page.get_by_label("Search by name or Telegram id").fill("7202")
    await page.get_by_role("button", name="Show").click()
    await page.wait_for_url("**q=7202**")
    assert await page.locator(".who a").all_inner_texts() == ["Dora"]


async def test_a_flag_acknowledged_in_the_browser_reaches_the_participant(live):
    ann = await _ann_with_a_blister(live)
    page = await live.signed_in_page()
    await page.get_by_role("link", name="Ann").click()
    await page.get_by_role("button", name="Acknowledge flag").click()
    assert "acknowledged" in await page.get_by_role("status").inner_text()
    await live.emulator.client.await_idle(timeout=10)
    told = [m["text"] for m in await ann.messages()]
    assert "The coaching team has followed up on what you reported" in told[-1]
    live.clock.advance(timedelta(minutes=5))
    await page.get_by_role("button", name="Foot cleared — usual program").click()
    assert "foot cleared" in (await page.get_by_role("status").inner_text()).lower()
    await live.emulator.client.await_idle(timeout=10)
    assert (await ann.messages())[-1]["text"].startswith("Good news: your foot has been cleared")
    await page.goto(live.base + "/audit")
    assert await page.locator("tbody tr").count() == 2


async def test_a_schedule_change_reaches_the_reminder_queue(live):
    """Saturday 18:00 in Berlin: the check-in moved from 20:00 to 21:15 is queued for 21:15 by the next tick."""
    ann = live.person(7001, "Ann")
    await onboard(ann)
    page = await live.signed_in_page()
    await page.goto(live.base + "/p/7001")
    await page.get_by_label("Check-in time", exact=True).fill("21:15")
    await page.get_by_role("button", name="Save check-in time").click()
    assert "check-in at 20:00 → check-in at 21:15" in await page.get_by_role("status").inner_text()
    await live.tick()
    with live.engine.connect() as connection:
        due = connection.execute(select(Reminder.__table__.c.due_at).join(
            Participant.__table__, Participant.__table__.c.id == Reminder.__table__.c.participant_id).where(
            Participant.__table__.c.telegram_id == 7001, Reminder.__table__.c.kind == "checkin",
            Reminder.__table__.c.status == "queued")).scalars().all()
    assert datetime(2026, 11, 21, 20, 15, tzinfo=UTC) in [d.astimezone(UTC) for d in due]
    assert any("check-in at 20:00 → check-in at 21:15" in m["text"] for m in await ann.messages())


async def test_a_forged_form_is_refused_and_changes_nothing(live):
    ann = live.person(7001, "Ann")
    await onboard(ann)
    page = await live.signed_in_page()
    await page.goto(live.base + "/p/7001")
    await page.evaluate("document.querySelectorAll('input[name=csrf]').forEach(i => i.value = 'forged')")
    await page.get_by_label("Check-in time", exact=True).fill("06:00")
    await page.get_by_role("button", name="Save check-in time").click()
    assert await page.get_by_role("heading", level=1).inner_text() == "This form could not be accepted"
    with live.engine.connect() as connection:
        times = connection.execute(select(Schedule.__table__.c.checkin_time)).scalars().all()
    assert [t.strftime("%H:%M") for t in times] == ["20:00"]


async def _pages(live: Live) -> dict[str, str]:
    ann = await _ann_with_a_blister(live)
    await ann.say("pain 3 numbness 2 tingling 2 balance 1 slept badly")
    seed_four(live.engine)
    return {"triage": "/", "participant": "/p/7001", "participant-seeded": "/p/7204?range=56", "audit": "/audit",
            "not-found": "/p/123"}


@pytest.mark.parametrize("width", [390, 1280])
async def test_no_page_scrolls_sideways(live, width):
    paths = await _pages(live)
    page = await live.signed_in_page(width)
    login = await live.page(width)
    await login.goto(await live.link())
    views = [(name, page, path) for name, path in paths.items()] + [("sign-in", login, None)]
    for name, view, path in views:
        if path is not None:
            await view.goto(live.base + path)
        overflow = await view.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            await view.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
async def test_axe_finds_no_serious_or_critical_violation(live, width):
    paths = await _pages(live)
    page = await live.signed_in_page(width, bypass_csp=True)
    login = await live.page(width, bypass_csp=True)
    await login.goto(await live.link())
    axe = AXE.read_text()
    found = {}
    for name, view, path in [(n, page, p) for n, p in paths.items()] + [("sign-in", login, None)]:
        if path is not None:
            await view.goto(live.base + path)
        await view.evaluate(axe)
        result = await view.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[name] = bad
    assert found == {}, json.dumps(found, indent=1)
