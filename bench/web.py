"""The dashboard's server time with 10,000 participants and 90 days of data, on SQLite and PostgreSQL.

Prints one JSON object: for each database, the triage page (everyone ranked, the first page of 50 shown) and
one participant's page (the default four weeks: check-ins with notes, sessions, flags, program versions,
schedule, review, insights, audit), each as p50 and p95 milliseconds of server time over --requests requests,
measured around the ASGI app in this process (Starlette's TestClient: no network, the whole request from the
session check to the rendered HTML). The chart PNG is a separate request and not included. Goal: p95 ≤ 250 ms.

The triage page serves a ranking at most 30 s old and makes the next one in the background
(coach/web/ranking.py); `triage_ranking_refresh` is what making one costs (the /users ranking of everyone),
paid off the event loop — and, once, by the first request after start.

Seeding (not measured): every participant joined 90 days ago, checks in on ~85 % of days, trains Mon/Wed/Fri
(~80 % done), 1 % have an open flag, 5 % a note a week; one weekly review each.

    .venv/bin/python bench/web.py                          # both databases (~3 min)
    .venv/bin/python bench/web.py --participants 2000 --skip-postgres
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from coach.core.clock import FrozenClock
from coach.core.config import load_settings
from coach.devtools.cluster.postgres import create_postgres_database, drop_postgres_database
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.store.models import CheckIn, Note, Participant, SafetyFlag, Schedule, SessionLog, WeeklyReview

NOW = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)
DAYS = 90
JOINED = NOW - timedelta(days=DAYS)
ADMIN = 90_001
FIRST_ID = 500_000_000
CHUNK = 1_000
REASONS = '{"participant": ["Keep the plan."], "clinician": ["No rule applied."]}'
ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "UTC")


def note(message: str) -> None:
    print(f"[web {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def seed(url: str, count: int) -> None:
    upgrade(url)
    rng = random.Random(19)
    engine = make_engine(url)
    with engine.begin() as connection:
        for first in range(1, count + 1, CHUNK):
            people, schedules, checkins, sessions, flags, notes, reviews = [], [], [], [], [], [], []
            for pid in range(first, min(first + CHUNK, count + 1)):
                people.append({"id": pid, "telegram_id": FIRST_ID + pid, "chat_id": FIRST_ID + pid,
                               "first_name": f"Person {pid}", "status": "active", "onboarding_step": None,
                               "timezone": ZONES[pid % len(ZONES)], "condition": "peripheral",
                               "clearance_required": False, "created_at": JOINED, "updated_at": JOINED})
                schedules.append({"participant_id": pid, "session_days": "0,2,4", "updated_at": JOINED})
                usual = rng.choice((1, 2, 3, 4))
                for back in range(DAYS):
                    day = TODAY - timedelta(days=back)
                    if rng.random() < 0.85:
                        checkins.append({"participant_id": pid, "local_date": day,
                                         "pain": min(10, usual + rng.choice((-1, 0, 0, 1, 2))),
                                         "numbness": rng.randint(0, 4), "tingling": rng.randint(0, 4),
                                         "balance": rng.randint(0, 3), "source": "typed", "recorded_at": NOW})
                    if day.weekday() in (0, 2, 4):
                        status = rng.choices(("done", "partly", "skipped"), (0.7, 0.1, 0.2))[0]
                        trained = status != "skipped"
                        sessions.append({"participant_id": pid, "local_date": day, "status": status,
                                         "rpe": rng.randint(3, 8) if trained else None,
                                         "pain": rng.randint(0, 5) if trained else None,
                                         "reps": "planned" if trained else None, "source": "command",
                                         "recorded_at": NOW})
                    if back % 7 == 3 and rng.random() < 0.05:
                        notes.append({"participant_id": pid, "local_date": day, "text": "a bit sore today",
                                      "created_at": NOW})
                if rng.random() < 0.01:
                    flags.append({"participant_id": pid, "kind": "weakness", "urgent": False, "source": "free_text",
                                  "excerpt": "legs giving way", "raised_at": NOW - timedelta(days=1)})
                reviews.append({"participant_id": pid, "week_first": date(2026, 11, 8),
                                "week_last": date(2026, 11, 14),
                                "decision": "hold", "rules": "hold", "reasons": REASONS,
                                "message": "…", "status": "informed", "digest_pending": False, "created_at": NOW})
            connection.execute(insert(Participant.__table__), people)
            connection.execute(insert(Schedule.__table__), schedules)
            connection.execute(insert(CheckIn.__table__), checkins)
            connection.execute(insert(SessionLog.__table__), sessions)
            connection.execute(insert(WeeklyReview.__table__), reviews)
            if notes:
                connection.execute(insert(Note.__table__), notes)
            if flags:
                connection.execute(insert(SafetyFlag.__table__), flags)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()


def measure(url: str, count: int, requests: int) -> dict:
    from starlette.testclient import TestClient

    from coach.services.admin import dashboard_links
    from coach.services.plumbing.runner import UseCaseRunner
    from coach.web.app import create_app
    from coach.web.ranking import _rank
    from coach.web.tell import NoTelegram

    settings = load_settings(env_file=None, database_url=url, coach_admin_ids=str(ADMIN),
                             coach_web_secret="bench-secret-" + "Zx81-kq" * 5, coach_web_url="http://testserver")
    engine = make_engine(url)
    clock = FrozenClock(NOW)
    runner = UseCaseRunner(engine, clock, default_timezone="UTC", admin_ids=(ADMIN,))
    text = runner.run(lambda ctx: dashboard_links.issue(ctx, ADMIN, base_url="")).replies[0].text
    runner.close()
    token = text.rsplit("&t=", 1)[1].strip()
    figures = {}
    with TestClient(create_app(settings, engine=engine, clock=clock, teller=NoTelegram())) as client:
        page = client.get(f"/login?a={ADMIN}&t={token}")
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        client.post("/login", data={"a": ADMIN, "t": token, "csrf": csrf})
        rng = random.Random(3)
        paths = {"triage": lambda: "/", "participant": lambda: f"/p/{FIRST_ID + rng.randint(1, count)}"}
        for name, path in paths.items():
            for _ in range(3):  # warm up
                assert client.get(path()).status_code == 200
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(path())
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            times.sort()
            figures[name] = {"p50_ms": round(statistics.median(times), 1),
                             "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                             "max_ms": round(times[-1], 1), "requests": requests}
    # What the triage page's ranking costs when it is made afresh (off the event loop, every 30 s at most, and
    # by the very first request): the /users ranking of everyone.
    runner = UseCaseRunner(engine, clock, default_timezone="UTC", admin_ids=(ADMIN,))
    times = []
    for _ in range(3):
        started = time.perf_counter()
        runner.run(_rank)
        times.append((time.perf_counter() - started) * 1000)
    runner.close()
    figures["triage_ranking_refresh"] = {"median_ms": round(statistics.median(times), 1), "runs": 3}
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--postgres-server", default=os.environ.get(
        "COACH_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"))
    args = parser.parse_args()
    result = {"participants": args.participants, "days": DAYS, "goal_p95_ms": 250}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'web.db'}"
        note(f"seeding SQLite with {args.participants} participants × {DAYS} days")
        seed(url, args.participants)
        note("measuring on SQLite")
        result["sqlite"] = measure(url, args.participants, args.requests)
    if not args.skip_postgres:
        try:
            url = create_postgres_database(args.postgres_server)
        except Exception as exc:  # noqa: BLE001 - the figure is then missing, with the reason
            result["postgresql"] = {"skipped": f"no PostgreSQL at {args.postgres_server}: {type(exc).__name__}"}
        else:
            try:
                note(f"seeding PostgreSQL with {args.participants} participants × {DAYS} days")
                seed(url, args.participants)
                note("measuring on PostgreSQL")
                result["postgresql"] = measure(url, args.participants, args.requests)
            except Exception as exc:  # noqa: BLE001 - the server went away mid-run: say so, keep SQLite's
                result["postgresql"] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"}
            finally:
                with contextlib.suppress(Exception):
                    drop_postgres_database(args.postgres_server, url)
    result["goal_met"] = all(figures[page]["p95_ms"] <= 250 for key in ("sqlite", "postgresql")
                             if "triage" in (figures := result.get(key, {})) for page in ("triage", "participant"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
