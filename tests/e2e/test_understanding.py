"""Free text through the real bot: every red-flag kind answered and alerted, the crisis answer with the country's
own numbers, a partial check-in finished with buttons, a diary note kept and shown, an edited red flag."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import select

from coach.devtools.person import texts_of
from coach.domain.safety import KINDS, FlagKind, Urgency
from coach.store.db import session_scope
from coach.store.models import CheckIn, CheckInDraft, Note, SafetyFlag
from tests.helpers.bot_world import ADMIN_ID, SECOND_ADMIN_ID, onboard

# One message a participant might send for each kind, and words its answer must contain.
KIND_MESSAGES: dict[FlagKind, tuple[str, str]] = {
    FlagKind.BLADDER_BOWEL: ("bladder control gone since this morning", "cauda equina"),
    FlagKind.SADDLE_NUMBNESS: ("can't feel the toilet paper when I wipe", "cauda equina"),
    FlagKind.CHEST_PAIN: ("tight chest when I was doing the step ups", "call 112 now"),
    FlagKind.ARM_JAW_PAIN: ("ache going into my left arm and jaw", "call 112 now"),
    FlagKind.BREATHLESS_DIZZY: ("out of breath and dizzy on the stairs", "call 112 now"),
    FlagKind.FAINTING: ("passed out in the kitchen after my exercises", "call 112 now"),
    FlagKind.FALL_INJURY: ("fell in the garden and hit my head", "call 112 now"),
    FlagKind.HYPOGLYCAEMIA: ("sugar dropped to 3.1 after the session", "15 g of fast-acting sugar"),
    FlagKind.SELF_HARM: ("I don't want to be here any more", "0800 111 0 111"),
    FlagKind.FOOT_WOUND: ("new blister on my heel", "seated and lying exercises only"),
    FlagKind.FOOT_INFECTION: ("my big toe is hot and swollen", "Charcot"),
    FlagKind.BLEEDING: ("my shin won't stop bleeding", "press firmly"),
    FlagKind.WEAKNESS: ("my left leg keeps giving way", "clinician today"),
    FlagKind.SEVERE_PAIN: ("sudden severe pain in my back, worst ever", "clinician today"),
    FlagKind.FALL: ("tripped on the rug and went down, just bruised", "Are you hurt"),
}
_HEADS = {Urgency.CRISIS: "🆘 CRISIS", Urgency.EMERGENCY: "🚨 URGENT", Urgency.ACT_NOW: "🚨 URGENT",
          Urgency.SAME_DAY: "⚠️ Red flag", Urgency.ASK: "⚠️ Red flag"}


def _flags(world) -> list[tuple[str, str]]:
    with session_scope(world.engine) as session:
        return [(f.kind, f.excerpt) for f in session.exec(select(SafetyFlag).order_by(SafetyFlag.id)).all()]


@pytest.mark.parametrize("kind", list(FlagKind))
async def test_each_kind_gets_its_answer_and_every_admin_an_alert_with_the_words(world, kind: FlagKind):
    """The participant's own answer for the kind; both admins: urgency, kind, their words, a tappable /user_N."""
    text, must_say = KIND_MESSAGES[kind]
    ann = world.person(4101)
    await onboard(ann)
    reply = texts_of(await ann.say(text))
    assert must_say in reply and "push" not in reply.lower()
    assert [k for k, _ in _flags(world)] == [str(kind)]
    for admin in (ADMIN_ID, SECOND_ADMIN_ID):
        alert = texts_of(await world.emulator.client.amessages(admin))
        assert alert.startswith(_HEADS[KINDS[kind].urgency]), alert
        assert KINDS[kind].label in alert and "/user_4101" in alert and f"“{text}”" in alert


@pytest.mark.parametrize(("place", "numbers"), [
    ("Berlin", ("TelefonSeelsorge", "0800 111 0 111", "112")),
    ("New York", ("988", "911")),
    ("London", ("Samaritans", "116 123", "999")),
])
async def test_the_crisis_answer_gives_the_countrys_own_numbers(world, place: str, numbers: tuple[str, ...]):
    """Thoughts of suicide: someone to talk to now, in the participant's country; the alert is marked crisis."""
    bo = world.person(4102, "Bo")
    await onboard(bo, place=place)
    reply = texts_of(await bo.say("honestly thinking about ending it all"))
    for number in numbers:
        assert number in reply, (place, number, reply)
    alert = texts_of(await world.emulator.client.amessages(ADMIN_ID))
    assert alert.startswith("🆘 CRISIS") and "/user_4102" in alert


async def test_the_same_kind_again_within_minutes_is_answered_but_not_alerted_again(world):
    """A second message about the same fall is still answered; the team gets one alert; a new kind alerts anew."""
    cy = world.person(4103, "Cy")
    await onboard(cy)
    await cy.say("I fell over in the kitchen")
    again = texts_of(await cy.say("sorry, yes I fell over earlier, in the kitchen"))
    assert "Are you hurt" in again
    assert len(await world.emulator.client.amessages(ADMIN_ID)) == 1
    await cy.say("and now my chest feels tight")
    alerts = await world.emulator.client.amessages(ADMIN_ID)
    assert len(alerts) == 2 and "chest pain" in alerts[-1]["text"]
    assert [k for k, _ in _flags(world)] == ["fall", "chest_pain"]


async def test_a_partial_checkin_is_named_back_and_finished_with_buttons(world):
    """ "pain is about a 6": pain is kept, named back, and the rest asked for with buttons; nothing is a check-in
    until the last tap, which saves all four and names each."""
    di = world.person(4104, "Di")
    await onboard(di)
    reply = texts_of(await di.say("my pain is about a 6 today, feet burning"))
    assert "Got it for Sat 21 Nov: pain 6" in reply and "Numbness right now?" in reply
    assert "📝 Added to your diary" in reply and "feet burning" in reply
    with session_scope(world.engine) as session:
        assert session.exec(select(CheckIn)).all() == []
        assert session.exec(select(CheckInDraft.pain)).all() == [6]
    await di.press("2")
    await di.press("3")
    done = texts_of(await di.press("1"))
    assert "Saved for Sat 21 Nov: pain 6 · numbness 2 · tingling 3 · balance 1" in done
    with session_scope(world.engine) as session:
        assert [(c.pain, c.numbness, c.tingling, c.balance) for c in session.exec(select(CheckIn))] == [(6, 2, 3, 1)]


async def test_the_rest_of_a_partial_checkin_can_be_typed_too(world):
    """ "numbness 2" then "tingling 3 balance 1": the typed items join the ones already given."""
    ed = world.person(4105, "Ed")
    await onboard(ed)
    await ed.say("5/10 pain, numbness 2")
    done = texts_of(await ed.say("tingling 3 and balance 1"))
    assert "Saved for Sat 21 Nov: pain 5 · numbness 2 · tingling 3 · balance 1" in done


async def test_a_note_is_kept_dated_reflected_and_shown_in_history_and_the_export(world):
    """A symptom report is stored for the day, quoted back with the offer of today's check-in, listed in /history
    and in the CSV of /export."""
    fay = world.person(4106, "Fay")
    await onboard(fay)
    reply = texts_of(await fay.say("feet burning more at night, barely slept"))
    assert "📝 Added to your diary for Sat 21 Nov: “feet burning more at night, barely slept”" in reply
    assert "today's check-in" in reply
    await fay.press("Check in now")
    assert "Pain right now?" in texts_of(await fay.messages())
    with session_scope(world.engine) as session:
        assert session.exec(select(Note.text)).all() == ["feet burning more at night, barely slept"]
    history = texts_of(await fay.say("/history"))
    assert "Sat 21 Nov: 📝 feet burning more at night, barely slept" in history
    sent = await fay.say("/export")
    uploads = {f["message_id"]: f for f in world.emulator.client.files(4106)}
    rows = list(csv.DictReader(io.StringIO(uploads[sent[0]["message_id"]]["content"].decode("utf-8-sig"))))
    assert {"table": "note", "column": "text", "value": "feet burning more at night, barely slept"} in [
        {k: row[k] for k in ("table", "column", "value")} for row in rows]


async def test_a_question_is_answered_from_the_help_topics(world):
    """ "is 10 the worst?": the scales explained; nothing stored; no "didn't understand"."""
    gus = world.person(4107, "Gus")
    await onboard(gus)
    reply = texts_of(await gus.say("is 10 the worst for balance too?"))
    assert "higher means worse" in reply and "didn't understand" not in reply


async def test_only_text_with_nothing_in_it_gets_didnt_understand_with_an_example(world):
    hal = world.person(4108, "Hal")
    await onboard(hal)
    reply = texts_of(await hal.say("asdfgh"))
    assert "didn't understand" in reply and "pain 4 numbness 2 tingling 3 balance 1" in reply


async def test_a_red_flag_written_into_an_edited_message_is_answered_and_alerted(world):
    """Editing changes nothing stored, but "I fainted" added in an edit gets its answer and an alert."""
    ivy = world.person(4109, "Ivy")
    await onboard(ivy)
    await ivy.say("p4 n2 t3 b1")
    sent = ivy.last_update
    reply = texts_of(await ivy.edit(sent, "p4 n2 t3 b1 and I fainted this morning"))
    assert "I saw the change to your earlier message" in reply and "call 112 now" in reply
    assert "nothing was changed" in reply
    assert [k for k, _ in _flags(world)] == ["fainting"]
    assert "fainting" in texts_of(await world.emulator.client.amessages(ADMIN_ID))
    with session_scope(world.engine) as session:
        assert session.exec(select(CheckIn.note)).all() == [None]


async def test_privacy_says_what_is_stored_who_sees_it_and_how_to_export_and_erase(world):
    jo = world.person(4110, "Jo")
    await onboard(jo)
    reply = texts_of(await jo.say("/privacy"))
    assert "What I store" in reply and "coaching team" in reply and "/export" in reply and "/delete" in reply


async def test_a_check_in_and_a_red_flag_in_one_message_are_stored_and_answered_as_both(world):
    kim = world.person(4111, "Kim")
    await onboard(kim)
    reply = texts_of(await kim.say("Slept badly. pain 6, numbness 3, burning 5, balance 2 and I blacked out earlier"))
    assert "call 112 now" in reply and "Saved for Sat 21 Nov: pain 6 · numbness 3 · tingling 5 · balance 2" in reply
    assert reply.index("call 112") < reply.index("Saved for")  # safety first
    assert [k for k, _ in _flags(world)] == ["fainting"]
