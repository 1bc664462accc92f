"""The daily check-in through Telegram: buttons, every typed form, one-shot and backfill."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from coach.devtools.person import texts_of
from coach.store.db import session_scope
from coach.store.models import CheckIn, CheckInRevision, Participant
from tests.helpers.bot_world import onboard

TODAY = date(2026, 11, 21)  # Saturday, in Berlin at the frozen instant


def _checkins(world, telegram_id):
    with session_scope(world.engine) as session:
        pid = session.exec(select(Participant.id).where(Participant.telegram_id == telegram_id)).one()
        rows = session.exec(select(CheckIn).where(CheckIn.participant_id == pid).order_by(CheckIn.local_date)).all()
        return [(c.local_date, c.pain, c.numbness, c.tingling, c.balance, c.note, c.foot_problem) for c in rows]


async def test_button_checkin_edits_one_message_and_confirms_what_it_stored(world):
    """Four taps fill one edited message; the confirmation names each item with its value."""
    ann = world.person(2001)
    await onboard(ann)
    sent = await ann.say("/checkin")
    assert len(sent) == 1 and "Pain right now?" in sent[0]["text"]
    for value in ("4", "2", "3"):
        changed = await ann.press(value)
        assert [m["message_id"] for m in changed] == [sent[0]["message_id"]]  # edited, not a new message
    final = texts_of(await ann.press("1"))
    assert "Saved for Sat 21 Nov: pain 4 · numbness 2 · tingling 3 · balance 1" in final
    assert _checkins(world, 2001) == [(TODAY, 4, 2, 3, 1, None, None)]


async def test_diabetic_participants_also_get_the_foot_check(world):
    """After balance, people with diabetic neuropathy are asked about new foot problems."""
    bo = world.person(2002, "Bo")
    await onboard(bo, condition="Diabetic neuropathy")
    await bo.say("/checkin")
    for value in ("3", "5", "2"):
        await bo.press(value)
    assert "Foot check" in texts_of(await bo.press("0"))
    final = texts_of(await bo.press("No new problems"))
    assert "pain 3 · numbness 5 · tingling 2 · balance 0" in final and "no new problems" in final
    assert _checkins(world, 2002) == [(TODAY, 3, 5, 2, 0, None, False)]


@pytest.mark.parametrize(("typed", "stored"), [
    ("pain 4 numbness 2 tingling 3 balance 1", (4, 2, 3, 1, None)),
    ("p4 n2 t3 b1", (4, 2, 3, 1, None)),
    ("4 2 3 1", (4, 2, 3, 1, None)),
    ("pain: 4/10, numbness: 2/10, tingling: 3/10, balance: 1/10", (4, 2, 3, 1, None)),
    ("balance 1 tingling 3 numbness 2 pain 4 - slept badly", (4, 2, 3, 1, "slept badly")),
    ("pain 5 numb 1 burning 6 unsteady 2", (5, 1, 6, 2, None)),
])
async def test_each_typed_form_is_stored_and_confirmed(world, typed, stored):
    """A typed line in any documented form is stored exactly and confirmed item by item."""
    cy = world.person(2003, "Cy")
    await onboard(cy)
    reply = texts_of(await cy.say(typed))
    pain, numb, ting, bal, note = stored
    assert f"Saved for Sat 21 Nov: pain {pain} · numbness {numb} · tingling {ting} · balance {bal}" in reply
    assert _checkins(world, 2003) == [(TODAY, pain, numb, ting, bal, note, None)]


async def test_one_shot_command_and_same_as_yesterday(world):
    """/checkin with scores stores at once; 'same as yesterday' copies the day before."""
    di = world.person(2004, "Di")
    await onboard(di)
    await di.say("/checkin yesterday pain 3 numbness 2 tingling 2 balance 1")
    reply = texts_of(await di.say("same as yesterday"))
    assert "Saved for Sat 21 Nov: pain 3 · numbness 2 · tingling 2 · balance 1" in reply
    assert [row[:5] for row in _checkins(world, 2004)] == [
        (TODAY - timedelta(days=1), 3, 2, 2, 1), (TODAY, 3, 2, 2, 1)]


async def test_backfill_by_date_up_to_seven_days_and_not_beyond(world):
    """A dated check-in 7 days back is stored for that day; 8 days back is refused."""
    ed = world.person(2005, "Ed")
    await onboard(ed)
    ok = texts_of(await ed.say("/checkin 2026-11-14 pain 2 numbness 1 tingling 1 balance 0"))
    assert "Saved for Sat 14 Nov" in ok
    refused = texts_of(await ed.say("/checkin 2026-11-13 pain 2 numbness 1 tingling 1 balance 0"))
    assert "7 days" in refused
    assert [row[0] for row in _checkins(world, 2005)] == [date(2026, 11, 14)]


async def test_a_second_entry_replaces_the_first_and_keeps_it_as_a_revision(world):
    """Checking in twice the same day keeps one entry and one revision."""
    fay = world.person(2006, "Fay")
    await onboard(fay)
    await fay.say("p4 n2 t3 b1")
    reply = texts_of(await fay.say("p6 n2 t3 b1"))
    assert "replaces your earlier entry" in reply
    assert [row[1] for row in _checkins(world, 2006)] == [6]
    with session_scope(world.engine) as session:
        assert [r.pain for r in session.exec(select(CheckInRevision)).all()] == [4]


async def test_today_and_history_show_what_is_stored(world):
    """/today shows today's entry; /history lists recent ones newest first."""
    gus = world.person(2007, "Gus")
    await onboard(gus)
    assert "Check-in: not yet" in texts_of(await gus.say("/today"))
    await gus.say("/checkin yesterday p1 n1 t1 b1")
    await gus.say("p2 n2 t2 b2")
    assert "pain 2 · numbness 2 · tingling 2 · balance 2" in texts_of(await gus.say("/today"))
    history = texts_of(await gus.say("/history"))
    assert history.index("Sat 21 Nov") < history.index("Fri 20 Nov")


async def test_the_local_date_follows_the_participants_zone(world):
    """A check-in is dated by the participant's own calendar: 17:00 UTC is already Sunday in Tokyo."""
    hal = world.person(2008, "Hal")
    await onboard(hal, place="Tokyo")  # 17:00 UTC = 02:00 Sunday 22 Nov in Tokyo
    reply = texts_of(await hal.say("p1 n1 t1 b1"))
    assert "Saved for Sun 22 Nov" in reply


async def test_cancel_stops_a_button_checkin_without_saving(world):
    """/cancel in the middle of the buttons saves nothing; the old buttons then do nothing."""
    ivy = world.person(2009, "Ivy")
    await onboard(ivy)
    await ivy.say("/checkin")
    await ivy.press("4")
    assert "Nothing was saved" in texts_of(await ivy.say("/cancel"))
    await ivy.press("2")  # a stale button on the cancelled message
    assert _checkins(world, 2009) == []
    answers = world.emulator.client.callback_answers()
    assert answers[-1]["text"] == "That button is no longer active."


async def test_a_checkin_line_is_saved_even_while_a_time_zone_is_awaited(world):
    """After a bare /timezone, a check-in line is still a check-in, not an unknown place."""
    kim = world.person(2010, "Kim")
    await onboard(kim)
    await kim.say("/timezone")
    reply = texts_of(await kim.say("p4 n2 t3 b1"))
    assert "Saved for Sat 21 Nov" in reply
    assert "Asia/Tokyo" in texts_of(await kim.say("Tokyo"))  # and the zone can still be set after


async def test_quick_successive_lines_are_stored_and_answered_in_the_order_sent(world):
    """Updates are handled side by side across chats, but one participant's lines never overtake
    each other: the last line sent is the entry kept, the earlier ones its revisions."""
    gus, hal = world.person(2011, "Gus"), world.person(2012, "Hal")
    await onboard(gus)
    await onboard(hal)
    before = len(await gus.messages())
    lines = [f"p{pain} n2 t3 b1" for pain in (3, 5, 7, 9)]
    await world.emulator.client.asend_batch(
        [{"user_id": 2011, "text": line, "first_name": "Gus"} for line in lines]
        + [{"user_id": 2012, "text": "p1 n1 t1 b1", "first_name": "Hal"}])
    replies = await world.emulator.client.await_for_messages(2011, before + len(lines), timeout=20)
    assert await world.emulator.client.await_idle(timeout=20)
    confirmations = [m["text"] for m in replies[before:]]
    assert [text.split("pain ")[1].split(" ")[0] for text in confirmations] == ["3", "5", "7", "9"]
    assert [row[1] for row in _checkins(world, 2011)] == [9]
    with session_scope(world.engine) as session:
        gus_id = session.exec(select(Participant.id).where(Participant.telegram_id == 2011)).one()
        kept = session.exec(select(CheckInRevision.pain).join(CheckIn, CheckIn.id == CheckInRevision.checkin_id)
                            .where(CheckIn.participant_id == gus_id).order_by(CheckInRevision.id)).all()
    assert kept == [3, 5, 7]
    assert [row[1] for row in _checkins(world, 2012)] == [1]
