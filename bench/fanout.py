"""Reminder fan-out: 100,000 participants whose check-in reminders all fall due in the same minute.

DESIGN.md decision 1 says "no job per user": a planner turns schedules into reminder rows and a
dispatcher claims and sends the due ones at a global rate. This benchmark checks that promise at
scale, with the project's real pieces, and prints one JSON object (progress goes to stderr):

- plan_seconds: ReminderEngine.plan() (the plan_page loop, through the UseCaseRunner) planning
  every participant on a migrated SQLite file. Goal ≤ 10 s.
- limited_per_second / limited_fraction: the engine's own Dispatcher at send_rate 25 (the
  default), measured over a --sample-seconds window as Telegram sees it (messages the emulator
  received). Goal ≥ 0.95 of 25/s.
- unlimited_per_second: a Dispatcher with no practical rate limit draining the rest of the queue,
  i.e. how fast one process can send at all.
- duplicates / missed: after every due reminder has been dispatched, counted both from the
  emulator's record of sent messages and from the reminder table; the worse of the two is
  reported at the top level, both under "checks". Goal 0 each.
- rss_mb: peak RSS (VmHWM) of the process that plans and dispatches. Goal ≤ 150 MB.
- apscheduler_*: the naive design for comparison, one PTB JobQueue (APScheduler) date job per
  participant, in a fresh process: its RSS before and after adding the jobs, and the time taken.

Who runs where: this process seeds the database (Core executemany, not what is measured) and
counts outcomes; the Bot API emulator runs as a subprocess (as in bench/inbound.py); the bot and
the APScheduler comparison each run in a freshly *spawned* child, so neither inherits the
seeding's or the counting's memory. The bot is built by coach.bot.app.build_application, as in
production, talking to the emulator over HTTP; it is initialized but does not poll.

Time: every participant has the default schedule (sessions Mon/Wed/Fri, review Sunday) in one of
several time zones, with the check-in time chosen so that it falls at DUE in UTC. DUE is a
Saturday, so no session is today or tomorrow in any of the zones, and the review and the
check-in follow-ups come an hour or more later: exactly one reminder per participant is due while
the benchmark runs (the planner still queues the others, see planned_reminders). The bot's clock
runs at the real pace from a chosen instant: planning happens five minutes before DUE,
dispatching starts at DUE.

    .venv/bin/python bench/fanout.py                                  # the full run, ~6-10 min
    .venv/bin/python bench/fanout.py --participants 2000 --sample-seconds 10   # a quick check
    .venv/bin/python bench/fanout.py --participants 5000 --sample-seconds 0 --profile /tmp/fanout.prof
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from dataclasses import asdict, fields
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, insert, select
from telegram.ext import Application, ApplicationBuilder, ContextTypes

from coach.bot.app import build_application
from coach.bot.reminder_sender import Dispatcher, DispatchReport
from coach.bot.runtime import RUNTIME_KEY
from coach.core.clock import SystemClock
from coach.core.config import load_settings
from coach.devtools.cluster.postgres import create_postgres_database, drop_postgres_database
from coach.devtools.cluster.seed import queue_checkin_reminders, seed_participants
from coach.devtools.cluster.workers import WorkerPool
from coach.devtools.emulator.client import EmulatorClient
from coach.domain.schedule import (
    DEFAULT_REVIEW_DAY,
    DEFAULT_REVIEW_TIME,
    DEFAULT_SESSION_DAYS,
    DEFAULT_SESSION_TIME,
    encode_weekdays,
    local_occurrence,
)
from coach.scheduler.engine import ReminderEngine
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.runner import UseCaseRunner
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.store.models import Consent, Participant, Reminder, Schedule

T = TypeVar("T")
TOKEN = "123456789:" + "bench-token-" + "x" * 24
# A Saturday: the default training days (Mon, Wed, Fri) are neither today nor tomorrow in ZONES.
DUE = datetime(2026, 6, 13, 15, 0, tzinfo=UTC)
PLAN_AT = DUE - timedelta(minutes=5)  # a tick a few minutes ahead plans the due minute
SCHEDULED_AT = DUE - timedelta(days=30)  # when everyone set their schedule
# Whole, half and quarter hours from UTC-7 to UTC+8; at DUE the local dates are all Saturday.
ZONES = ("America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
         "America/Sao_Paulo", "UTC", "Europe/London", "Europe/Berlin", "Europe/Kyiv", "Africa/Nairobi",
         "Asia/Dubai", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Perth")
FIRST_CHAT = 700_000_000  # participant i (from 1) has telegram and chat id FIRST_CHAT + i
SEND_RATE = 25.0  # the production default, under Telegram's ~30/s
NO_LIMIT = 1e9  # messages per second: the pacer never waits
GRACE = timedelta(minutes=120)
SEED_CHUNK = 20_000
PROGRESS_SECONDS = 10.0


def note(message: str) -> None:
    print(f"[fanout {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def rss_mb() -> dict[str, float]:
    """This process's current and peak resident set size, in MB."""
    status = {}
    with suppress(OSError), open("/proc/self/status") as lines:
        for line in lines:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                status[name] = int(value.split()[0]) / 1024
    peak = status.get("VmHWM", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {"now": round(status.get("VmRSS", peak), 1), "peak": round(peak, 1)}


class RunningClock:
    """The real clock's pace, starting from a chosen instant (a coach.core.clock.Clock)."""

    def __init__(self, start: datetime) -> None:
        self.start_at(start)

    def start_at(self, instant: datetime) -> None:
        self._offset = instant - SystemClock().now()

    def now(self) -> datetime:
        return SystemClock().now() + self._offset


def in_child(function: Callable[..., T], *args: object) -> T:
    """Run function(*args) in a freshly spawned process (nothing inherited) and return its result."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


# --- seeding (this process) ----------------------------------------------------------------


def checkin_time_in(zone: str) -> wall_time:
    """The local wall time in `zone` at which it is DUE in UTC."""
    local = DUE.astimezone(ZoneInfo(zone))
    at = wall_time(local.hour, local.minute)
    if local_occurrence(local.date(), at, zone) != DUE:
        raise AssertionError(f"{zone}: {at} local is not {DUE:%H:%M} UTC")
    return at


def seed_rows(first: int, last: int, checkin_times: dict[str, wall_time]) -> tuple[list, list, list]:
    """Participants first..last (ids), onboarded and active, with consent and default schedule."""
    participants, consents, schedules = [], [], []
    sessions = encode_weekdays(DEFAULT_SESSION_DAYS)
    for pid in range(first, last + 1):
        zone = ZONES[pid % len(ZONES)]
        participants.append({
            "id": pid, "telegram_id": FIRST_CHAT + pid, "chat_id": FIRST_CHAT + pid, "first_name": "Bench",
            "status": "active", "onboarding_step": None, "awaiting": None, "timezone": zone,
            "condition": "peripheral", "clearance_required": False, "cleared_at": None, "paused_until": None,
            "created_at": SCHEDULED_AT, "updated_at": SCHEDULED_AT})
        consents.append({"participant_id": pid, "version": "bench", "given_at": SCHEDULED_AT,
                         "withdrawn_at": None})
        schedules.append({
            "participant_id": pid, "session_days": sessions, "session_time": DEFAULT_SESSION_TIME,
            "checkin_time": checkin_times[zone], "review_day": DEFAULT_REVIEW_DAY,
            "review_time": DEFAULT_REVIEW_TIME, "updated_at": SCHEDULED_AT, "planned_through": None,
            "plan_again_at": None})
    return participants, consents, schedules


def seed(url: str, count: int) -> float:
    """Migrate a fresh file and bulk-insert `count` participants; returns the seconds it took."""
    started = time.perf_counter()
    upgrade(url)
    checkin_times = {zone: checkin_time_in(zone) for zone in ZONES}
    engine = make_engine(url)
    with engine.begin() as connection:
        for first in range(1, count + 1, SEED_CHUNK):
            participants, consents, schedules = seed_rows(first, min(first + SEED_CHUNK - 1, count), checkin_times)
            connection.execute(insert(Participant.__table__), participants)
            connection.execute(insert(Consent.__table__), consents)
            connection.execute(insert(Schedule.__table__), schedules)
    engine.dispose()  # the last connection closing folds the WAL back into the file
    return time.perf_counter() - started


def start_emulator() -> tuple[subprocess.Popen, dict]:
    process = subprocess.Popen([sys.executable, "-m", "coach.devtools.emulator", "--port", "0"],
                               stdout=subprocess.PIPE, text=True)
    return process, json.loads(process.stdout.readline())


# --- the bot process (a spawned child) ------------------------------------------------------


def run_bot(db_url: str, urls: dict, sample_seconds: float, profile: str | None) -> dict:
    return asyncio.run(_bot(db_url, urls, sample_seconds, profile))


async def _bot(db_url: str, urls: dict, sample_seconds: float, profile: str | None) -> dict:
    settings = load_settings(env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=urls["base_url"],
                             database_url=db_url, log_level="WARNING", coach_send_rate=SEND_RATE,
                             coach_grace_minutes=int(GRACE.total_seconds() // 60))
    clock = RunningClock(PLAN_AT)
    engine = make_engine(db_url)
    application = build_application(settings, engine=engine, clock=clock, token=TOKEN)
    async with application:  # initialize: the bot's getMe; no polling, no periodic tick
        runtime = application.bot_data[RUNTIME_KEY]
        baseline = rss_mb()
        plan = await timed_plan(runtime.reminders, runtime.runner, "first plan (today and tomorrow)")
        after_plan = rss_mb()
        clock.start_at(DUE)
        limited = await limited_phase(runtime.reminders.dispatcher, runtime.runner, urls["control_url"],
                                      sample_seconds)
        unlimited_dispatcher = Dispatcher(runtime.runner, application.bot, send_rate=NO_LIMIT, grace=GRACE,
                                          worker="fanout-unlimited")
        unlimited = await unlimited_phase(unlimited_dispatcher, runtime.runner, profile)
        # A day later every schedule is due for planning again, all at once (in production the
        # zones' midnights spread it out): the planner's steady-state work, one new day each.
        clock.start_at(DUE + timedelta(days=1))
        daily_plan = await timed_plan(runtime.reminders, runtime.runner, "next day's plan")
        runtime.runner.close()
    engine.dispose()
    peak = rss_mb()
    return {"plan": plan, "daily_plan": daily_plan, "limited": limited, "unlimited": unlimited,
            "rss_mb": peak["peak"], "rss_end_mb": peak["now"], "rss_baseline_mb": baseline["now"],
            "rss_after_plan_mb": after_plan["now"]}


def reminder_rows(ctx: UseCaseContext) -> int:
    return ctx.connection.execute(select(func.count()).select_from(Reminder.__table__)).scalar_one()


async def timed_plan(reminders: ReminderEngine, runner: UseCaseRunner, label: str) -> dict:
    """ReminderEngine.plan(), timed on the wall clock and in this process's CPU time."""
    note(f"{label}: planning")
    rows_before = await runner.run_async(reminder_rows)
    started, cpu_started = time.perf_counter(), time.process_time()
    pages = await reminders.plan()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    rows = await runner.run_async(reminder_rows) - rows_before
    note(f"{label}: {rows} reminders in {seconds:.2f}s ({cpu_seconds:.2f}s CPU, {pages} pages)")
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "pages": pages, "rows": rows}


def due_left(ctx: UseCaseContext) -> int:
    """Reminders due now that are not finished yet (queued, or claimed and being sent)."""
    table = Reminder.__table__
    return ctx.connection.execute(select(func.count()).select_from(table).where(
        table.c.status.in_(("queued", "sending")), table.c.due_at <= ctx.now)).scalar_one()


def add_report(totals: DispatchReport, report: DispatchReport) -> None:
    for field in fields(DispatchReport):
        setattr(totals, field.name, getattr(totals, field.name) + getattr(report, field.name))


def claimed_any(report: DispatchReport) -> bool:
    return report.sent + report.skipped + report.failed + report.uncertain + report.released > 0


async def drain(dispatcher: Dispatcher, runner: UseCaseRunner, stop: asyncio.Event | None = None) -> DispatchReport:
    """Call dispatch() until nothing due is left (or `stop` is set between two calls)."""
    totals, last_note = DispatchReport(), time.monotonic()
    while stop is None or not stop.is_set():
        report = await dispatcher.dispatch()
        add_report(totals, report)
        if not claimed_any(report):
            if await runner.run_async(due_left) == 0:
                break
            await asyncio.sleep(0.2)  # a 429 paused sending; dispatch() claims again after it
        if time.monotonic() - last_note > PROGRESS_SECONDS:
            note(f"dispatched {totals.sent} sent, {totals.expired} expired, {totals.failed} failed")
            last_note = time.monotonic()
    return totals


async def limited_phase(dispatcher: Dispatcher, runner: UseCaseRunner, control_url: str,
                        sample_seconds: float) -> dict:
    """The engine's own dispatcher at SEND_RATE; the window counts what the emulator received.

    dispatch() sends a whole claimed batch (500, 20 s at 25/s), so the phase ends with the batch
    running when the window closes; only the window's messages count toward the rate.
    """
    if sample_seconds <= 0:
        return {"sent": 0, "window_messages": 0, "window_seconds": 0.0, "report": asdict(DispatchReport())}
    note(f"limited phase: {SEND_RATE:g}/s for {sample_seconds:g}s")
    client = EmulatorClient(control_url)
    stop = asyncio.Event()
    before = (await client.astats())["bot_messages"]
    started = time.perf_counter()
    task = asyncio.create_task(drain(dispatcher, runner, stop))
    with suppress(TimeoutError):  # the queue may run dry before the window closes
        await asyncio.wait_for(asyncio.shield(task), sample_seconds)
    after = (await client.astats())["bot_messages"]
    window = time.perf_counter() - started
    stop.set()
    totals = await task
    client.close()
    note(f"limited phase: {after - before} messages in {window:.1f}s; {totals.sent} sent in the phase")
    return {"sent": totals.sent, "window_messages": after - before, "window_seconds": window,
            "report": asdict(totals)}


async def unlimited_phase(dispatcher: Dispatcher, runner: UseCaseRunner, profile: str | None) -> dict:
    note("unlimited phase: draining the queue")
    profiler = cProfile.Profile() if profile else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    totals = await drain(dispatcher, runner)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    note(f"unlimited phase: {totals.sent} sent in {seconds:.1f}s ({cpu_seconds:.1f}s CPU)")
    return {"sent": totals.sent, "seconds": seconds, "cpu_seconds": cpu_seconds, "report": asdict(totals)}


# --- the naive design: one APScheduler job per participant (a spawned child) -------------------


async def _remind(context: ContextTypes.DEFAULT_TYPE) -> None:
    """What each naive job would do: send that participant's reminder (never runs here)."""
    await context.bot.send_message(chat_id=context.job.chat_id, text="Time for your daily check-in")


def run_apscheduler(count: int, base_url: str) -> dict:
    return asyncio.run(_apscheduler(count, base_url))


async def _apscheduler(count: int, base_url: str) -> dict:
    """A PTB application whose JobQueue (APScheduler's AsyncIOScheduler) holds a date job per participant."""
    application: Application = ApplicationBuilder().token(TOKEN).base_url(base_url).build()
    await application.job_queue.start()
    await asyncio.sleep(0.1)
    gc.collect()
    baseline = rss_mb()["now"]
    when = SystemClock().now() + timedelta(days=1)  # no job fires while we measure
    started = time.perf_counter()
    for pid in range(1, count + 1):
        application.job_queue.run_once(_remind, when, chat_id=FIRST_CHAT + pid, user_id=FIRST_CHAT + pid,
                                       name=f"checkin:{pid}")
    await asyncio.sleep(0)  # the scheduler's wake-ups, queued by each add, run
    seconds = time.perf_counter() - started
    gc.collect()
    with_jobs = rss_mb()["now"]
    jobs = len(application.job_queue.jobs())
    await application.job_queue.stop(wait=False)
    note(f"APScheduler: {jobs} jobs in {seconds:.1f}s, RSS {baseline:.1f} -> {with_jobs:.1f} MB")
    return {"jobs": jobs, "schedule_seconds": seconds, "baseline_rss_mb": baseline, "rss_mb": with_jobs}


# --- outcomes (this process, after the bot has exited) --------------------------------------


def emulator_checks(control_url: str, count: int) -> tuple[dict, set[tuple[int, int]]]:
    """Duplicates and misses as Telegram saw them, and the (chat, message id) pairs it holds."""
    with EmulatorClient(control_url, timeout=120) as client:
        messages = client.messages()
        violations = len(client.violations())
    per_chat = Counter(message["chat_id"] for message in messages)
    expected = {FIRST_CHAT + pid for pid in range(1, count + 1)}
    checks = {"messages": len(messages), "duplicates": sum(1 for n in per_chat.values() if n > 1),
              "missed": len(expected - per_chat.keys()), "unexpected_chats": len(per_chat.keys() - expected),
              "violations": violations}
    return checks, {(message["chat_id"], message["message_id"]) for message in messages}


def database_checks(engine: Engine, delivered: set[tuple[int, int]], *, due_by: datetime = DUE) -> dict:
    """The reminder table's view: statuses of the due reminders, and whether they match the emulator."""
    r, p = Reminder.__table__, Participant.__table__
    due = r.c.due_at <= due_by
    with engine.connect() as connection:
        statuses = dict(connection.execute(select(r.c.status, func.count()).where(due).group_by(r.c.status)).all())
        planned = connection.execute(select(func.count()).select_from(r)).scalar_one()
        doubled = connection.execute(select(func.count()).select_from(
            select(r.c.participant_id).where(due, r.c.status == "sent").group_by(r.c.participant_id)
            .having(func.count() > 1).subquery())).scalar_one()
        recorded = {(chat, message) for chat, message in connection.execute(
            select(p.c.chat_id, r.c.message_id).join(p, p.c.id == r.c.participant_id)
            .where(due, r.c.status == "sent"))}
    return {"reminder_rows": planned, "due_reminders": sum(statuses.values()), "statuses": statuses,
            "duplicates": doubled, "missed": sum(n for status, n in statuses.items() if status != "sent"),
            "sent_not_received": len(recorded - delivered), "received_not_recorded": len(delivered - recorded)}


# --- putting it together --------------------------------------------------------------------


def figures(args: argparse.Namespace, seed_seconds: float, bot: dict, emulator: dict, database: dict,
            naive: dict, load: tuple[float, float]) -> dict:
    limited, unlimited, plan, daily = bot["limited"], bot["unlimited"], bot["plan"], bot["daily_plan"]
    limited_rate = (limited["window_messages"] / limited["window_seconds"]) if limited["window_seconds"] else None
    dispatch_seconds = limited["window_seconds"] + unlimited["seconds"]
    return {
        "participants": args.participants,
        "zones": len(ZONES),
        "due_at": DUE.isoformat(),
        "seed_seconds": round(seed_seconds, 2),
        "plan_seconds": round(plan["seconds"], 2), "goal_plan_seconds": 10,
        "plan_cpu_seconds": round(plan["cpu_seconds"], 2),
        "plan_pages": plan["pages"],
        "planned_reminders": plan["rows"],
        "daily_plan_seconds": round(daily["seconds"], 2),
        "daily_plan_cpu_seconds": round(daily["cpu_seconds"], 2),
        "daily_planned_reminders": daily["rows"],
        "due_reminders": database["due_reminders"],
        "limited_per_second": round(limited_rate, 2) if limited_rate is not None else None,
        "limited_fraction": round(limited_rate / SEND_RATE, 3) if limited_rate is not None else None,
        "goal_limited_fraction": 0.95,
        "limited_sample_seconds": round(limited["window_seconds"], 1),
        "limited_sent": limited["sent"],
        "unlimited_per_second": round(unlimited["sent"] / unlimited["seconds"], 1) if unlimited["seconds"] else None,
        "unlimited_sent": unlimited["sent"],
        "unlimited_seconds": round(unlimited["seconds"], 1),
        "unlimited_cpu_ms_per_message": (round(1000 * unlimited["cpu_seconds"] / unlimited["sent"], 2)
                                         if unlimited["sent"] else None),
        "dispatch_seconds": round(dispatch_seconds, 1),
        "sent": limited["sent"] + unlimited["sent"],
        "expired": limited["report"]["expired"] + unlimited["report"]["expired"],
        "duplicates": max(emulator["duplicates"], database["duplicates"]),
        "missed": max(emulator["missed"], database["missed"]),
        "violations": emulator["violations"],
        "rss_mb": bot["rss_mb"], "goal_rss_mb": 150,
        "rss_baseline_mb": bot["rss_baseline_mb"],
        "rss_after_plan_mb": bot["rss_after_plan_mb"],
        "apscheduler_baseline_rss_mb": naive["baseline_rss_mb"],
        "apscheduler_job_per_participant_rss_mb": naive["rss_mb"],
        "apscheduler_kb_per_job": round((naive["rss_mb"] - naive["baseline_rss_mb"]) * 1024 / max(naive["jobs"], 1), 2),
        "apscheduler_schedule_seconds": round(naive["schedule_seconds"], 1),
        # Other work on the machine slows the wall-clock figures; the CPU ones are less affected.
        "load_average_1min": [round(value, 2) for value in load],
        "checks": {"emulator": emulator, "database": database,
                   "limited_phase": limited["report"], "unlimited_phase": unlimited["report"]},
    }


# --- several workers on PostgreSQL (--workers N) ---------------------------------------------


def run_workers(args: argparse.Namespace) -> dict:
    """N real `coach run --webhook` processes on one PostgreSQL database drain `participants` due
    reminders at --send-rate, shared through the database; the emulator (its own process) counts what arrives
    and the most it saw in any one second."""
    server = args.postgres_server
    url = create_postgres_database(server)
    try:
        upgrade(url)
        engine = make_engine(url)
        started = time.perf_counter()
        due_at = datetime.now(UTC) - timedelta(seconds=5)  # now-ok: the workers run on the system clock
        ids = seed_participants(engine, [FIRST_CHAT + i for i in range(1, args.participants + 1)],
                                now=due_at - timedelta(days=30))
        queue_checkin_reminders(engine, list(ids.values()), due_at=due_at, now=due_at)
        seed_seconds = time.perf_counter() - started
        note(f"seeded {args.participants} participants and due reminders in {seed_seconds:.1f}s")
        process, urls = start_emulator()
        try:
            with tempfile.TemporaryDirectory(prefix="fanout-workers-") as folder:
                pool = WorkerPool(env={
                    "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": urls["base_url"], "DATABASE_URL": url,
                    "COACH_WEBHOOK_SECRET": "bench-webhook-secret-0123456789", "COACH_TICK_SECONDS": "0.5",
                    "COACH_SEND_RATE": str(args.send_rate), "COACH_GRACE_MINUTES": "120", "LOG_LEVEL": "WARNING"},
                    directory=Path(folder))
                try:
                    timing = drive_workers(pool, args, urls["control_url"])
                finally:
                    pool.stop_all()
            note("counting outcomes")
            emulator, delivered = emulator_checks(urls["control_url"], args.participants)
            busiest = busiest_second(urls["control_url"])
        finally:
            process.terminate()
            process.wait(timeout=10)
        database = database_checks(engine, delivered, due_by=due_at)
        with engine.connect() as connection:
            r = Reminder.__table__
            by_worker = sorted(n for (n,) in connection.execute(
                select(func.count()).where(r.c.status == "sent").group_by(r.c.claimed_by)))
        engine.dispose()
    finally:
        drop_postgres_database(server, url)
    return {
        "mode": "workers", "workers": args.workers, "participants": args.participants,
        "database": "postgresql", "send_rate_limit": args.send_rate,
        # The most sendMessage calls the emulator answered within any one second (a sliding window): the
        # workers share one rate through the database, so this stays at or under send_rate_limit.
        "highest_sends_in_any_second": busiest,
        "seed_seconds": round(seed_seconds, 1),
        "sends_per_second": round(emulator["messages"] / timing["seconds"], 1) if timing["seconds"] else None,
        "drain_seconds": round(timing["seconds"], 1),
        "sent": database["statuses"].get("sent", 0),
        "sent_by_worker": by_worker,
        "duplicates": max(emulator["duplicates"], database["duplicates"]),
        "missed": max(emulator["missed"], database["missed"]),
        "violations": emulator["violations"],
        "load_average_1min": round(os.getloadavg()[0], 2),
        "checks": {"emulator": emulator, "database": database},
    }


def busiest_second(control_url: str) -> int:
    with EmulatorClient(control_url, timeout=120) as client:
        times = sorted(c["time"] for c in client.calls("sendMessage") if c["status"] == 200)
    busiest, first = 0, 0
    for last, at in enumerate(times):
        while times[first] <= at - 1.0:
            first += 1
        busiest = max(busiest, last - first + 1)
    return busiest


def drive_workers(pool: WorkerPool, args: argparse.Namespace, control_url: str) -> dict:
    """Start the workers and time the drain from the first message Telegram receives to the last."""
    with EmulatorClient(control_url, timeout=args.timeout + 60) as client:
        pool.start(args.workers)
        while client.stats()["bot_messages"] == 0:
            time.sleep(0.01)
        first = time.perf_counter()
        note(f"{args.workers} workers sending")
        received = client.wait_for_total(args.participants, timeout=args.timeout)
        seconds = time.perf_counter() - first
        if received < args.participants:
            note(f"only {received} of {args.participants} arrived within {args.timeout:.0f}s")
    return {"seconds": seconds}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--sample-seconds", type=float, default=60.0,
                        help="how long the rate-limited phase is measured (0 skips it)")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the unlimited phase here")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="instead: N `coach run --webhook` processes on PostgreSQL, at --send-rate")
    parser.add_argument("--postgres-server", default=os.environ.get(
        "COACH_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"),
        help="with --workers: a PostgreSQL server; a fresh database is made on it and dropped after")
    parser.add_argument("--timeout", type=float, default=1800.0, help="with --workers: how long the drain may take")
    parser.add_argument("--send-rate", type=float, default=25.0,
                        help="with --workers: COACH_SEND_RATE for every worker (the bot's one rate; 10000: no limit)")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.workers:
        print(json.dumps(run_workers(args)))
        return
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="fanout-") as folder:
        db_url = f"sqlite:///{Path(folder) / 'fanout.db'}"
        note(f"seeding {args.participants} participants")
        seed_seconds = seed(db_url, args.participants)
        note(f"seeded in {seed_seconds:.1f}s")
        process, urls = start_emulator()
        try:
            bot = in_child(run_bot, db_url, urls, args.sample_seconds, args.profile)
            note("counting outcomes")
            emulator, delivered = emulator_checks(urls["control_url"], args.participants)
            engine = make_engine(db_url)
            database = database_checks(engine, delivered)
            engine.dispose()
            naive = in_child(run_apscheduler, args.participants, urls["base_url"])
        finally:
            process.terminate()
            process.wait(timeout=10)
    load = (load_before, os.getloadavg()[0])
    print(json.dumps(figures(args, seed_seconds, bot, emulator, database, naive, load)))


if __name__ == "__main__":
    main()
