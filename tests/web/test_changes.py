"""Changes from the dashboard go through the admin commands' own use cases: audited, the participant told,
and bad input changes nothing."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import select

from coach.store.models import AuditEntry, OutboxMessage, Participant, ProgramVersion, SafetyFlag, Schedule
from tests.helpers.web import ADMIN_ID, seed_four


@pytest.fixture
def seeded(web):
    people = seed_four(web.engine)
    web.sign_in()
    return people


def _rows(web, model, **where):
    with web.engine.connect() as connection:
        query = select(model.__table__)
        for column, value in where.items():
            query = query.where(model.__table__.c[column] == value)
        return connection.execute(query).mappings().all()


def _flag_of(web, participant_id: int):
    return _rows(web, SafetyFlag, participant_id=participant_id)[0]


def _told(web, chat_id: int) -> list[str]:
    web.emulator.client.wait_idle(timeout=5)
    return [m["text"] for m in web.emulator.client.messages(chat_id)]


def test_acknowledging_a_flag_records_it_audits_it_and_tells_the_participant(web, seeded):
    assert "1 open flag (1 urgent)" in web.client.get("/").text  # the triage page has ranked everyone
    flag = _flag_of(web, 4)
    page = web.client.post(f"/p/7204/flags/{flag['id']}/ack", data={"csrf": web.csrf("/p/7204")})
    assert page.status_code == 200 and f"Flag #{flag['id']}" in page.text and "acknowledged" in page.text
    after = _flag_of(web, 4)
    assert after["acknowledged_at"] is not None and after["acknowledged_by"] == ADMIN_ID
    audit = _rows(web, AuditEntry, participant_id=4)
    assert [(a["action"], a["admin_telegram_id"]) for a in audit] == [("ack", ADMIN_ID)]
    assert any("coaching team has followed up" in text for text in _told(web, 7204))
    # A change on the dashboard shows on the triage page at once, not after the ranking's 30 seconds.
    assert "open flag (1 urgent)" not in web.client.get("/").text
    again = web.client.post(f"/p/7204/flags/{flag['id']}/ack", data={"csrf": web.csrf("/p/7204")})
    assert again.status_code == 400 and "already acknowledged" in again.text
    assert len(_rows(web, AuditEntry, participant_id=4)) == 1


@pytest.mark.parametrize("csrf", [None, "", "0" * 64, "not-a-token"])
def test_a_change_without_the_right_csrf_token_is_refused_and_changes_nothing(web, seeded, csrf):
    flag = _flag_of(web, 4)
    data = {} if csrf is None else {"csrf": csrf}
    page = web.client.post(f"/p/7204/flags/{flag['id']}/ack", data=data)
    assert page.status_code == 403 and "Nothing was changed" in page.text
    assert _flag_of(web, 4)["acknowledged_at"] is None
    assert _rows(web, AuditEntry) == []
    assert _told(web, 7204) == []


def test_another_sessions_csrf_token_is_refused(web, seeded):
    """A token belongs to its session: one from an earlier sign-in does not carry over."""
    old = web.csrf()
    web.sign_in()
    assert web.csrf() != old
    flag = _flag_of(web, 4)
    assert web.client.post(f"/p/7204/flags/{flag['id']}/ack", data={"csrf": old}).status_code == 403


def test_a_flag_of_someone_else_or_nobody_is_refused(web, seeded):
    carl_flag = _flag_of(web, 3)
    csrf = web.csrf("/p/7204")
    for path in (f"/p/7204/flags/{carl_flag['id']}/ack", "/p/7204/flags/999999/ack", "/p/7204/flags/abc/ack"):
        page = web.client.post(path, data={"csrf": csrf})
        assert page.status_code in (400, 404), path
    assert _flag_of(web, 3)["acknowledged_at"] is None and _rows(web, AuditEntry) == []
    page = web.client.post("/p/555555/flags/1/ack", data={"csrf": csrf})
    assert page.status_code == 404 and "No participant has the Telegram id 555555" in page.text


def test_a_schedule_change_is_saved_replanned_audited_and_told(web, seeded):
    csrf = web.csrf("/p/7201")
    page = web.client.post("/p/7201/schedule", data={"csrf": csrf, "part": "checkin", "time": "21:15"})
    assert page.status_code == 200 and "check-in at 20:00 → check-in at 21:15" in page.text
    schedule = _rows(web, Schedule, participant_id=1)[0]
    assert schedule["checkin_time"] == time(21, 15) and schedule["planned_through"] is None  # replanned
    assert any("check-in at 20:00 → check-in at 21:15" in text for text in _told(web, 7201))
    web.client.post("/p/7201/schedule", data={"csrf": csrf, "part": "sessions", "days": ["tue", "thu"],
                                              "time": "17:30"})
    web.client.post("/p/7201/schedule", data={"csrf": csrf, "part": "review", "day": "sat", "time": "10:00"})
    schedule = _rows(web, Schedule, participant_id=1)[0]
    assert (schedule["session_days"], schedule["session_time"]) == ("1,3", time(17, 30))
    assert (schedule["review_day"], schedule["review_time"]) == (5, time(10, 0))
    assert [a["action"] for a in _rows(web, AuditEntry, participant_id=1)] == ["schedule"] * 3


@pytest.mark.parametrize("form", [
    {"part": "checkin", "time": "25:00"},
    {"part": "checkin", "time": ""},
    {"part": "checkin", "time": "tea time"},
    {"part": "sessions", "time": "18:00"},  # no days
    {"part": "sessions", "days": ["funday"], "time": "18:00"},
    {"part": "review", "day": "sun", "time": "99:99"},
    {"part": "lunch", "time": "12:00"},
    {},
])
def test_an_impossible_schedule_is_refused_with_the_reason_and_changes_nothing(web, seeded, form):
    before = _rows(web, Schedule, participant_id=1)[0]
    page = web.client.post("/p/7201/schedule", data={"csrf": web.csrf("/p/7201"), **form})
    assert page.status_code == 400 and 'class="notice error"' in page.text
    assert _rows(web, Schedule, participant_id=1)[0] == before
    assert _rows(web, AuditEntry) == [] and _told(web, 7201) == []


def test_pause_and_resume(web, seeded):
    csrf = web.csrf("/p/7201")
    page = web.client.post("/p/7201/pause", data={"csrf": csrf, "days": "7"})
    assert page.status_code == 200 and "reminders paused through" in page.text
    assert "Resume reminders" in page.text
    assert any("paused your reminders through" in text for text in _told(web, 7201))
    page = web.client.post("/p/7201/resume", data={"csrf": csrf})
    assert page.status_code == 200 and "reminders on" in page.text
    assert _rows(web, Participant, id=1)[0]["paused_until"] is None
    for days in ("0", "500", "soon", "-3"):
        bad = web.client.post("/p/7201/pause", data={"csrf": csrf, "days": days})
        assert bad.status_code == 400, days
    assert _rows(web, Participant, id=1)[0]["paused_until"] is None
    assert [a["action"] for a in _rows(web, AuditEntry, participant_id=1)] == ["pause", "resume"]


def test_a_program_edit_makes_a_new_version_audited_and_told(web, seeded):
    csrf = web.csrf("/p/7201")
    page = web.client.post("/p/7201/program", data={"csrf": csrf, "edit": "change", "number": "1", "what": "reps",
                                                    "value": "12"})
    assert page.status_code == 200 and "version 2" in page.text
    versions = _rows(web, ProgramVersion, participant_id=1)
    assert [(v["version"], v["reason"], v["created_by"]) for v in versions] == [(1, "starter", None),
                                                                                (2, "admin", ADMIN_ID)]
    assert any("updated your program" in text for text in _told(web, 7201))
    page = web.client.post("/p/7201/program", data={"csrf": csrf, "edit": "add", "name": "Seated march",
                                                    "sets": "2", "reps": "10", "load": ""})
    assert page.status_code == 200 and "Seated march" in page.text
    page = web.client.post("/p/7201/program", data={"csrf": csrf, "edit": "remove", "number": "1"})
    assert page.status_code == 200 and len(_rows(web, ProgramVersion, participant_id=1)) == 4


@pytest.mark.parametrize("form", [
    {"edit": "change", "number": "1", "what": "reps", "value": "99"},
    {"edit": "change", "number": "1", "what": "sets", "value": "0"},
    {"edit": "change", "number": "42", "what": "reps", "value": "10"},
    {"edit": "change", "number": "1", "what": "load", "value": "900 kg"},
    {"edit": "add", "name": "", "sets": "2", "reps": "10"},
    {"edit": "add", "name": "Squat", "sets": "40", "reps": "10"},
    {"edit": "remove", "number": "abc"},
    {"edit": "juggle"},
])
def test_an_impossible_program_edit_is_refused_and_changes_nothing(web, seeded, form):
    page = web.client.post("/p/7201/program", data={"csrf": web.csrf("/p/7201"), **form})
    assert page.status_code == 400 and 'class="notice error"' in page.text
    assert _rows(web, ProgramVersion, participant_id=1) == []
    assert _rows(web, AuditEntry) == [] and _told(web, 7201) == []


def test_the_audit_log_lists_every_change_newest_first(web, seeded):
    csrf = web.csrf("/p/7201")
    web.client.post("/p/7201/schedule", data={"csrf": csrf, "part": "checkin", "time": "21:15"})
    web.client.post("/p/7201/pause", data={"csrf": csrf, "days": "3"})
    page = web.client.get("/audit").text
    assert page.index("pause") < page.index("schedule")
    assert "check-in at 20:00" in page and str(ADMIN_ID) in page


def test_foot_cleared_needs_their_own_foot_wound_flag(web, seeded):
    csrf = web.csrf("/p/7203")
    bea_flag = _flag_of(web, 4)
    for flag in ("", "abc", "999999", str(bea_flag["id"])):
        page = web.client.post("/p/7203/foot", data={"csrf": csrf, "flag": flag})
        assert page.status_code == 400 and "no such foot-wound flag" in page.text, flag
    assert _rows(web, AuditEntry) == [] and _rows(web, ProgramVersion) == []


def test_a_change_is_kept_when_telegram_cannot_be_reached(web, seeded):
    """The participant could not be told just now: the change stands, the page says so, and the message waits in
    the outbox for the bot's sweep."""
    from starlette.testclient import TestClient

    from coach.web.app import create_app
    from coach.web.tell import BotTeller
    from tests.helpers.web import TOKEN

    teller = BotTeller.for_settings(token=TOKEN, base_url="http://127.0.0.1:9/bot", timeout=1)
    with TestClient(create_app(web.settings, engine=web.engine, clock=web.clock, teller=teller)) as client:
        client.cookies.set("coach_dashboard", web.client.cookies.get("coach_dashboard"))
        page = client.post("/p/7201/pause", data={"csrf": web.csrf("/p/7201"), "days": "2"})
        assert page.status_code == 200 and "they will be told as soon as it can" in page.text
    assert [a["action"] for a in _rows(web, AuditEntry, participant_id=1)] == ["pause"]
    [waiting] = [row for row in _rows(web, OutboxMessage) if row["kind"] == "notice"]
    assert (waiting["status"], waiting["claimed_by"]) == ("queued", None)  # the bot's sweep sends it
