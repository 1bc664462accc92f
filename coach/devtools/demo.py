"""`coach demo`: the real bot against the local emulator, a whole week in seconds.

The bot, its database and the emulator are all real; only the clock is simulated. It starts on
a Sunday morning in Berlin, and moves forward five minutes at a time, running the reminders
tick at each step exactly as the JobQueue would. Ann onboards, gets every reminder of her
week and answers them as a person might: sessions done, partly, snoozed and skipped, one
check-in forgotten until the gentle follow-up, a backfilled session, one red flag. On Sunday evening her
weekly review arrives with its chart. The chat prints as a transcript.
"""

from __future__ import annotations

import sys
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.bot import flood
from coach.bot.runtime import RUNTIME_KEY
from coach.core.clock import FrozenClock
from coach.core.config import load_settings
from coach.devtools.demo_files import save_demo_files
from coach.devtools.emulator.runner import EmulatorThread
from coach.devtools.person import Person
from coach.devtools.running import running_bot, settled
from coach.domain.symptoms import format_day
from coach.store.db import make_engine
from coach.store.migrate import upgrade

DEMO_TOKEN = "123456789:" + "demo-token-for-the-local-emulator"[:33].ljust(33, "x")
DEMO_USER = 10_001
DEMO_ADMIN = 90_001
BERLIN = ZoneInfo("Europe/Berlin")
# Sunday 22 November 2026, 10:00 in Berlin; the week runs to the next Sunday evening's review and
# the admins' digest on Monday morning.
DEMO_START = datetime(2026, 11, 22, 10, 0, tzinfo=BERLIN).astimezone(UTC)
DEMO_END = DEMO_START + timedelta(days=7, hours=22, minutes=5)
STEP = timedelta(minutes=5)
DEMO_WEB_PORT = 8081

# Ann's week: what she types at each daily check-in reminder (None: she misses it at first).
CHECKIN_REPLIES = {
    "Sun": "3 2 2 1", "Mon": "4 2 3 1 a bit sore after the session", "Tue": "my pain is about a 3 today",
    "Wed": "same as yesterday", "Thu": None, "Fri": "pain 3 numbness 2 tingling 2 balance 1",
    "Sat": "p2 n2 t2 b1 good walk today",
}


async def run_demo(*, database_url: str, web: bool = False) -> int:
    """Run the week and print the chat as a transcript; with `web`, then keep the dashboard open on it."""
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)  # a fresh demo each time
    upgrade(database_url)
    engine = make_engine(database_url)
    clock = FrozenClock(DEMO_START)
    with EmulatorThread() as emulator:
        settings = load_settings(env_file=None, telegram_bot_token=DEMO_TOKEN, telegram_api_base_url=emulator.base_url,
                                 database_url=database_url, coach_admin_ids=str(DEMO_ADMIN),
                                 coach_default_timezone="Europe/Berlin",
                                 coach_tick_seconds=3600,  # the demo runs each tick itself, on its clock
                                 coach_web_port=DEMO_WEB_PORT)
        async with running_bot(settings, engine=engine, clock=clock) as application:
            # Ann answers each message the moment it has arrived (no pause to guess), at the pace of the simulated
            # week as the flood guard sees it.
            ann = Person(emulator.client, DEMO_USER, "Ann", settled=settled(application, emulator.client))
            flood.installed_limiter(application).clock = lambda: clock.now().timestamp()
            week = DemoWeek(ann, clock, application.bot_data[RUNTIME_KEY].reminders)
            await week.onboard()
            await week.live()
            violations = emulator.client.violations()
            admin_alerts = [m["text"] for m in emulator.client.messages(DEMO_ADMIN)]
            sends = len(emulator.client.calls("sendMessage"))
            saved = save_demo_files(engine, database_url=database_url, telegram_id=DEMO_USER,
                                    today=clock.now().astimezone(BERLIN).date())
            print("\n\n".join(ann.transcript))
            print("\n— What the admin received: alerts, and Monday's digest —")
            print("\n\n".join(admin_alerts) or "(none)")
            print(f"\nA simulated week: {sends} messages sent; Bot API calls the method table rejected: "
                  f"{len(violations)}")
            print("\n".join(saved))
            if web:
                await serve_demo_dashboard(settings, engine=engine, clock=clock, application=application)
    engine.dispose()
    return 0 if not violations else 1


async def serve_demo_dashboard(settings, *, engine, clock: FrozenClock, application) -> None:  # noqa: ANN001
    """The dashboard on the demo's data, at the demo's (stopped) clock, until Ctrl-C; a sign-in link printed."""
    link, server = await demo_dashboard(settings, engine=engine, clock=clock, application=application)
    print(f"\n— The care team's dashboard, on this week's data (Ctrl-C to stop) —\n{link}")
    await server.serve()


async def demo_dashboard(settings, *, engine, clock: FrozenClock, application):  # noqa: ANN001, ANN201
    """(the admin's sign-in message, a uvicorn server for the dashboard, not yet serving)."""
    import uvicorn

    from coach.services.admin import dashboard_links
    from coach.web.app import create_app
    from coach.web.tell import BotTeller

    runner = application.bot_data[RUNTIME_KEY].runner
    outcome = await runner.run_async(lambda ctx: dashboard_links.issue(ctx, DEMO_ADMIN, base_url=settings.web_url()))
    app = create_app(settings, engine=engine, clock=clock, teller=BotTeller(
        application.bot, owns_bot=False, outbound=application.bot_data[RUNTIME_KEY].outbound))
    server = uvicorn.Server(uvicorn.Config(app, host=settings.coach_web_host, port=settings.coach_web_port,
                                           access_log=False, log_level="warning"))
    return outcome.replies[0].text, server


class DemoWeek:
    """Moves the clock, runs the ticks, and answers each reminder the way Ann would."""

    def __init__(self, ann: Person, clock: FrozenClock, reminders) -> None:  # noqa: ANN001
        self.ann = ann
        self.clock = clock
        self.reminders = reminders
        self.snoozed_on: set[str] = set()

    def stamp(self) -> None:
        self.ann.note(self._stamp_line())

    async def onboard(self) -> None:
        self.stamp()
        ann = self.ann
        await ann.say("/start")
        await ann.press("✅ I agree")
        for _ in range(7):
            await ann.press("No")
        await ann.press("Diabetic neuropathy")
        await ann.say("Berlin")
        await ann.press("👍 Sounds good")
        await ann.say("/today")

    async def live(self) -> None:
        """Tick through the week; answer whatever arrives."""
        while self.clock.now() < DEMO_END:
            self.clock.advance(STEP)
            await self.reminders.tick()
            arrived = [m for m in await self.ann.incoming() if m.get("text")]
            if arrived:
                self.ann.transcript.insert(len(self.ann.transcript) - len(arrived), self._stamp_line())
            for message in arrived:
                await self.answer(message["text"])
            await self.extras()

    def _stamp_line(self) -> str:
        local = self.clock.now().astimezone(BERLIN)
        return f"🕰  {format_day(local.date())}, {local:%H:%M} (Berlin)"

    async def answer(self, text: str) -> None:
        day = format_day(self.clock.now().astimezone(BERLIN).date())[:3]
        ann = self.ann
        if text.startswith("Time for your daily check-in"):
            reply = CHECKIN_REPLIES.get(day)
            if reply is not None:
                await ann.say(reply)
                if day == "Tue":  # she gave pain only: the rest by buttons
                    for label in ("2", "2", "1"):
                        await ann.press(label)
                await self._foot_check()
        elif text.startswith("Just a gentle nudge"):
            await ann.say("4 3 3 2 long day, sorry")
            await self._foot_check()
        elif "Training day" in text:
            await self.session(day, snoozed=text.startswith("⏰"))

    async def session(self, day: str, *, snoozed: bool) -> None:
        ann = self.ann
        if day == "Mon":
            await ann.press("✅ Done")
            for label in ("5", "2", "As planned"):
                await ann.press(label)
        elif day == "Wed" and not snoozed:
            await ann.press("⏰ Snooze 30 min")
        elif day == "Wed":
            await ann.press("🌓 Partly")
            for label in ("6", "3", "Fewer than planned"):
                await ann.press(label)
        elif day == "Fri":
            await ann.press("Skip today")

    async def _foot_check(self) -> None:
        with suppress(LookupError):  # not asked this time
            await self.ann.press("No new problems")

    async def extras(self) -> None:
        """Things Ann does on her own initiative, at set moments."""
        local = self.clock.now().astimezone(BERLIN)
        day, at = format_day(local.date())[:3], local.strftime("%H:%M")
        if (day, at) == ("Tue", "12:00"):
            self.stamp()
            await self.ann.say("/schedule checkin 20:30")
        elif (day, at) == ("Wed", "12:00"):
            self.stamp()
            await self.ann.say("is 10 the worst for balance too?")
        elif (day, at) == ("Thu", "13:00"):
            self.stamp()
            await self.ann.say("feet burning more at night, barely slept")
        elif (day, at) == ("Sat", "11:00"):
            self.stamp()
            await self.ann.say("/log fri done rpe 4 pain 1 reps planned")
            await self.ann.say("I have a new blister on my heel")
            await self.ann.say("/today")


if __name__ == "__main__":
    import asyncio

    sys.exit(asyncio.run(run_demo(database_url="sqlite:///coach-demo.db")))
