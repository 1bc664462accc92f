"""Onboarding through Telegram: consent, screening and clearance, condition, time zone, schedule."""

from __future__ import annotations

from sqlmodel import select

from coach.devtools.person import texts_of
from coach.store.db import session_scope
from coach.store.models import Consent, Participant, Schedule, ScreeningAnswer
from tests.helpers.bot_world import onboard


def _participant(world, telegram_id):
    with session_scope(world.engine) as session:
        return session.exec(select(Participant).where(Participant.telegram_id == telegram_id)).first()


async def test_start_explains_what_the_bot_is_and_asks_consent(world):
    """The first message says what Coach is and is not, and asks consent with buttons."""
    ann = world.person(1001)
    reply = texts_of(await ann.say("/start"))
    assert "not medical advice" in reply and "not for emergencies" in reply
    assert "agree" in reply.lower()
    labels = [text for text, _ in world.emulator.client.buttons(1001)]
    assert labels == ["✅ I agree", "No, thanks"]


async def test_a_full_onboarding_stores_consent_answers_zone_and_default_schedule(world):
    """After onboarding the participant is active in their zone with the default schedule."""
    ann = world.person(1002)
    await onboard(ann, condition="Diabetic neuropathy", place="New York")
    p = _participant(world, 1002)
    assert (p.status, p.onboarding_step, p.condition, p.timezone) == ("active", None, "diabetic",
                                                                       "America/New_York")
    assert p.clearance_required is False
    with session_scope(world.engine) as session:
        assert session.exec(select(Consent).where(Consent.participant_id == p.id)).first() is not None
        answers = session.exec(select(ScreeningAnswer).where(ScreeningAnswer.participant_id == p.id)).all()
        assert len(answers) == 7 and not any(a.answer for a in answers)
        schedule = session.exec(select(Schedule).where(Schedule.participant_id == p.id)).one()
    assert schedule.session_days == "0,2,4"
    reply = texts_of(await ann.say("/schedule"))
    assert "Mon, Wed, Fri at 18:00" in reply and "20:00" in reply and "Sun at 19:00" in reply


async def test_a_yes_in_screening_requires_clearance_until_cleared(world):
    """Any 'yes' asks for a clinician's go-ahead; /cleared records it."""
    bo = world.person(1003, "Bo")
    await onboard(bo, yes_to=1)
    assert "go-ahead" in texts_of(await bo.messages())
    p = _participant(world, 1003)
    assert p.clearance_required and p.cleared_at is None
    assert "/cleared" in texts_of(await bo.say("/schedule"))
    assert "go-ahead" in texts_of(await bo.say("/cleared"))
    assert _participant(world, 1003).cleared_at == world.clock.now()
    assert "already" in texts_of(await bo.say("/cleared"))


async def test_declining_consent_stores_nothing(world):
    """'No, thanks' leaves no row about the person."""
    cy = world.person(1004, "Cy")
    await cy.say("/start")
    reply = texts_of(await cy.press("No, thanks"))
    assert "haven't stored anything" in reply
    assert _participant(world, 1004) is None


async def test_time_zone_from_a_shared_location(world):
    """Sharing a location during onboarding sets the zone, offline."""
    di = world.person(1005, "Di")
    await di.say("/start")
    await di.press("✅ I agree")
    for _ in range(7):
        await di.press("No")
    await di.press("Sciatica / radiculopathy")
    reply = texts_of(await di.share_location(22.5726, 88.3639))  # Kolkata
    assert "Asia/Kolkata" in reply
    assert _participant(world, 1005).timezone == "Asia/Kolkata"


async def test_an_unknown_city_gets_a_clear_answer_and_can_be_retried(world):
    """A place it cannot find is explained; the next try works; nothing else changes."""
    ed = world.person(1006, "Ed")
    await ed.say("/start")
    await ed.press("✅ I agree")
    for _ in range(7):
        await ed.press("No")
    await ed.press("Something else")
    first = texts_of(await ed.say("Qwzxkjhv"))
    assert first.strip() and _participant(world, 1006).timezone == "Europe/Berlin"
    await ed.say("Europe/London")
    assert _participant(world, 1006).timezone == "Europe/London"


async def test_timezone_command_changes_it_later(world):
    """/timezone Tokyo changes the zone of an onboarded participant."""
    fay = world.person(1007, "Fay")
    await onboard(fay)
    reply = texts_of(await fay.say("/timezone Tokyo"))
    assert "Asia/Tokyo" in reply and _participant(world, 1007).timezone == "Asia/Tokyo"


async def test_start_again_resumes_an_unfinished_onboarding(world):
    """Sending /start halfway through asks the open question again instead of starting over."""
    gus = world.person(1008, "Gus")
    await gus.say("/start")
    await gus.press("✅ I agree")
    await gus.press("No")
    reply = texts_of(await gus.say("/start"))
    assert "Question 2 of 7" in reply
