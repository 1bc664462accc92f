"""Weekly review at scale: 100,000 participants, each with 7 days of check-ins and 3 sessions.

Prints one JSON object (progress goes to stderr):

- seconds: reviewing every participant with the project's own bulk path, as `coach review --all`
  runs it (coach.services.review.bulk.review_lines: shares of 5,000 participants reviewed in one
  worker process per core, each line handed back in id order): reading their rows from a migrated
  SQLite file, the baseline, the decision with its reasons, the program change a progression or an
  easier week would make, and the line `coach review --all` prints. Goal ≤ 60 s.
- floor_seconds: one plain aggregate scan over the same rows — per participant, the count, mean and
  maximum of the check-in scores and the count and mean of the session scores (two GROUP BY
  queries, every row fetched into Python). It does no reviewing at all: the least any review of
  these rows could cost on this machine.
- ratio: seconds ÷ floor_seconds. Goal ≤ 3.
- seconds_one_process, ratio_one_process: the same review with a single worker (this process), to
  show what the extra cores bring.
- workers: how many worker processes reviewed (one per core, no more than shares of 5,000; 1 means
  the measuring process reviewed alone).
- rss_mb: peak RSS of the largest process that took part in reviewing (the measuring process or a
  worker).
- decisions: how many of each decision, as a sanity check that the rules were really applied.

Each timing is the best of --repeats runs, alternating floor and review in one (freshly spawned)
process, so both see the same warm page cache.

    .venv/bin/python bench/weekly.py                        # 100,000 participants (~2 min)
    .venv/bin/python bench/weekly.py --participants 20000   # a quick check
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from coach.domain.schedule import DEFAULT_REVIEW_DAY, DEFAULT_REVIEW_TIME, DEFAULT_SESSION_DAYS, encode_weekdays
from coach.services.review.bulk import SHARE_SIZE, worker_count
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.store.models import CheckIn, Participant, SafetyFlag, Schedule, SessionLog

LAST = date(2026, 11, 29)  # a Sunday: the review covers Mon 23 – Sun 29 November
FIRST = LAST - timedelta(days=6)
JOINED = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC")
SEED_CHUNK = 10_000
FIRST_CHAT = 500_000_000


def note(message: str) -> None:
    print(f"[weekly {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    """The peak RSS of this process or of the largest worker process it has waited for."""
    own = 0
    with suppress(OSError), open("/proc/self/status") as lines:
        for line in lines:
            if line.startswith("VmHWM:"):
                own = int(line.split()[1])
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return round(max(own, children) / 1024, 1)


# --- seeding (not measured) ---------------------------------------------------------------------


def seed(url: str, count: int) -> None:
    """`count` onboarded participants with a week of check-ins, Mon/Wed/Fri sessions, a few red flags.

    Scores come from a seeded generator so that every decision occurs: most weeks are calm, some
    painful, some sparse.
    """
    upgrade(url)
    rng = random.Random(47)
    engine = make_engine(url)
    session_days = encode_weekdays(DEFAULT_SESSION_DAYS)
    with engine.begin() as connection:
        for first_id in range(1, count + 1, SEED_CHUNK):
            people, schedules, checkins, sessions, flags = [], [], [], [], []
            for pid in range(first_id, min(first_id + SEED_CHUNK, count + 1)):
                people.append({"id": pid, "telegram_id": FIRST_CHAT + pid, "chat_id": FIRST_CHAT + pid,
                               "first_name": "Bench", "status": "active", "onboarding_step": None,
                               "timezone": ZONES[pid % len(ZONES)], "condition": "peripheral",
                               "clearance_required": False, "created_at": JOINED, "updated_at": JOINED})
                schedules.append({"participant_id": pid, "session_days": session_days,
                                  "review_day": DEFAULT_REVIEW_DAY, "review_time": DEFAULT_REVIEW_TIME,
                                  "updated_at": JOINED})
                usual = rng.choice((1, 2, 2, 3, 3, 4))
                flare = rng.random() < 0.15
                for offset in range(7):
                    pain = min(10, max(0, usual + rng.choice((-1, 0, 0, 1)) + (3 if flare and offset > 3 else 0)))
                    checkins.append({"participant_id": pid, "local_date": FIRST + timedelta(days=offset),
                                     "pain": pain, "numbness": rng.randint(0, 4), "tingling": rng.randint(0, 4),
                                     "balance": rng.randint(0, 3), "source": "typed", "recorded_at": JOINED})
                for offset in (0, 2, 4):
                    status = rng.choices(("done", "partly", "skipped"), (0.75, 0.15, 0.10))[0]
                    trained = status != "skipped"
                    sessions.append({"participant_id": pid, "local_date": FIRST + timedelta(days=offset),
                                     "status": status, "rpe": rng.randint(3, 9) if trained else None,
                                     "pain": rng.randint(0, 5) if trained else None,
                                     "reps": rng.choice(("fewer", "planned", "more")) if trained else None,
                                     "source": "command", "recorded_at": JOINED})
                if rng.random() < 0.01:
                    flags.append({"participant_id": pid, "kind": "weakness", "urgent": False, "source": "free_text",
                                  "excerpt": "bench", "raised_at": datetime(2026, 11, 25, 12, tzinfo=UTC)})
            connection.execute(insert(Participant.__table__), people)
            connection.execute(insert(Schedule.__table__), schedules)
            connection.execute(insert(CheckIn.__table__), checkins)
            connection.execute(insert(SessionLog.__table__), sessions)
            if flags:
                connection.execute(insert(SafetyFlag.__table__), flags)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()


# --- measuring (a spawned child) ----------------------------------------------------------------

FLOOR_CHECKINS = text(
    "SELECT participant_id, count(*), avg(pain), max(pain), avg(numbness), avg(tingling), avg(balance) "
    "FROM checkin WHERE local_date >= :first AND local_date <= :last GROUP BY participant_id")
FLOOR_SESSIONS = text(
    "SELECT participant_id, count(*), avg(rpe), avg(pain) FROM session_log "
    "WHERE local_date >= :first AND local_date <= :last GROUP BY participant_id")


def floor_scan(engine) -> tuple[float, int]:  # noqa: ANN001
    """The plain aggregate scan over the rows a review reads (the same date ranges)."""
    started = time.perf_counter()
    with engine.connect() as connection:
        rows = connection.execute(FLOOR_CHECKINS, {"first": FIRST - timedelta(days=28),
                                                   "last": LAST + timedelta(days=1)}).fetchall()
        rows += connection.execute(FLOOR_SESSIONS, {"first": FIRST, "last": LAST}).fetchall()
    return time.perf_counter() - started, len(rows)


def review_everyone(url: str, workers: int | None) -> tuple[float, Counter]:
    from coach.services.review.bulk import review_lines

    started = time.perf_counter()
    decisions: Counter = Counter()
    for line in review_lines(url, last=LAST, workers=workers):
        decisions[line.split("\t", 2)[1]] += 1
    return time.perf_counter() - started, decisions


def measure(url: str, repeats: int) -> dict:
    engine = make_engine(url)
    floors, reviews, alone, decisions = [], [], [], Counter()
    for _ in range(repeats):
        floors.append(floor_scan(engine)[0])
        seconds, decisions = review_everyone(url, workers=None)
        reviews.append(seconds)
        seconds, single = review_everyone(url, 1)
        alone.append(seconds)
        assert single == decisions, "one worker or several, the same reviews"
    engine.dispose()
    workers = worker_count(math.ceil(sum(decisions.values()) / SHARE_SIZE))
    return {"floor": min(floors), "seconds": min(reviews), "alone": min(alone), "workers": workers,
            "all_seconds": [round(s, 2) for s in reviews], "all_alone": [round(s, 2) for s in alone],
            "all_floors": [round(s, 3) for s in floors], "decisions": dict(decisions), "rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coach-weekly-") as folder:
        url = f"sqlite:///{Path(folder) / 'weekly.db'}"
        note(f"seeding {args.participants:,} participants with 7 days of check-ins and 3 sessions each")
        started = time.perf_counter()
        seed(url, args.participants)
        seed_seconds = time.perf_counter() - started
        note(f"seeded in {seed_seconds:.1f}s; reviewing everyone {args.repeats}× in a fresh process")
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            result = pool.submit(measure, url, args.repeats).result()
    reviewed = sum(result["decisions"].values())
    print(json.dumps({
        "participants": args.participants,
        "reviewed": reviewed,
        "seconds": round(result["seconds"], 2),
        "floor_seconds": round(result["floor"], 3),
        "ratio": round(result["seconds"] / result["floor"], 2),
        "seconds_one_process": round(result["alone"], 2),
        "ratio_one_process": round(result["alone"] / result["floor"], 2),
        "workers": result["workers"],
        "reviews_per_second": round(reviewed / result["seconds"]),
        "rss_mb": result["rss_mb"],
        "decisions": result["decisions"],
        "runs": {"review_seconds": result["all_seconds"], "one_process_seconds": result["all_alone"],
                 "floor_seconds": result["all_floors"]},
        "seed_seconds": round(seed_seconds, 1),
    }))


if __name__ == "__main__":
    main()
