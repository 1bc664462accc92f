"""The dashboard under test: its settings, a signed-in client, and participants seeded straight into the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert
from starlette.testclient import TestClient

from coach.core.clock import FrozenClock
from coach.core.config import Settings, load_settings
from coach.devtools.emulator.runner import EmulatorThread
from coach.services.admin import dashboard_links
from coach.services.plumbing.runner import UseCaseRunner
from coach.store.models import CheckIn, Participant, SafetyFlag, Schedule, SessionLog

# Saturday 21 November 2026, 17:00 UTC = 18:00 in Berlin (the e2e tests' START).
NOW = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)
JOINED = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def add_person(engine: Engine, telegram_id: int, name: str, *, checkin_days: range | list[int] = (),
               flags: list[tuple[str, bool, str]] = (), sessions: list[int] = (), pain: int = 2) -> int:
    """A participant who joined on 1 October, with check-ins `checkin_days` days before TODAY (0 = today), open
    flags (kind, urgent, their words) raised an hour ago and sessions done on those days back."""
    with engine.begin() as connection:
        pid = connection.execute(insert(Participant.__table__).values({
            "telegram_id": telegram_id, "chat_id": telegram_id, "first_name": name, "status": "active",
            "onboarding_step": None, "timezone": "Europe/Berlin", "clearance_required": False, "created_at": JOINED,
            "updated_at": JOINED, "condition": "diabetic"})).inserted_primary_key[0]
        connection.execute(insert(Schedule.__table__), [{"participant_id": pid, "session_days": "0,2,4",
                                                         "updated_at": JOINED}])
        if checkin_days:
            connection.execute(insert(CheckIn.__table__), [{
                "participant_id": pid, "local_date": TODAY - timedelta(days=back), "pain": pain, "numbness": 1,
                "tingling": 2, "balance": 1, "source": "typed", "recorded_at": NOW, "foot_problem": False,
                "note": None} for back in checkin_days])
        if sessions:
            connection.execute(insert(SessionLog.__table__), [{
                "participant_id": pid, "local_date": TODAY - timedelta(days=back), "status": "done", "rpe": 5,
                "pain": 2, "reps": "planned", "source": "command", "recorded_at": NOW} for back in sessions])
        for kind, urgent, words in flags:
            connection.execute(insert(SafetyFlag.__table__), [{
                "participant_id": pid, "kind": kind, "urgent": urgent, "source": "free_text", "excerpt": words,
                "raised_at": NOW - timedelta(hours=1)}])
    return pid


TRAINED = [back for back in range(0, 28) if (TODAY - timedelta(days=back)).weekday() in (0, 2, 4)]


def seed_four(engine: Engine) -> dict[str, int]:
    """Four participants whose order of need is plain: an urgent flag, a same-day flag, silence, all well."""
    add_person(engine, 7201, "Eve", checkin_days=range(0, 40), sessions=TRAINED)  # all well
    add_person(engine, 7202, "Dora", checkin_days=range(5, 40), sessions=TRAINED)  # silent 5 days
    add_person(engine, 7203, "Carl", checkin_days=range(0, 40), sessions=TRAINED,
               flags=[("foot_wound", False, "a new blister on my heel")])
    add_person(engine, 7204, "Bea", checkin_days=range(0, 40), sessions=TRAINED,
               flags=[("chest_pain", True, "chest feels tight when I climb stairs")])
    return {"Bea": 7204, "Carl": 7203, "Dora": 7202, "Eve": 7201}


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
