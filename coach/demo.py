"""`coach demo`: the real bot against the local emulator; a participant onboards and checks in."""

from __future__ import annotations

import sys
from pathlib import Path

from coach.clock import SystemClock
from coach.config import load_settings
from coach.conversation import Person
from coach.emulator.runner import EmulatorThread
from coach.running import running_bot
from coach.store.db import make_engine
from coach.store.migrate import upgrade

DEMO_TOKEN = "123456789:" + "demo-token-for-the-local-emulator"[:33].ljust(33, "x")
DEMO_USER = 10_001
DEMO_ADMIN = 90_001


async def run_demo(*, database_url: str) -> int:
    """Run the whole first loop and print the chat as a transcript."""
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)  # a fresh demo each time
    upgrade(database_url)
    engine = make_engine(database_url)
    with EmulatorThread() as emulator:
        settings = load_settings(env_file=None, telegram_bot_token=DEMO_TOKEN, telegram_api_base_url=emulator.base_url,
                                 database_url=database_url, coach_admin_ids=str(DEMO_ADMIN),
                                 coach_default_timezone="Europe/Berlin")
        ann = Person(emulator.client, DEMO_USER, "Ann")
        async with running_bot(settings, engine=engine, clock=SystemClock()):
            await _script(ann)
        violations = emulator.client.violations()
        admin_alerts = [m["text"] for m in emulator.client.messages(DEMO_ADMIN)]
    engine.dispose()
    print("\n\n".join(ann.transcript))
    print("\n— Alerts the admin received —")
    print("\n\n".join(admin_alerts) or "(none)")
    print(f"\nBot API calls the method table rejected: {len(violations)}")
    return 0 if not violations else 1


async def _script(ann: Person) -> None:
    await ann.say("/start")
    await ann.press("✅ I agree")
    for answer in ("No", "No", "No", "No", "No", "No", "No"):
        await ann.press(answer)
    await ann.press("Diabetic neuropathy")
    await ann.say("Berlin")
    await ann.press("👍 Sounds good")
    await ann.say("/schedule")
    await ann.say("/checkin")
    for value in ("4", "2", "3", "1"):
        await ann.press(value)
    await ann.press("No new problems")
    await ann.say("/checkin yesterday p3 n2 t2 b1 walked to the shop")
    await ann.press("No new problems")
    await ann.say("pain 14 numbness 2 tingling 3 balance 1")
    await ann.say("I have a new blister on my heel")
    await ann.say("/today")
    await ann.say("/history")


if __name__ == "__main__":
    import asyncio

    sys.exit(asyncio.run(run_demo(database_url="sqlite:///coach-demo.db")))
