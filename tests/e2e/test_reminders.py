"""Reminders through Telegram: planned from the schedule, sent once at local time, honest about failure.

The clock is frozen and moved by each test; each tick runs when the test says, as the JobQueue would.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import select

from coach.store.db import session_scope
from coach.store.models import Participant
from tests.helpers.bot_world import START, onboard, texts_since

# START is Sat 21 Nov 2026, 18:00 in Berlin; the default check-in is at 20:00 Berlin (19:00 UTC).
CHECKIN_DUE = START + timedelta(hours=2)
# Mon 23 Nov, 18:00 Berlin = 17:00 UTC: the first training-day session reminder.
MONDAY_SESSION = START + timedelta(days=2)


def _status(world, telegram_id):
    with session_scope(world.engine) as session:
        return session.exec(select(Participant.status).where(Participant.telegram_id == telegram_id)).one()



async def test_the_checkin_reminder_arrives_at_local_time_exactly_once(world):
    """Nothing before 20:00 Berlin; at 20:00 one reminder; later ticks and a replan send no second one."""
    ann = world.person(3001, "Ann")
    await onboard(ann)
    before = len(await ann.messages())
    await world.tick()
    assert await texts_since(ann, before) == []
    world.clock.set(CHECKIN_DUE + timedelta(seconds=20))
    report = await world.tick()
    assert report.sent == 1
    texts = await texts_since(ann, before)
    assert len(texts) == 1 and "daily check-in" in texts[0] and "0 to 10" in texts[0]
    for minutes in (1, 5, 30):
        world.clock.set(CHECKIN_DUE + timedelta(minutes=minutes))
        await world.tick()
    assert len(await texts_since(ann, before)) == 1
    assert ("checkin", "2026-11-21", "sent", None) in world.reminders_of(3001)


async def test_no_checkin_reminder_once_today_is_checked_in_and_a_reply_to_it_is_the_checkin(world):
    """Checked in at 19:00 local: the 20:00 reminder is skipped. Next day, a plain reply to it is stored."""
    bo = world.person(3002, "Bo")
    await onboard(bo)
    await bo.say("p3 n2 t2 b1")
    before = len(await bo.messages())
    world.clock.set(CHECKIN_DUE + timedelta(seconds=5))
    await world.tick()
    assert await texts_since(bo, before) == []
    assert ("checkin", "2026-11-21", "skipped", "already checked in") in world.reminders_of(3002)
    world.clock.set(CHECKIN_DUE + timedelta(days=1, seconds=5))
    await world.tick()
    assert "daily check-in" in (await texts_since(bo, before))[-1]
    reply = await bo.say("4 3 2 1 sore after the walk")
    assert "Saved for Sun 22 Nov: pain 4 · numbness 3 · tingling 2 · balance 1" in reply[-1]["text"]


async def test_after_a_six_hour_outage_late_reminders_expire_instead_of_arriving_in_a_burst(world):
    """The bot was down from 19:00 to 01:00 UTC: the 20:00 check-in reminder is expired, not sent at 02:00."""
    cy = world.person(3003, "Cy")
    await onboard(cy)
    await world.tick()  # planned while up
    before = len(await cy.messages())
    world.clock.set(CHECKIN_DUE + timedelta(hours=6))
    report = await world.tick()
    assert report.sent == 0 and report.expired >= 1
    assert await texts_since(cy, before) == []
    assert ("checkin", "2026-11-21", "expired", "past its grace window") in world.reminders_of(3003)


async def test_training_days_get_the_session_reminder_with_todays_exercises(world):
    """Monday 18:00 Berlin: the session reminder lists the starter exercises with sets, reps and load."""
    dee = world.person(3004, "Dee")
    await onboard(dee)
    before = len(await dee.messages())
    world.clock.set(MONDAY_SESSION - timedelta(days=1))  # Sunday: plans through Monday
    await world.tick()
    world.clock.set(MONDAY_SESSION + timedelta(seconds=10))
    await world.tick()
    texts = await texts_since(dee, before)
    session = [t for t in texts if "Training day" in t]
    assert len(session) == 1
    assert "Sit-to-stand from a chair — 2 × 8 (bodyweight)" in session[0]
    assert "Wall push-up" in session[0] and "stop and rest" in session[0]


async def test_no_session_reminder_before_clearance(world):
    """Someone who answered yes in the screening gets check-in reminders but no training until /cleared."""
    eve = world.person(3005, "Eve")
    await onboard(eve, yes_to=1)
    world.clock.set(MONDAY_SESSION - timedelta(days=1))
    await world.tick()
    before = len(await eve.messages())
    world.clock.set(MONDAY_SESSION + timedelta(seconds=10))
    await world.tick()
    assert not any("Training day" in t for t in await texts_since(eve, before))
    assert ("session", "2026-11-23", "skipped", "not cleared") in world.reminders_of(3005)


async def test_a_blocked_chat_marks_the_participant_inactive_until_they_start_again(world):
    """403 from Telegram: inactive, their queued reminders stop; /start brings the next ones back."""
    fin = world.person(3006, "Fin")
    await onboard(fin)
    await world.tick()
    world.emulator.client.block_chat(3006)
    world.clock.set(CHECKIN_DUE + timedelta(seconds=5))
    report = await world.tick()
    assert report.failed == 1
    assert _status(world, 3006) == "inactive"
    assert ("checkin", "2026-11-22", "skipped", "participant blocked the bot") in world.reminders_of(3006)
    world.emulator.client.unblock_chat(3006)
    await fin.say("/start")
    assert _status(world, 3006) == "active"
    world.clock.set(CHECKIN_DUE + timedelta(days=2, seconds=5))
    before = len(await fin.messages())
    await world.tick()
    assert any("daily check-in" in t for t in await texts_since(fin, before))


async def test_a_429_pauses_sending_and_the_reminder_goes_out_afterwards_once(world):
    """Telegram says 'retry after 1 s': nothing more is sent meanwhile, and the reminder is not lost."""
    gil = world.person(3007, "Gil")
    await onboard(gil)
    await world.tick()
    before = len(await gil.messages())
    world.emulator.client.rate_limit(3007, retry_after=1, times=1)
    world.clock.set(CHECKIN_DUE + timedelta(seconds=5))
    report = await world.tick()
    assert report.sent == 0 and report.released == 1
    # Its words are stored in the outbox, waiting out the pause: not lost, and not decided a second time.
    assert ("checkin", "2026-11-21", "handed", None) in world.reminders_of(3007)
    assert await texts_since(gil, before) == []
    await asyncio.sleep(1.1)  # Telegram's own pause, in real seconds; the reminder's time is the clock's
    world.clock.set(CHECKIN_DUE + timedelta(seconds=40))
    await world.tick()  # the outbox's sweep sends them, and the reminder ends with them
    assert ("checkin", "2026-11-21", "sent", None) in world.reminders_of(3007)
    assert len(await texts_since(gil, before)) == 1
    world.clock.set(CHECKIN_DUE + timedelta(seconds=80))
    await world.tick()
    assert len(await texts_since(gil, before)) == 1


async def test_a_restart_sends_no_reminder_twice(world, emulator, tmp_path):
    """A second bot process on the same database (a restart) plans and ticks again: still one reminder."""
    from coach.core.config import load_settings
    from coach.devtools.running import running_bot
    from tests.helpers.bot_world import TOKEN

    hal = world.person(3008, "Hal")
    await onboard(hal)
    world.clock.set(CHECKIN_DUE + timedelta(seconds=5))
    await world.tick()
    before = len(await hal.messages())
    settings = load_settings(env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=emulator.base_url,
                             database_url=str(world.engine.url), coach_tick_seconds=3600)
    # The first process is stopped from polling by the second's getUpdates; only ticks matter here.
    async with running_bot(settings, engine=world.engine, clock=world.clock) as second:
        from coach.bot.runtime import RUNTIME_KEY
        await second.bot_data[RUNTIME_KEY].reminders.tick()
        await world.tick()
    assert await texts_since(hal, before) == []
    assert [r for r in world.reminders_of(3008) if r[:2] == ("checkin", "2026-11-21")][0][2] == "sent"
