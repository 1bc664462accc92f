"""Changing when reminders come — typed and with buttons — pausing, resuming, the one gentle
follow-up and the weekly message. The clock is frozen; each tick runs when the test says.
"""

from __future__ import annotations

from datetime import timedelta

from coach.devtools.person import texts_of
from tests.helpers.bot_world import START, onboard, texts_since

# START is Sat 21 Nov 2026, 18:00 Berlin (17:00 UTC).
CHECKIN_DUE = START + timedelta(hours=2)  # 20:00 Berlin
FOLLOW_UP_DUE = START + timedelta(hours=4)  # 22:00 Berlin: the latest a follow-up comes



async def test_a_typed_schedule_change_moves_the_next_reminder(world):
    """/schedule checkin 21:15: nothing at 20:00, the reminder at 21:15, once."""
    ann = world.person(5001, "Ann")
    await onboard(ann)
    await world.tick()  # planned for 20:00 before the change
    reply = texts_of(await ann.say("/schedule checkin 21:15"))
    assert "Schedule updated" in reply and "Daily check-in: every day at 21:15" in reply
    before = len(await ann.messages())
    world.clock.set(CHECKIN_DUE + timedelta(seconds=5))
    await world.tick()
    assert await texts_since(ann, before) == []
    world.clock.set(CHECKIN_DUE + timedelta(minutes=75, seconds=5))
    await world.tick()
    world.clock.set(CHECKIN_DUE + timedelta(minutes=80))
    await world.tick()
    texts = await texts_since(ann, before)
    assert len(texts) == 1 and "daily check-in" in texts[0]


async def test_schedule_sessions_and_review_changes_and_mistakes(world):
    """Training days and the review day change; an unreadable change says how to write it and keeps the old."""
    bo = world.person(5002, "Bo")
    await onboard(bo)
    reply = texts_of(await bo.say("/schedule sessions tue,thu 7:30am"))
    assert "Training sessions: Tue, Thu at 07:30" in reply
    reply = texts_of(await bo.say("/schedule review sat 10:00"))
    assert "Weekly review: Sat at 10:00" in reply
    for bad, expected in (("/schedule checkin 25:00", "HH:MM"), ("/schedule lunch 12:00", "not “lunch”"),
                          ("/schedule sessions someday 18:00", "couldn't read the days")):
        assert expected in texts_of(await bo.say(bad)), bad
    shown = texts_of(await bo.say("/schedule"))
    assert "Tue, Thu at 07:30" in shown and "every day at 20:00" in shown and "Sat at 10:00" in shown


async def test_schedule_buttons_change_the_checkin_time_and_training_days(world):
    """/schedule → Check-in time → 19:00; → Training days → Tue, Thu, Sat."""
    cy = world.person(5003, "Cy")
    await onboard(cy)
    await cy.say("/schedule")
    await cy.press("⏰ Check-in time")
    reply = texts_of(await cy.press("19:00"))
    assert "Daily check-in: every day at 19:00" in reply
    await cy.say("/schedule")
    await cy.press("📅 Training days")
    reply = texts_of(await cy.press("Tue, Thu, Sat"))
    assert "Training sessions: Tue, Thu, Sat at 18:00" in reply
    # At 19:00 Berlin (18:00 UTC) the moved check-in reminder arrives.
    before = len(await cy.messages())
    world.clock.set(START + timedelta(hours=1, seconds=5))
    await world.tick()
    assert any("daily check-in" in t for t in await texts_since(cy, before))


async def test_pause_stops_reminders_for_the_days_given_and_they_resume_by_themselves(world):
    """/pause 2 on Saturday: no reminders Saturday or Sunday; Monday's come again."""
    dee = world.person(5004, "Dee")
    await onboard(dee)
    assert "through Sun 22 Nov" in texts_of(await dee.say("/pause 2"))
    assert "paused through Sun 22 Nov" in texts_of(await dee.say("/schedule"))
    before = len(await dee.messages())
    for day in (0, 1):
        world.clock.set(CHECKIN_DUE + timedelta(days=day, seconds=5))
        await world.tick()
    assert await texts_since(dee, before) == []
    assert ("checkin", "2026-11-22", "skipped", "paused") in world.reminders_of(5004)
    world.clock.set(CHECKIN_DUE + timedelta(days=2, seconds=5))
    await world.tick()
    assert any("daily check-in" in t for t in await texts_since(dee, before))


async def test_pause_until_resume_and_resume(world):
    """/pause with no number holds reminders until /resume; /resume brings the next one back."""
    eve = world.person(5005, "Eve")
    await onboard(eve)
    assert "until you send /resume" in texts_of(await eve.say("/pause"))
    before = len(await eve.messages())
    world.clock.set(CHECKIN_DUE + timedelta(seconds=5))
    await world.tick()
    assert await texts_since(eve, before) == []
    for bad in ("/pause 0", "/pause 400", "/pause soon", "/pause ²"):
        assert "/pause 7" in texts_of(await eve.say(bad)), bad
    assert "on again" in texts_of(await eve.say("/resume"))
    assert "aren't paused" in texts_of(await eve.say("/resume"))
    before = len(await eve.messages())
    world.clock.set(CHECKIN_DUE + timedelta(days=1, seconds=5))
    await world.tick()
    assert any("daily check-in" in t for t in await texts_since(eve, before))


async def test_one_gentle_follow_up_when_the_checkin_goes_unanswered(world):
    """20:00 reminder unanswered: one nudge at 22:00, none after; a day checked in gets no nudge."""
    fin = world.person(5006, "Fin")
    await onboard(fin)
    await world.tick()
    before = len(await fin.messages())
    world.clock.set(CHECKIN_DUE + timedelta(seconds=5))
    await world.tick()
    for minutes in (60, 119):
        world.clock.set(CHECKIN_DUE + timedelta(minutes=minutes))
        await world.tick()
    assert len(await texts_since(fin, before)) == 1
    for minutes in (0, 5, 60):
        world.clock.set(FOLLOW_UP_DUE + timedelta(minutes=minutes, seconds=5))
        await world.tick()
    texts = await texts_since(fin, before)
    assert len(texts) == 2 and "gentle nudge" in texts[1] and "won't ask again today" in texts[1]
    # Sunday: reminded, then checked in before 22:00 — no nudge.
    world.clock.set(CHECKIN_DUE + timedelta(days=1, seconds=5))
    await world.tick()
    await fin.say("3 2 2 1")
    before = len(await fin.messages())
    world.clock.set(FOLLOW_UP_DUE + timedelta(days=1, seconds=5))
    await world.tick()
    assert await texts_since(fin, before) == []
    assert ("checkin_followup", "2026-11-22", "skipped", "already checked in") in world.reminders_of(5006)


async def test_the_weekly_message_comes_at_review_time_with_the_clinician_prompt(world):
    """Sunday 19:00 Berlin: the week in numbers, and always the prompt to talk to the clinician — but not
    on the day after joining, when there is no week to look back on."""
    gil = world.person(5007, "Gil")
    await onboard(gil)
    world.clock.set(START + timedelta(hours=20))  # Sun 22 Nov, 14:00 Berlin
    await world.tick()
    before = len(await gil.messages())
    world.clock.set(START + timedelta(days=1, hours=1, seconds=5))  # Sun 22 Nov, 19:00 Berlin
    await world.tick()
    assert not any("weekly review" in t for t in await texts_since(gil, before))
    assert ("review", "2026-11-22", "skipped", "joined too recently") in world.reminders_of(5007)
    world.clock.set(START + timedelta(days=4))  # Wed 25 Nov
    await gil.say("p2 n1 t1 b0")
    world.clock.set(START + timedelta(days=7, hours=20))  # Sun 29 Nov, 14:00 Berlin
    await world.tick()
    before = len(await gil.messages())
    world.clock.set(START + timedelta(days=8, hours=1, seconds=5))  # Sun 29 Nov, 19:00 Berlin
    await world.tick()
    weekly = [t for t in await texts_since(gil, before) if "Your weekly review" in t]
    assert len(weekly) == 1
    assert "Check-ins 1 of 7 days" in weekly[0] and "talk this through with your clinician" in weekly[0]


async def test_the_weekly_message_after_a_red_flag_holds_training_and_covers_seven_days(world):
    """A blister reported on Thursday: Sunday's review suggests seeing a clinician, says training stays seated and
    lying — never 'keep the plan' — covers the week that has ended (Sunday to Saturday), gives the foot wound's
    instruction, and still ends with the clinician prompt."""
    hal = world.person(5008, "Hal")
    await onboard(hal, condition="Diabetic neuropathy")
    world.clock.set(START + timedelta(days=5))  # Thu 26 Nov
    await hal.say("I have a new blister on my heel")
    world.clock.set(START + timedelta(days=7, hours=20))  # Sun 29 Nov, 14:00 Berlin
    await world.tick()
    before = len(await hal.messages())
    world.clock.set(START + timedelta(days=8, hours=1, seconds=5))  # Sun 29 Nov, 19:00 Berlin
    await world.tick()
    (weekly,) = [t for t in await texts_since(hal, before) if "Your weekly review" in t]
    assert "📋 Sun 22 – Sat 28 Nov" in weekly
    assert "Seated and lying exercises only — no weight through your feet" in weekly and "Keep the plan" not in weekly
    assert "🩺 Suggestion: no step up — get this checked soon." in weekly
    assert "A foot wound or blister: see your foot team, GP or podiatrist today." in weekly
    assert weekly.endswith("If symptoms suddenly get worse, stop and seek care.")
    assert weekly.count("talk this through with your clinician") == 1
