"""Training sessions through Telegram: the reminder's buttons, the questions after Done, snooze, /log,
/today and /week. The clock is frozen and moved by each test.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from coach.devtools.person import texts_of
from coach.services.training.callbacks import ReminderAction, SessionAnswer, SessionQuestion, SessionReminderPress
from coach.store.db import session_scope
from coach.store.models import Participant, Reminder, SessionLog
from tests.helpers.bot_world import START, onboard

# Mon 23 Nov 2026, 18:00 Berlin = 17:00 UTC: a default training day's session reminder.
MONDAY_SESSION = START + timedelta(days=2)


def _logs(world, telegram_id):
    with session_scope(world.engine) as session:
        pid = session.exec(select(Participant.id).where(Participant.telegram_id == telegram_id)).one()
        return [(log.local_date.isoformat(), log.status, log.rpe, log.pain, log.reps)
                for log in session.exec(select(SessionLog).where(SessionLog.participant_id == pid)
                                        .order_by(SessionLog.local_date))]


async def _session_reminder(world, person):
    """Move to Monday 18:00 Berlin and let the tick send the session reminder; returns its message."""
    world.clock.set(MONDAY_SESSION - timedelta(days=1))
    await world.tick()
    world.clock.set(MONDAY_SESSION + timedelta(seconds=10))
    await world.tick()
    reminders = [m for m in await person.messages() if "Training day" in (m.get("text") or "")]
    assert len(reminders) == 1
    return reminders[0]


async def test_done_asks_effort_pain_and_reps_then_saves_the_session(world):
    """Done → effort 6 → pain 2 → '2+ more': one stored session, confirmed in words, the buttons gone."""
    ann = world.person(4001, "Ann")
    await onboard(ann)
    reminder = await _session_reminder(world, ann)
    labels = [b["text"] for row in reminder["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["✅ Done", "🌓 Partly", "Skip today", "⏰ Snooze 30 min"]
    changed = await ann.press("✅ Done")
    assert "How hard did it feel" in texts_of(changed)
    edited = [m for m in changed if m["message_id"] == reminder["message_id"]]
    assert edited and "Mon 23 Nov: done" in edited[0]["text"] and not edited[0].get("reply_markup")
    assert "nerve pain during the session" in texts_of(await ann.press("6"))
    assert "target reps" in texts_of(await ann.press("2"))
    final = texts_of(await ann.press("2+ more"))
    assert "Saved: session Mon 23 Nov: done · effort 6 · pain during 2 · reps 2+ more" in final
    assert _logs(world, 4001) == [("2026-11-23", "done", 6, 2, "more")]
    today = texts_of(await ann.say("/today"))
    assert "Session: done · effort 6 · pain during 2" in today
    assert "Sessions: 1 done — of 1 planned so far (100%)" in texts_of(await ann.say("/week"))


async def test_high_pain_during_a_session_gets_a_word_of_care_never_push_through(world):
    """Pain 7 during the session: saved, and the answer says to ease off and see the clinician if it persists."""
    bea = world.person(4002, "Bea")
    await onboard(bea)
    await _session_reminder(world, bea)
    await bea.press("🌓 Partly")
    await bea.press("8")
    await bea.press("7")
    final = texts_of(await bea.press("Fewer than planned"))
    assert "partly done · effort 8 · pain during 7 · reps fewer than planned" in final
    assert "never push through it" in final and "clinician" in final
    assert _logs(world, 4002) == [("2026-11-23", "partly", 8, 7, "fewer")]


async def test_skip_today_is_logged_and_the_snoozed_reminder_is_not_sent(world):
    """Skip today: a skipped session, a kind word; pressing Snooze afterwards changes nothing."""
    cal = world.person(4003, "Cal")
    await onboard(cal)
    await _session_reminder(world, cal)
    assert "Rest is part of training" in texts_of(await cal.press("Skip today"))
    assert _logs(world, 4003) == [("2026-11-23", "skipped", None, None, None)]
    reminder = [m for m in await cal.messages() if "Training day" in (m.get("text") or "")][0]
    assert not reminder.get("reply_markup"), "the pressed reminder keeps no buttons"
    await cal.press_data(reminder["message_id"], _reminder_data_of(world, 4003, "z"))
    assert world.emulator.client.callback_answers()[-1]["text"] == "You've already logged today's session."
    world.clock.set(MONDAY_SESSION + timedelta(minutes=31))
    before = len(await cal.messages())
    await world.tick()
    assert len(await cal.messages()) == before


async def test_snooze_sends_the_reminder_again_thirty_minutes_later_once(world):
    """Snooze at 18:00: nothing at 18:29, the reminder again at 18:30 with its buttons, and only once."""
    dan = world.person(4004, "Dan")
    await onboard(dan)
    await _session_reminder(world, dan)
    changed = await dan.press("⏰ Snooze 30 min")
    assert "I'll remind you again at 18:30" in texts_of(changed)
    before = len(await dan.messages())
    world.clock.set(MONDAY_SESSION + timedelta(minutes=29))
    await world.tick()
    assert len(await dan.messages()) == before
    world.clock.set(MONDAY_SESSION + timedelta(minutes=30, seconds=5))
    await world.tick()
    world.clock.set(MONDAY_SESSION + timedelta(minutes=45))
    await world.tick()
    new = (await dan.messages())[before:]
    assert len(new) == 1 and new[0]["text"].startswith("⏰ Here's your snoozed reminder")
    await dan.press("✅ Done")
    await dan.press("5")
    assert _logs(world, 4004)[0][:3] == ("2026-11-23", "done", 5)


async def test_log_command_saves_backfills_and_refuses_what_it_cannot_read(world):
    """/log with every part; a backfill by date; bad values and too-old dates store nothing."""
    eve = world.person(4005, "Eve")
    await onboard(eve)
    world.clock.set(MONDAY_SESSION + timedelta(hours=1))
    reply = texts_of(await eve.say("/log done rpe 6 pain 3 reps more"))
    assert "Saved: session Mon 23 Nov: done · effort 6 · pain during 3 · reps 2+ more" in reply
    reply = texts_of(await eve.say("/log 2026-11-20 skipped"))
    assert "Fri 20 Nov: skipped" in reply
    for bad, expected in (("/log done rpe 11", "0 to 10"), ("/log finished pain", "needs a value"),
                          ("/log walked", "done, partly or skipped"),
                          ("/log 2026-11-10 done", "more than 7 days ago"),
                          ("/log tomorrow done", "in the future"),
                          ("/log done rpe 5 rpe 6", "given twice"),
                          ("/log skipped rpe 4", "no effort")):
        assert expected in texts_of(await eve.say(bad)), bad
    assert _logs(world, 4005) == [("2026-11-20", "skipped", None, None, None),
                                  ("2026-11-23", "done", 6, 3, "more")]
    reply = texts_of(await eve.say("/log partly"))
    assert "replaces your earlier entry" in reply and "rpe 6 pain 2 reps planned" in reply
    assert _logs(world, 4005)[-1] == ("2026-11-23", "partly", None, None, None)


async def test_bare_log_offers_buttons_for_today(world):
    """/log alone: Done / Partly / Skipped buttons that log today's session."""
    fay = world.person(4006, "Fay")
    await onboard(fay)
    assert "How did today's session go?" in texts_of(await fay.say("/log"))
    await fay.press("Skipped")
    assert _logs(world, 4006) == [(START.date().isoformat(), "skipped", None, None, None)]


async def test_someone_elses_session_buttons_change_nothing(world):
    """A forged press naming another participant's reminder or session log is refused and stores nothing."""
    gus, hana = world.person(4007, "Gus"), world.person(4008, "Hana")
    await onboard(gus)
    await onboard(hana)
    reminder = await _session_reminder(world, gus)
    data = _reminder_data(reminder, "d")
    await hana.say("/help")
    await hana.press_data(reminder["message_id"], data)
    assert world.emulator.client.callback_answers()[-1]["text"] == "That button isn't for you."
    assert _logs(world, 4008) == [] and _logs(world, 4007) == []
    await gus.press("✅ Done")
    with session_scope(world.engine) as session:
        log_id = session.exec(select(SessionLog.id)).one()
    gus_id, hana_id = _participant_id(world, 4007), _participant_id(world, 4008)
    for owner in (gus_id, hana_id):  # Gus's data as it was sent, and the same with Hana's own id forged in
        await hana.press_data(reminder["message_id"], SessionAnswer(owner, log_id, SessionQuestion.RPE, 3).encode())
        assert world.emulator.client.callback_answers()[-1]["text"] == "That button isn't for you."
    assert _logs(world, 4007) == [("2026-11-23", "done", None, None, None)]


async def test_week_counts_sessions_against_the_plan_and_averages_check_ins(world):
    """Wednesday: Monday done, Wednesday partly, check-ins on two days — the week in numbers."""
    ivy = world.person(4009, "Ivy")
    await onboard(ivy)
    world.clock.set(MONDAY_SESSION + timedelta(days=2, hours=2))  # Wed 25 Nov, 20:00 Berlin
    await ivy.say("/log mon done rpe 5 pain 2 reps planned")
    await ivy.say("/log partly rpe 7 pain 4 reps fewer")
    await ivy.say("/checkin yesterday pain 2 numbness 2 tingling 2 balance 2")
    await ivy.say("pain 4 numbness 2 tingling 3 balance 1")
    week = texts_of(await ivy.say("/week"))
    assert "Mon 23 Nov – Wed 25 Nov" in week
    assert "Sessions: 1 done, 1 partly — of 2 planned so far (75%)" in week
    assert "Session averages: effort 6 · pain during 3" in week
    assert "Check-ins: 2 of 3 days" in week
    assert "pain 3 · numbness 2 · tingling 2.5 · balance 1.5" in week


def _reminder_data(message, action: str) -> str:
    for row in message["reply_markup"]["inline_keyboard"]:
        for button in row:
            if button["callback_data"].endswith(f":{action}"):
                return button["callback_data"]
    raise LookupError(action)



def _participant_id(world, telegram_id: int) -> int:
    with session_scope(world.engine) as session:
        return session.exec(select(Participant.id).where(Participant.telegram_id == telegram_id)).one()


def _reminder_data_of(world, telegram_id: int, action: str) -> str:
    """The callback data a session reminder button of this participant carries (built from the stored id)."""
    pid = _participant_id(world, telegram_id)
    with session_scope(world.engine) as session:
        reminder_id = session.exec(select(Reminder.id).where(Reminder.participant_id == pid,
                                                             Reminder.kind == "session")).one()
    return SessionReminderPress(pid, reminder_id, ReminderAction(action)).encode()


async def test_tapping_done_after_a_full_log_keeps_the_answers(world):
    """/log done rpe 6 pain 3 reps more, then Done on the reminder: nothing wiped, no questions again."""
    jo = world.person(4010, "Jo")
    await onboard(jo)
    await _session_reminder(world, jo)
    await jo.say("/log done rpe 6 pain 3 reps more")
    reply = texts_of(await jo.press("✅ Done"))
    assert "How hard did it feel" not in reply and "replaces your earlier entry" in reply
    assert _logs(world, 4010) == [("2026-11-23", "done", 6, 3, "more")]


async def test_a_log_button_from_yesterday_is_stale(world):
    """Bare /log at 23:58, tapped after midnight: refused rather than filed under the new day."""
    kim = world.person(4011, "Kim")
    await onboard(kim)
    world.clock.set(START + timedelta(hours=5, minutes=58))  # Sat 23:58 Berlin
    await kim.say("/log")
    world.clock.set(START + timedelta(hours=6, minutes=1))  # Sun 00:01 Berlin
    await kim.press("✅ Done")
    assert world.emulator.client.callback_answers()[-1]["text"] == "That button is no longer active."
    assert _logs(world, 4011) == []
