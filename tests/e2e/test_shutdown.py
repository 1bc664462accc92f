"""`coach run` stopped with SIGTERM: it finishes what it is doing, confirms what it fetched, and exits cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from coach.bot.runtime import RUNTIME_KEY
from coach.core.clock import FrozenClock
from coach.core.config import load_settings
from coach.devtools.emulator.runner import EmulatorThread
from coach.devtools.person import Person
from coach.devtools.running import running_bot
from coach.scheduler.engine import JOB_NAME
from coach.services import texts
from coach.store.db import make_engine, session_scope
from coach.store.migrate import upgrade
from coach.store.models import Reminder
from tests.helpers.bot_world import ADMIN_ID, START, TOKEN, onboard

USER = 9101
STARTUP_TIMEOUT = 60.0
EXIT_TIMEOUT = 15.0


def _environment(emulator: EmulatorThread, database: Path) -> dict[str, str]:
    """The operator's settings, and nothing of the developer's (no .env: the bot runs in an empty folder)."""
    inherited = {k: v for k, v in os.environ.items()
                 if not k.startswith(("TELEGRAM_", "COACH_", "DATABASE_", "LOG_"))}
    return {**inherited, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": emulator.base_url,
            "DATABASE_URL": f"sqlite:///{database}", "COACH_ADMIN_IDS": str(ADMIN_ID), "LOG_LEVEL": "INFO",
            # A tick every second, so the JobQueue has work of its own to finish when the stop comes.
            "COACH_TICK_SECONDS": "1"}


def _start_bot(emulator: EmulatorThread, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "coach", "run"], cwd=folder,
                            env=_environment(emulator, folder / "coach.db"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_until(condition: Callable[[], bool], timeout: float, what: str, bot: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if bot.poll() is not None:
            pytest.fail(f"the bot exited ({bot.returncode}) while waiting for {what}:\n{bot.stderr.read()}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def _polls(emulator: EmulatorThread) -> list[dict]:
    return emulator.client.calls("getUpdates")


def _stop(bot: subprocess.Popen[str]) -> tuple[int, float, str, str]:
    """SIGTERM, as a supervisor (systemd, Docker) sends it; returns exit code, seconds taken, stdout, stderr."""
    started = time.monotonic()
    bot.send_signal(signal.SIGTERM)
    try:
        out, err = bot.communicate(timeout=EXIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        bot.kill()
        out, err = bot.communicate()
        pytest.fail(f"the bot did not stop within {EXIT_TIMEOUT}s of SIGTERM:\n{err[-3000:]}")
    return bot.returncode, time.monotonic() - started, out, err


def _assert_clean(out: str, err: str) -> None:
    assert "Traceback" not in out + err, err[-3000:]
    assert TOKEN not in out + err and TOKEN.split(":")[1] not in out + err


def test_sigterm_finishes_the_reply_confirms_the_offset_and_a_restart_does_not_answer_twice(emulator, tmp_path):
    """A message arrives, SIGTERM follows at once: the reply still goes out, the bot tells the Bot API
    it has the update, exits with 0 and a clean log; started again, it does not answer that message twice."""
    bot = _start_bot(emulator, tmp_path)
    client = emulator.client
    try:
        client.send_text(USER, "/start", first_name="Ann")
        _wait_until(lambda: len(client.messages(USER)) >= 1, STARTUP_TIMEOUT, "the answer to /start", bot)
        answered_start = len(client.messages(USER))

        last = client.send_text(USER, "hello, is this the coach?", first_name="Ann")
        # The bot has fetched it once it polls again past it (the emulator drops confirmed updates).
        _wait_until(lambda: client.stats()["pending_updates"] == 0, 10, "the message to be fetched", bot)
        code, took, out, err = _stop(bot)
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.communicate()

    assert code == 0, err[-3000:]
    assert took < EXIT_TIMEOUT
    _assert_clean(out, err)
    replies = client.messages(USER)[answered_start:]
    assert texts.FINISH_ONBOARDING in [m["text"] for m in replies], "the message in hand at SIGTERM went unanswered"
    assert "Application.stop() complete" in err  # PTB's own graceful path ran to its end
    final_poll = _polls(emulator)[-1]["params"]
    assert final_poll.get("offset") == last["update_id"] + 1  # "I have everything up to here"
    assert final_poll.get("timeout") == 0  # the short confirming poll, not a long poll cut off

    # Started again on the same database, it answers a new message, and only that one.
    again = _start_bot(emulator, tmp_path)
    try:
        before = len(client.messages(USER))
        client.send_text(USER, "/help", first_name="Ann")
        _wait_until(lambda: len(client.messages(USER)) > before, STARTUP_TIMEOUT, "the restarted bot's answer", again)
        assert client.wait_idle(timeout=10)
        since_restart = [m["text"] for m in client.messages(USER)[before:]]
        code, _, out, err = _stop(again)
    finally:
        if again.poll() is None:
            again.kill()
            again.communicate()
    assert len(since_restart) == 1 and "/checkin" in since_restart[0]  # the help text, not a second answer
    assert code == 0, err[-3000:]
    _assert_clean(out, err)


# 20:00 in Berlin on START's day: everyone's daily check-in reminder is due.
CHECKIN_DUE = START + timedelta(hours=2)
# One send every 2 s: slow enough that a stop arrives with most of the batch still to go.
SLOW_SEND_RATE = 0.5


def _checkin_reminders(engine) -> list[str]:
    """The status of each of today's check-in reminders (tomorrow's are already planned, and wait)."""
    with session_scope(engine) as session:
        return sorted(session.exec(select(Reminder.status).where(
            Reminder.kind == "checkin", Reminder.local_date == CHECKIN_DUE.date())).all())


async def test_a_stop_during_a_reminder_batch_sends_what_is_in_hand_and_requeues_the_rest(emulator, tmp_path):
    """The stop SIGTERM triggers, arriving while the tick sends three reminders: it does not wait for the
    whole batch; the unsent ones go back to the queue (not stranded as 'uncertain'), and the next start
    sends them, so everyone gets their reminder exactly once."""
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    upgrade(url)
    engine = make_engine(url)
    clock = FrozenClock(START)
    settings = load_settings(env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=emulator.base_url,
                             database_url=url, coach_default_timezone="Europe/Berlin", coach_tick_seconds=3600,
                             coach_send_rate=SLOW_SEND_RATE)
    people = [Person(emulator.client, 9201 + index, name) for index, name in enumerate(("Ann", "Bo", "Cy"))]
    async with running_bot(settings, engine=engine, clock=clock) as application:
        for person in people:
            await onboard(person)
        onboarded = sum([len(await person.messages()) for person in people])
        clock.set(CHECKIN_DUE + timedelta(seconds=20))
        # Due now, for the JobQueue itself: Application.stop() waits only for jobs it runs.
        application.job_queue.get_jobs_by_name(JOB_NAME)[0].job.modify(next_run_time=datetime.now(UTC))
        while sum([len(await person.messages()) for person in people]) == onboarded:
            await asyncio.sleep(0.02)
        stop_started = time.monotonic()
    # Leaving the block runs what run_polling runs on SIGTERM: Updater.stop(), then Application.stop().
    stopped_in = time.monotonic() - stop_started
    whole_batch = (len(people) - 1) / SLOW_SEND_RATE

    statuses = _checkin_reminders(engine)
    assert "sending" not in statuses and "uncertain" not in statuses
    sent = statuses.count("sent")
    assert 1 <= sent < len(people) and statuses.count("queued") == len(people) - sent
    assert stopped_in < whole_batch - 0.5, f"the stop waited {stopped_in:.1f}s, as long as the whole batch"

    async with running_bot(settings, engine=engine, clock=clock) as application:
        await application.bot_data[RUNTIME_KEY].reminders.tick()
    assert _checkin_reminders(engine) == ["sent"] * len(people)
    for person in people:
        reminders = [m for m in await person.messages() if "daily check-in" in (m["text"] or "")]
        assert len(reminders) == 1, person.first_name
    engine.dispose()
