"""Weekly review at scale: 100,000 participants with the history real use leaves, insights computed.

The participants (seeded, not measured) look like a running study: every condition (and none given), eight
time zones, most joined 5–17 weeks ago and some in the last month or the last week (so both kinds of
baseline, and none yet); check-ins on most days for up to eight weeks, a tenth of them backfilled days
later, some corrected (the first entry kept as a revision), some with a note, and diary notes on other
days; sessions on each one's own training days (nine different schedules, one with none), done, partly
done, skipped, left half-answered or never logged, and a few off schedule; red flags of every kind raised
this week, still open from earlier weeks, or long settled, foot care and clearance pending for some; and
programs changed by earlier reviews. Each chunk of 10,000 participants is written in the order its rows
were recorded, as a live table grows, so one participant's rows lie far apart. The review reads five
weeks of it: the week, the 28 days before it (the baseline) and the four weeks of insights.

Prints one JSON object (progress goes to stderr):

- seconds: reviewing every participant with the project's own bulk path, as `coach review --all`
  runs it (coach.services.review.bulk.review_lines: shares of 5,000 participants reviewed in one
  worker process per core, each line handed back in id order): reading their rows from a migrated
  SQLite file, the baseline, the insights (next-day scores after session and rest days, the four-week
  trend), the decision with its reasons, the program change a progression or an easier week would
  make, and the line `coach review --all` prints. Goal ≤ 60 s.
- floor_seconds: one plain aggregate scan over the same rows — per participant, the count, mean and
  maximum of the check-in scores of the five weeks and the count and mean of the session scores of
  the four weeks (two GROUP BY queries, every row fetched into Python). It does no reviewing at all:
  the least any review of these rows could cost on this machine.
- ratio: seconds ÷ floor_seconds. Goal ≤ 3.
- seconds_one_process, ratio_one_process: the same review with a single worker (this process), to
  show what the extra cores bring.
- cpu_seconds, cpu_ratio, cpu_ratio_one_process: the CPU time the scan and the reviews used (this process
  and its worker processes, best of the runs) and their quotients. Unlike the wall-clock figures these
  hardly change when other programs compete for the cores; on a machine to itself, the wall-clock ratio
  with workers approaches cpu_ratio divided by the workers.
- workers: how many worker processes reviewed (one per core, no more than shares of 5,000; 1 means
  the measuring process reviewed alone).
- rss_mb: peak RSS of the largest process that took part in reviewing (the measuring process or a
  worker).
- decisions: how many of each decision, as a sanity check that the rules were really applied;
  with_insights: how many reviews had insights to show (a comparison or a trend); rows: what was seeded.
- load: the machine's load average (1 minute) before and after measuring: timings taken while other
  programs compete for the cores are not comparable.

Each timing is the best of --repeats runs, alternating floor and review in one (freshly spawned)
process, so both see the same warm page cache.

    .venv/bin/python bench/weekly.py                        # 100,000 participants (~6 min, most of it seeding)
    .venv/bin/python bench/weekly.py --participants 20000   # a quick check
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from operator import itemgetter
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

from coach.domain import program as program_domain
from coach.domain.safety import URGENT_KINDS, FlagKind
from coach.domain.schedule import DEFAULT_REVIEW_DAY, DEFAULT_REVIEW_TIME
from coach.services import texts
from coach.services.review.bulk import SHARE_SIZE, worker_count
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.store.models import (
    CheckIn,
    CheckInRevision,
    Note,
    Participant,
    ProgramVersion,
    SafetyFlag,
    Schedule,
    SessionLog,
)

LAST = date(2026, 11, 29)  # a Sunday: the review covers Mon 23 – Sun 29 November
FIRST = LAST - timedelta(days=6)
ONE_DAY = timedelta(days=1)
ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC",
         "Asia/Kolkata", "America/Los_Angeles")
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

CONDITIONS = (*(key for key, _ in texts.CONDITIONS), None)  # every condition offered, and none given
SCHEDULES = ("0,2,4", "0,2,4", "0,2,4", "1,3,5", "0,3", "1,4", "0,1,3,5", "2,5", "")
HISTORY_DAYS = 56  # rows go back eight weeks before the reviewed week's end (the review reads five)
NOTES = ("Slept badly, feet burning at night.", "Long walk with the dog today.", "Tingling worse after the bus ride.",
         "Felt steady on the stairs!", "Calf raises were hard today.", "Busy day, forgot the band.")
FLAG_EXCERPTS = {"foot_wound": "found a blister on my heel", "weakness": "my left foot slaps when I walk",
                 "fall_injury": "fell in the kitchen and hurt my wrist"}


def _progressed(rng: random.Random, changes: int, foot_care: bool) -> list[tuple[str, str]]:
    """(exercises JSON, reason) of each program version after the starter, as the reviews would have made them."""
    program, versions = program_domain.STARTER_PROGRAM, []
    for turn in range(changes):
        if rng.random() < 0.75:
            step = program_domain.progression_step(program, start=turn, extra_reps=rng.random() < 0.2)
            if step is None:
                continue
            program, reason = step[0], "progress"
        else:
            program, reason = program_domain.deload_step(program)[0], "deload"
        versions.append((program_domain.to_json(program), reason))
    if foot_care:
        versions.append((program_domain.to_json(program_domain.NON_WEIGHT_BEARING_PROGRAM), "foot_wound"))
    return versions


def _person(rng: random.Random, pid: int, rows: dict[str, list]) -> None:  # noqa: C901, PLR0912, PLR0915
    """One participant as real use leaves them: joined weeks ago (a few days ago for some), any condition,
    their own training days, check-ins on most days with backfills, corrections and notes, sessions done,
    partly done, skipped or never logged, red flags old and new, and a program changed by earlier reviews."""
    zone = ZONES[pid % len(ZONES)]
    tz = ZoneInfo(zone)
    age = rng.random()
    days_ago = rng.randint(36, 120) if age < 0.85 else rng.randint(7, 35) if age < 0.95 else rng.randint(0, 6)
    joined = datetime.combine(LAST - timedelta(days=days_ago), dtime(rng.randint(7, 21), rng.randint(0, 59)),
                              tzinfo=tz).astimezone(UTC)
    joined_day = joined.astimezone(tz).date()
    setting_up = rng.random() < 0.02
    condition = CONDITIONS[pid % len(CONDITIONS)]
    clearance = rng.random() < 0.06
    foot_care = rng.random() < 0.02
    state = rng.choices(("active", "paused", "inactive"), (0.9, 0.05, 0.05))[0]
    rows["participant"].append({
        "id": pid, "telegram_id": FIRST_CHAT + pid, "chat_id": FIRST_CHAT + pid,
        "first_name": rng.choice(("Ana", "Bernd", "Chiara", "Dmitri", "Ewa", "Alexandra-Marie", "")),
        "status": "onboarding" if setting_up else state, "onboarding_step": "timezone" if setting_up else None,
        "timezone": zone, "condition": None if setting_up else condition, "clearance_required": clearance,
        "cleared_at": joined + timedelta(days=rng.randint(1, 9)) if clearance and rng.random() < 0.6 else None,
        "paused_until": datetime.combine(LAST + timedelta(days=5), dtime(0), tzinfo=UTC) if state == "paused" else None,
        "foot_care_since": datetime.combine(LAST - timedelta(days=rng.randint(0, 20)), dtime(12), tzinfo=UTC)
        if foot_care else None,
        "created_at": joined, "updated_at": joined})
    training = SCHEDULES[rng.randrange(len(SCHEDULES))]
    rows["schedule"].append({"participant_id": pid, "session_days": training, "review_day": DEFAULT_REVIEW_DAY,
                             "review_time": DEFAULT_REVIEW_TIME, "updated_at": joined})
    if setting_up:
        return
    weekdays = {int(day) for day in training.split(",") if day}
    keeps_up = rng.choice((0.98, 0.92, 0.85, 0.7, 0.45))
    usual = [rng.choice((1, 2, 2, 3, 3, 4, 5)), rng.randint(0, 6), rng.randint(0, 6), rng.randint(0, 4)]
    pattern = rng.choices(("calm", "flare", "rising", "easing", "sore_after"), (0.62, 0.12, 0.09, 0.09, 0.08))[0]
    flare = rng.choice((2, 3))
    # A backfill may fill in a day or two before joining; otherwise rows start when they joined.
    start = max(joined_day - timedelta(days=rng.choice((0, 0, 0, 1, 2))), LAST - timedelta(days=HISTORY_DAYS))
    trained: set[date] = set()
    day = start
    while day <= LAST:
        planned = day.weekday() in weekdays
        if (planned and rng.random() < keeps_up) or (not planned and rng.random() < 0.03):
            status = rng.choices(("done", "partly", "skipped"), (0.75, 0.15, 0.10))[0]
            done = status != "skipped"
            unanswered = done and rng.random() < 0.04  # closed the buttons before the last question
            if done:
                trained.add(day)
            late = rng.random() < 0.1
            rows["session_log"].append({
                "participant_id": pid, "local_date": day, "status": status,
                "rpe": rng.randint(3, 10) if done and not unanswered else None,
                "pain": rng.randint(0, 6) if done and not unanswered else None,
                "reps": rng.choice(("fewer", "planned", "planned", "more")) if done and not unanswered else None,
                "asking": "rpe" if unanswered else None, "source": "command" if late else "buttons",
                "recorded_at": _at(day + timedelta(days=rng.randint(1, 3) if late else 0), 18, tz)})
        day += ONE_DAY
    last_day = LAST + ONE_DAY if rng.random() < 0.3 else LAST  # some have checked in on the review's own day
    day = start
    while day <= last_day:
        if rng.random() < keeps_up:
            week = (LAST - day).days // 7
            extra = {"flare": flare * (day >= FIRST and (day - FIRST).days > 2), "rising": max(0, 4 - week),
                     "easing": min(4, week), "sore_after": 2 * (day - ONE_DAY in trained)}.get(pattern, 0)
            scores = [min(10, max(0, usual[0] + rng.choice((-1, 0, 0, 0, 1)) + extra)),
                      *(min(10, max(0, value + rng.choice((-1, 0, 0, 1)))) for value in usual[1:])]
            late = rng.random() < 0.1  # a backfill: /checkin yesterday …
            recorded = _at(day + timedelta(days=rng.randint(1, 3) if late else 0), 20, tz)
            note = rng.choice(NOTES) if rng.random() < 0.07 else None
            checkin = {
                "participant_id": pid, "local_date": day, "pain": scores[0],
                "numbness": scores[1], "tingling": scores[2], "balance": scores[3],
                "foot_problem": (rng.random() < 0.03) if condition == "diabetic" else None, "note": note,
                "source": "command" if late else rng.choice(("buttons", "typed", "same")), "recorded_at": recorded}
            rows["checkin"].append(checkin)
            if rng.random() < 0.04:  # corrected later the same day: the first entry kept as a revision
                rows["checkin_revision"].append({
                    "participant_id": pid, "checkin_id": checkin, "local_date": day,
                    "pain": min(10, scores[0] + 2), "numbness": scores[1], "tingling": scores[2],
                    "balance": scores[3], "foot_problem": None, "note": None, "source": "buttons",
                    "recorded_at": recorded - timedelta(hours=2), "replaced_at": recorded})
            if note:
                rows["note"].append({"participant_id": pid, "checkin_id": checkin, "local_date": day,
                                     "text": note, "created_at": recorded})
        elif rng.random() < 0.05:  # a diary note on a day without a check-in
            rows["note"].append({"participant_id": pid, "checkin_id": None, "local_date": day,
                                 "text": rng.choice(NOTES), "created_at": _at(day, 21, tz)})
        day += ONE_DAY
    kinds = list(FlagKind)
    for chance, first_day, last_day, answered in ((0.03, 0, 6, 0.5), (0.02, 7, 30, 0.0), (0.06, 7, 50, 1.0)):
        if rng.random() < chance:
            kind = "foot_wound" if foot_care else rng.choice(kinds)
            raised = _at(LAST - timedelta(days=rng.randint(first_day, last_day)), rng.randint(8, 22), tz)
            seen = rng.random() < answered
            rows["safety_flag"].append({
                "participant_id": pid, "kind": str(kind), "urgent": kind in URGENT_KINDS,
                "source": rng.choice(("free_text", "checkin_note", "foot_check")),
                "excerpt": FLAG_EXCERPTS.get(str(kind), "bench"), "raised_at": raised,
                "acknowledged_at": raised + timedelta(hours=3) if seen else None,
                "acknowledged_by": 42 if seen else None})
    if rng.random() < 0.35 or foot_care:
        versions = _progressed(rng, rng.randint(1, 6), foot_care)
        made = joined
        for version, (exercises, reason) in enumerate(
                [(program_domain.to_json(program_domain.STARTER_PROGRAM), "starter"), *versions], start=1):
            rows["program_version"].append({"participant_id": pid, "version": version, "exercises": exercises,
                                            "reason": reason, "change": None if version == 1 else "bench",
                                            "created_at": made})
            made += timedelta(days=7)


def _at(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, dtime(hour, 5), tzinfo=zone).astimezone(UTC)


TABLES = {"participant": Participant, "schedule": Schedule, "checkin": CheckIn, "checkin_revision": CheckInRevision,
          "note": Note, "session_log": SessionLog, "safety_flag": SafetyFlag, "program_version": ProgramVersion}


def seed(url: str, count: int) -> dict[str, int]:
    """`count` participants as real use leaves them (see _person), from a seeded generator so that every
    decision occurs; how many rows each table got.

    Real tables grow a day at a time, everyone's rows of a day side by side, so one participant's rows lie
    far apart: each chunk of participants is written in the order its rows were recorded.
    """
    upgrade(url)
    rng = random.Random(47)
    engine = make_engine(url)
    counts: Counter = Counter()
    next_checkin_id = 1
    with engine.begin() as connection:
        for first_id in range(1, count + 1, SEED_CHUNK):
            rows: dict[str, list] = {name: [] for name in TABLES}
            for pid in range(first_id, min(first_id + SEED_CHUNK, count + 1)):
                _person(rng, pid, rows)
            for name in ("checkin", "checkin_revision", "note", "session_log", "safety_flag"):
                rows[name].sort(key=itemgetter("recorded_at" if "recorded_at" in rows[name][0] else
                                               "created_at" if "created_at" in rows[name][0] else "raised_at"))
            for number, checkin in enumerate(rows["checkin"], start=next_checkin_id):
                checkin["id"] = number
            next_checkin_id += len(rows["checkin"])
            for row in (*rows["checkin_revision"], *rows["note"]):
                if row["checkin_id"] is not None:
                    row["checkin_id"] = row["checkin_id"]["id"]
            for name, model in TABLES.items():
                if rows[name]:
                    connection.execute(insert(model.__table__), rows[name])
                    counts[name] += len(rows[name])
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    return dict(counts)


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
        # Sessions from the start of the four weeks the insights look at, as the review reads them.
        rows += connection.execute(FLOOR_SESSIONS, {"first": LAST - timedelta(days=27), "last": LAST}).fetchall()
    return time.perf_counter() - started, len(rows)


def line_and_insights(prepared) -> str:  # noqa: ANN001 - a PreparedReview
    """The line `coach review --all` prints, and whether the four weeks gave insights to show (counted)."""
    from coach.services.review.bulk import as_line

    return f"{as_line(prepared)}\t{'insights' if prepared.insights.enough else '-'}"


def review_everyone(url: str, workers: int | None) -> tuple[float, Counter]:
    from coach.services.review.bulk import review_lines

    started = time.perf_counter()
    decisions: Counter = Counter()
    for line in review_lines(url, last=LAST, workers=workers, render=line_and_insights):
        fields = line.split("\t")
        decisions[fields[1]] += 1
        decisions["with insights"] += fields[-1] == "insights"
    return time.perf_counter() - started, decisions


def cpu_seconds() -> float:
    """CPU time used so far by this process and by the worker processes it has waited for."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def timed(work) -> tuple[float, float, object]:  # noqa: ANN001
    """(wall seconds, CPU seconds, result) of work()."""
    cpu, started = cpu_seconds(), time.perf_counter()
    result = work()
    return time.perf_counter() - started, cpu_seconds() - cpu, result


def measure(url: str, repeats: int) -> dict:
    engine = make_engine(url)
    floors, reviews, alone, decisions = [], [], [], Counter()
    for _ in range(repeats):
        floors.append(timed(lambda: floor_scan(engine))[:2])
        *spent, (_, decisions) = timed(lambda: review_everyone(url, workers=None))
        reviews.append(spent)
        *spent, (_, single) = timed(lambda: review_everyone(url, 1))
        alone.append(spent)
        assert single == decisions, "one worker or several, the same reviews"
    engine.dispose()
    with_insights = decisions.pop("with insights", 0)
    workers = worker_count(math.ceil(sum(decisions.values()) / SHARE_SIZE))
    return {"floor": min(floors), "seconds": min(reviews), "alone": min(alone), "workers": workers,
            "all_seconds": [round(s, 2) for s, _ in reviews], "all_alone": [round(s, 2) for s, _ in alone],
            "all_floors": [round(s, 3) for s, _ in floors],
            "cpu": {"floor": min(c for _, c in floors), "review": min(c for _, c in reviews),
                    "one_process": min(c for _, c in alone)},
            "decisions": dict(decisions), "with_insights": with_insights, "rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coach-weekly-") as folder:
        url = f"sqlite:///{Path(folder) / 'weekly.db'}"
        note(f"seeding {args.participants:,} participants with up to {HISTORY_DAYS // 7} weeks of entries each")
        started = time.perf_counter()
        rows = seed(url, args.participants)
        seed_seconds = time.perf_counter() - started
        note(f"seeded in {seed_seconds:.1f}s; reviewing everyone {args.repeats}× in a fresh process")
        load_before = os.getloadavg()[0]
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            result = pool.submit(measure, url, args.repeats).result()
        load_after = os.getloadavg()[0]
    reviewed = sum(result["decisions"].values())
    cpu = result["cpu"]
    print(json.dumps({
        "participants": args.participants,
        "reviewed": reviewed,
        "seconds": round(result["seconds"][0], 2),
        "floor_seconds": round(result["floor"][0], 3),
        "ratio": round(result["seconds"][0] / result["floor"][0], 2),
        "seconds_one_process": round(result["alone"][0], 2),
        "ratio_one_process": round(result["alone"][0] / result["floor"][0], 2),
        "cpu_seconds": {name: round(value, 2) for name, value in cpu.items()},
        "cpu_ratio": round(cpu["review"] / cpu["floor"], 2),
        "cpu_ratio_one_process": round(cpu["one_process"] / cpu["floor"], 2),
        "workers": result["workers"],
        "reviews_per_second": round(reviewed / result["seconds"][0]),
        "rss_mb": result["rss_mb"],
        "decisions": result["decisions"],
        "with_insights": result["with_insights"],
        "rows": rows,
        "runs": {"review_seconds": result["all_seconds"], "one_process_seconds": result["all_alone"],
                 "floor_seconds": result["all_floors"]},
        "seed_seconds": round(seed_seconds, 1),
        "load": [round(load_before, 2), round(load_after, 2)],
    }))


if __name__ == "__main__":
    main()
