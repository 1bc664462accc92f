"""Typed check-ins handled per second end to end, against a bare PTB echo bot on the same emulator.

The emulator runs in its own process. Both bots poll it over HTTP through python-telegram-bot's
real client; each incoming message gets exactly one sendMessage back. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.ext import ApplicationBuilder, MessageHandler, filters

from coach.core.clock import SystemClock
from coach.core.config import load_settings
from coach.devtools.emulator.client import EmulatorClient
from coach.devtools.running import running_bot
from coach.store import participants as participant_store
from coach.store.db import make_engine, session_scope
from coach.store.migrate import upgrade

TOKEN = "123456789:" + "bench-token-" + "x" * 24
# A day's traffic: every participant checks in once, in one of the documented forms; one in ten
# fills in yesterday instead, one in five adds a note.
FORMS = (
    "pain {p} numbness {n} tingling {t} balance {b}",
    "p{p} n{n} t{t} b{b}",
    "{p} {n} {t} {b}",
    "pain: {p}/10, numbness: {n}/10, tingling: {t}/10, balance: {b}/10 - a little tired",
    "yesterday p{p} n{n} t{t} b{b}",
    "pain {p} numb {n} burning {t} unsteady {b}",
    "p{p} n{n} t{t} b{b}",
    "{p} {n} {t} {b}",
    "balance {b} tingling {t} numbness {n} pain {p}",
    "p{p} n{n} t{t} b{b} walked to the shop",
)


def start_emulator() -> tuple[subprocess.Popen, dict]:
    process = subprocess.Popen([sys.executable, "-m", "coach.devtools.emulator", "--port", "0"],
                               stdout=subprocess.PIPE, text=True)
    urls = json.loads(process.stdout.readline())
    return process, urls


def messages_for(users: list[int], count: int) -> list[dict]:
    items = []
    for i in range(count):
        user = users[i % len(users)]
        scores = {"p": i % 11, "n": (i // 3) % 11, "t": (i // 7) % 11, "b": (i // 11) % 11}
        items.append({"user_id": user, "text": FORMS[i % len(FORMS)].format(**scores), "first_name": "Bench"})
    return items


async def drive(client: EmulatorClient, items: list[dict], *, timeout: float) -> float:
    """Queue the messages at once and time until the bot has answered every one."""
    before = (await client.astats())["bot_messages"]
    started = time.perf_counter()
    await client.asend_batch(items)
    # The emulator waits on its side and answers once: the bot's process spends nothing on polling.
    sent = await client.await_for_total(before + len(items), timeout=timeout)
    if sent < before + len(items):
        raise TimeoutError("the bot did not answer every message in time")
    return time.perf_counter() - started


def seed_participants(url: str, users: list[int]) -> None:
    """Onboarded participants, written straight to the store (onboarding is not what is measured)."""
    now = datetime.now(UTC) - timedelta(days=30)  # now-ok: benchmark set-up, not bot logic
    engine = make_engine(url)
    with session_scope(engine) as session:
        for user in users:
            p = participant_store.create_participant(session=session, telegram_id=user, chat_id=user,
                                                     first_name="Bench", timezone="Europe/Berlin", now=now)
            participant_store.record_consent(session=session, participant_id=p.id, version="bench", now=now)
            participant_store.ensure_schedule(session=session, participant_id=p.id, now=now)
            p.onboarding_step, p.status, p.condition = None, "active", "peripheral"
    engine.dispose()  # the last connection closing folds the WAL back into the file, ready to copy


async def coach_rate(urls: dict, items: list[dict], warmup: list[dict], db_url: str) -> float:
    client = EmulatorClient(urls["control_url"])
    settings = load_settings(env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=urls["base_url"],
                             database_url=db_url, log_level="WARNING")
    engine = make_engine(db_url)
    async with running_bot(settings, engine=engine, clock=SystemClock()):
        await drive(client, warmup, timeout=60)
        seconds = await drive(client, items, timeout=600)
    engine.dispose()
    return len(items) / seconds


async def echo_rate(urls: dict, items: list[dict], warmup: list[dict]) -> float:
    client = EmulatorClient(urls["control_url"])

    async def echo(update: Update, context) -> None:  # noqa: ANN001
        await update.effective_message.reply_text(update.effective_message.text)

    app = ApplicationBuilder().token(TOKEN).base_url(urls["base_url"]).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=10)
        await drive(client, warmup, timeout=60)
        seconds = await drive(client, items, timeout=600)
        await app.updater.stop()
        await app.stop()
    return len(items) / seconds


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=3000, help="one check-in per participant")
    parser.add_argument("--rounds", type=int, default=5,
                        help="echo and coach alternate this many times; the best of each is kept")
    args = parser.parse_args()
    users = [500_000 + i for i in range(args.messages)]
    warmup_users = [400_000 + i for i in range(200)]
    items, warmup = messages_for(users, args.messages), messages_for(warmup_users, 200)
    echo_rates, coach_rates = [], []
    with tempfile.TemporaryDirectory() as folder:
        seeded = Path(folder) / "seeded.db"
        upgrade(f"sqlite:///{seeded}")
        seed_participants(f"sqlite:///{seeded}", users + warmup_users)
        process, urls = start_emulator()
        try:
            for round_number in range(args.rounds):
                # Every round starts from the same stored state: each check-in is the day's first.
                db_file = Path(folder) / f"round{round_number}.db"
                shutil.copyfile(seeded, db_file)
                echo_rates.append(await echo_rate(urls, items, warmup))
                coach_rates.append(await coach_rate(urls, items, warmup, f"sqlite:///{db_file}"))
            violations = len(EmulatorClient(urls["control_url"]).violations())
        finally:
            process.terminate()
            process.wait(timeout=10)
    # Best of each: the machine's noise only ever slows a run down, for both bots alike.
    echo, coach = max(echo_rates), max(coach_rates)
    print(json.dumps({
        "messages": args.messages,
        "participants": args.messages,
        "rounds": args.rounds,
        "checkins_per_second": round(coach, 1),
        "echo_per_second": round(echo, 1),
        "ratio": round(coach / echo, 3),
        "goal_ratio": 0.70,
        "checkins_per_second_each_round": [round(r, 1) for r in coach_rates],
        "echo_per_second_each_round": [round(r, 1) for r in echo_rates],
        "violations": violations,
    }))


if __name__ == "__main__":
    asyncio.run(main())
