"""Red flags in anything a participant writes: a calm specific answer, a stored flag, admin alerts."""

from __future__ import annotations

from sqlmodel import select

from coach.devtools.person import texts_of
from coach.store.db import session_scope
from coach.store.models import CheckIn, SafetyFlag
from tests.helpers.bot_world import ADMIN_ID, SECOND_ADMIN_ID, onboard


def _flags(world):
    with session_scope(world.engine) as session:
        return [(f.kind, f.urgent, f.source) for f in session.exec(select(SafetyFlag)).all()]


async def test_bladder_trouble_gets_urgent_advice_and_every_admin_is_alerted(world):
    """Cauda-equina signs: urgent care now; both admins are told, with the participant's own words and id."""
    ann = world.person(4001)
    await onboard(ann)
    reply = texts_of(await ann.say("I can't control my bladder since this morning"))
    assert "emergency" in reply.lower() and "push" not in reply.lower()
    assert _flags(world) == [("bladder_bowel", True, "free_text")]
    for admin in (ADMIN_ID, SECOND_ADMIN_ID):
        alert = texts_of(await world.emulator.client.amessages(admin))
        assert "URGENT" in alert and "bladder" in alert.lower() and "/user_4001" in alert
        assert "“I can't control my bladder since this morning”" in alert


async def test_a_flag_in_a_checkin_note_is_raised_and_the_checkin_still_saved(world):
    """A check-in with 'fainted' in its note is stored and raises an urgent flag."""
    bo = world.person(4002, "Bo")
    await onboard(bo)
    reply = texts_of(await bo.say("pain 3 numbness 2 tingling 2 balance 4 - I fainted in the kitchen"))
    assert "Saved for Sat 21 Nov" in reply and "emergency" in reply.lower()
    assert _flags(world) == [("fainting", True, "checkin_note")]
    with session_scope(world.engine) as session:
        assert session.exec(select(CheckIn.note)).one() == "I fainted in the kitchen"


async def test_negated_symptoms_raise_nothing(world):
    """'no new blisters, no chest pain' is good news, not a flag."""
    cy = world.person(4003, "Cy")
    await onboard(cy)
    reply = texts_of(await cy.say("p2 n1 t1 b1 no new blisters and no chest pain"))
    assert "Saved" in reply and "emergency" not in reply.lower()
    assert _flags(world) == []
    assert await world.emulator.client.amessages(ADMIN_ID) == []


async def test_a_foot_problem_from_the_foot_check_is_a_flag_with_non_weight_bearing_advice(world):
    """Answering yes to the foot check raises a foot-wound flag and explains what to do."""
    di = world.person(4004, "Di")
    await onboard(di, condition="Diabetic neuropathy")
    await di.say("p2 n3 t2 b1")
    reply = texts_of(await di.press("Yes"))
    assert "weight" in reply.lower()
    assert _flags(world) == [("foot_wound", False, "foot_check")]
    assert "foot" in texts_of(await world.emulator.client.amessages(ADMIN_ID)).lower()


async def test_chest_pain_before_start_still_gets_the_safety_answer(world):
    """Even someone who never onboarded gets the emergency advice (but nothing is stored)."""
    ed = world.person(4005, "Ed")
    reply = texts_of(await ed.say("I have chest pain right now"))
    assert "call 112 now" in reply and "/start" in reply
    assert "coaching team" not in reply  # nobody was told: they are not a participant yet
    assert _flags(world) == []


async def test_a_red_flag_in_a_one_shot_checkin_command_is_raised(world):
    """`/checkin … <note>` is scanned like any typed line: saved, flagged, admins alerted."""
    fay = world.person(4006, "Fay")
    await onboard(fay)
    reply = texts_of(await fay.say("/checkin yesterday p3 n2 t2 b1 I lost control of my bladder"))
    assert "emergency" in reply.lower() and "Saved for Fri 20 Nov" in reply
    assert _flags(world) == [("bladder_bowel", True, "checkin_note")]
    assert "bladder" in texts_of(await world.emulator.client.amessages(ADMIN_ID)).lower()


async def test_a_photo_caption_is_read_for_red_flags(world):
    """A photo captioned 'new wound on my heel' still raises the flag; the reply asks for text."""
    gus = world.person(4007, "Gus")
    await onboard(gus, condition="Diabetic neuropathy")
    reply = texts_of(await gus.send_photo(caption="new wound on my heel"))
    assert "weight" in reply.lower() and "typed messages" in reply
    assert _flags(world) == [("foot_wound", False, "free_text")]
