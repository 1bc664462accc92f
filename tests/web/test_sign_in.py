"""Signing in to the dashboard with a one-time link, the session cookie, and every way in that is refused."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from coach.store.models import DashboardLink
from coach.web.app import create_app
from coach.web.tell import BotTeller
from tests.helpers.web import ADMIN_ID, OTHER_ADMIN_ID, TOKEN, web_settings


def _login_page(web, admin: int, token: str):
    return web.client.get(f"/login?a={admin}&t={token}")


def _post_login(web, admin: int, token: str):
    page = _login_page(web, admin, token)
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0] if 'name="csrf"' in page.text else ""
    return web.client.post("/login", data={"a": admin, "t": token, "csrf": csrf}, follow_redirects=False)


def test_a_link_signs_the_admin_in_with_a_strict_httponly_cookie(web):
    """Opening the link shows a Sign in button (opening uses nothing); pressing it sets the session cookie and
    lands on the triage page."""
    _, admin, token = web.link()
    page = _login_page(web, admin, token)
    assert page.status_code == 200 and "Sign in" in page.text and str(ADMIN_ID) in page.text
    response = _post_login(web, admin, token)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "coach_dashboard=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie.replace(
        "SameSite=Strict", "SameSite=strict")
    assert "Max-Age=43200" in cookie  # a fixed lifetime: 12 hours by default
    home = web.client.get("/")
    assert home.status_code == 200 and "Who needs attention" in home.text
    assert home.headers["cache-control"] == "no-store"


def test_the_link_is_stored_only_as_a_hash(web):
    """A copy of the database signs nobody in: the table holds the SHA-256 of the link's secret."""
    _, _, token = web.link()
    with web.engine.connect() as connection:
        stored = connection.execute(select(DashboardLink.__table__.c.token_hash)).scalar_one()
    assert token not in stored and len(stored) == 64


def test_a_used_link_is_refused_and_signs_nobody_in(web):
    _, admin, token = web.link()
    assert _post_login(web, admin, token).status_code == 303
    web.client.cookies.clear()
    again = _login_page(web, admin, token)
    assert again.status_code == 410 and "already been used" in again.text
    direct = web.client.post("/login", data={"a": admin, "t": token, "csrf": "x"}, follow_redirects=False)
    assert direct.status_code in (400, 410) and "coach_dashboard" not in direct.headers.get("set-cookie", "")
    assert web.client.get("/").status_code == 401


def test_an_expired_link_is_refused(web):
    """Ten minutes, by the app's clock."""
    _, admin, token = web.link()
    web.clock.advance(timedelta(minutes=10, seconds=1))
    page = _login_page(web, admin, token)
    assert page.status_code == 410 and "expired" in page.text
    assert web.client.get("/").status_code == 401


def test_an_altered_link_is_refused(web):
    _, admin, token = web.link()
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    page = _login_page(web, admin, altered)
    assert page.status_code == 400 and "not valid" in page.text
    assert _post_login(web, admin, altered).status_code == 400
    assert _post_login(web, admin, token).status_code == 303  # the real one still works


def test_another_admins_link_is_refused(web):
    """A link is bound to the admin it was sent to: with another admin's id it signs nobody in, and it stays
    unused for its owner."""
    _, admin, token = web.link(ADMIN_ID)
    page = _login_page(web, OTHER_ADMIN_ID, token)
    assert page.status_code == 403 and "another admin" in page.text
    csrf = _login_page(web, ADMIN_ID, token).text.split('name="csrf" value="')[1].split('"')[0]
    posted = web.client.post("/login", data={"a": OTHER_ADMIN_ID, "t": token, "csrf": csrf}, follow_redirects=False)
    assert posted.status_code == 403 and "coach_dashboard" not in posted.headers.get("set-cookie", "")
    assert _post_login(web, ADMIN_ID, token).status_code == 303


def test_a_signed_in_admin_opening_another_admins_link_is_refused(web):
    web.sign_in(OTHER_ADMIN_ID)
    _, admin, token = web.link(ADMIN_ID)
    page = _login_page(web, admin, token)
    assert page.status_code == 403 and "another admin" in page.text


def test_a_link_of_an_id_no_longer_admin_is_refused(web, tmp_path, emulator):
    """The admin list is read again at sign-in: an id removed since the link was sent signs nobody in."""
    _, admin, token = web.link(ADMIN_ID)
    settings = web_settings(web.settings.database_url, emulator.base_url, coach_admin_ids=str(OTHER_ADMIN_ID))
    teller = BotTeller.for_settings(token=TOKEN, base_url=emulator.base_url, timeout=5)
    from starlette.testclient import TestClient

    with TestClient(create_app(settings, engine=web.engine, clock=web.clock, teller=teller)) as client:
        page = client.get(f"/login?a={admin}&t={token}")
        assert page.status_code == 403 and "not an admin" in page.text


def test_every_page_needs_a_session(web):
    for path in ("/", "/audit", "/p/7201", "/p/7201/chart.png", "/p/7201/export.csv"):
        response = web.client.get(path)
        assert response.status_code == 401 and "send /dashboard" in response.text.lower(), path


def test_removing_an_admin_id_ends_their_session(web, emulator):
    """COACH_ADMIN_IDS is checked on every request, not only at sign-in."""
    web.sign_in(ADMIN_ID)
    cookie = web.client.cookies.get("coach_dashboard")
    settings = web_settings(web.settings.database_url, emulator.base_url, coach_admin_ids=str(OTHER_ADMIN_ID))
    teller = BotTeller.for_settings(token=TOKEN, base_url=emulator.base_url, timeout=5)
    from starlette.testclient import TestClient

    with TestClient(create_app(settings, engine=web.engine, clock=web.clock, teller=teller)) as client:
        client.cookies.set("coach_dashboard", cookie)
        page = client.get("/")
        assert page.status_code == 403 and "no longer an admin" in page.text


def test_a_cookie_from_before_the_secret_changed_is_refused(web, emulator):
    web.sign_in()
    cookie = web.client.cookies.get("coach_dashboard")
    settings = web_settings(web.settings.database_url, emulator.base_url,
                            coach_web_secret="another-secret-entirely-Zq81xY_7724klmnop")
    teller = BotTeller.for_settings(token=TOKEN, base_url=emulator.base_url, timeout=5)
    from starlette.testclient import TestClient

    with TestClient(create_app(settings, engine=web.engine, clock=web.clock, teller=teller)) as client:
        client.cookies.set("coach_dashboard", cookie)
        page = client.get("/")
        assert page.status_code == 401 and "key has changed" in page.text
        assert 'coach_dashboard=""' in page.headers.get("set-cookie", "") or "Max-Age=0" in page.headers.get(
            "set-cookie", "")


def test_a_session_ends_after_its_fixed_lifetime(web):
    web.sign_in()
    web.clock.advance(timedelta(hours=11))
    assert web.client.get("/").status_code == 200
    web.clock.advance(timedelta(hours=1, seconds=1))
    page = web.client.get("/")
    assert page.status_code == 401 and "session has ended" in page.text


def test_sign_out_ends_the_session_even_for_a_copy_of_its_cookie(web):
    web.sign_in()
    copy = web.client.cookies.get("coach_dashboard")
    csrf = web.csrf()
    page = web.client.post("/logout", data={"csrf": csrf})
    assert page.status_code == 200 and "signed out" in page.text
    assert web.client.get("/").status_code == 401
    web.client.cookies.set("coach_dashboard", copy)
    again = web.client.get("/")
    assert again.status_code == 401 and "This session was signed out" in again.text


def test_sign_out_without_the_csrf_token_is_refused(web):
    web.sign_in()
    page = web.client.post("/logout", data={})
    assert page.status_code == 403 and "Nothing was changed" in page.text
    assert web.client.get("/").status_code == 200


def test_links_are_pruned_once_no_session_of_theirs_can_last(web):
    web.link()
    web.clock.advance(timedelta(days=8, seconds=1))
    web.link()
    with web.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(DashboardLink.__table__)).scalar_one() == 1
