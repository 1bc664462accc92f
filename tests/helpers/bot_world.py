"""A running bot over PTB's real HTTP client against the local emulator, and the people who talk to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import select
from telegram.ext import Application

from coach.bot.reminder_sender import DispatchReport
from coach.bot.runtime import RUNTIME_KEY
from coach.core.clock import FrozenClock
from coach.devtools.emulator.runner import EmulatorThread
from coach.devtools.person import Person
from coach.devtools.running import settled
from coach.store import reminders as reminder_store
from coach.store.db import session_scope
from coach.store.models import Participant


class HumanPace:
    """The flood limiter's clock in the end-to-end world: each message or tap comes a second after the one before,
    as a person reading the answer would send it. (The tests act the instant an answer has arrived, faster than
    anyone can; the flood tests set a clock of their own.)"""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


TOKEN = "123456789:" + "e2e-test-token-" + "x" * 20
ADMIN_ID = 90_001
SECOND_ADMIN_ID = 90_002
# Saturday 21 November 2026, 17:00 UTC = 18:00 in Berlin.
START = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)


@dataclass
class World:
    emulator: EmulatorThread
    engine: Engine
    clock: FrozenClock
    application: Application

    async def tick(self) -> DispatchReport:
        """One reminders tick at the clock's current instant, as the JobQueue would run it."""
        report = await self.application.bot_data[RUNTIME_KEY].reminders.tick()
        await settled(self.application, self.emulator.client)()
        return report

    def person(self, user_id: int, first_name: str = "Ann") -> Person:
        return Person(self.emulator.client, user_id, first_name,
                      settled=settled(self.application, self.emulator.client))

    def reminders_of(self, telegram_id: int) -> list[tuple[str, str, str, str | None]]:
        """(kind, local date, status, detail) of each of a participant's reminders, in due order."""
        with session_scope(self.engine) as session:
            pid = session.exec(select(Participant.id).where(Participant.telegram_id == telegram_id)).one()
            return [(r.kind, r.local_date.isoformat(), r.status, r.detail)
                    for r in reminder_store.for_participant(connection=session.connection(), participant_id=pid)]


async def texts_since(person: Person, count_before: int) -> list[str]:
    """The texts of the messages in the person's chat after the first `count_before`."""
    return [m["text"] for m in (await person.messages())[count_before:]]


async def onboard(person: Person, *, condition: str = "Peripheral neuropathy", yes_to: int = 0,
                  place: str = "Berlin") -> None:
    """Walk through /start with consent, screening (the first `yes_to` answers yes), condition, zone."""
    await person.say("/start")
    await person.press("✅ I agree")
    for index in range(7):
        await person.press("Yes" if index < yes_to else "No")
    await person.press(condition)
    await person.say(place)
    await person.press("👍 Sounds good")
