"""Bad input gets a short clear answer, stores nothing wrong, and never silences the bot."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select

from coach.devtools.person import texts_of
from coach.store.db import session_scope
from coach.store.models import CheckIn, CheckInDraft, Participant, ScreeningAnswer
from tests.helpers.bot_world import onboard


def _checkin_count(world) -> int:
    with session_scope(world.engine) as session:
        return session.exec(select(func.count()).select_from(CheckIn)).one()


async def test_out_of_range_and_contradictory_scores_are_asked_about_and_never_stored(world):
    """pain 14 and pain given twice: the doubtful score is asked about with buttons; no check-in is stored until
    it is answered, and what was clear is named back."""
    ann = world.person(3001)
    await onboard(ann)
    cases = {
        "pain 14 numbness 2 tingling 3 balance 1": ("14", "0 (none) to 10 (worst)"),
        "pain 4 numbness 2 tingling 3 balance 1 pain 6": ("4 and 6", "which one is it"),
    }
    for text, (mentioned, explained) in cases.items():
        sent = await ann.say(text)
        reply = texts_of(sent)
        assert mentioned in reply and explained in reply, reply
        assert "numbness 2 · tingling/burning" not in reply  # the items are named with their scores…
        assert "numbness 2" in reply and "Pain right now?" in reply  # …and pain is asked for with buttons
        assert _checkin_count(world) == 0
    assert "Saved" in texts_of(await ann.say("pain 4 numbness 2 tingling 3 balance 1"))  # still listening


async def test_a_misspelt_item_name_is_understood_and_named_back(world):
    """ "nmbness 2" is numbness: stored, and the confirmation names every value, so a misreading would show."""
    ann = world.person(3011)
    await onboard(ann)
    reply = texts_of(await ann.say("pain 4 nmbness 2 tingling 3 balance 1"))
    assert "Saved for Sat 21 Nov: pain 4 · numbness 2 · tingling 3 · balance 1" in reply
    assert _checkin_count(world) == 1


async def test_a_5000_character_message_is_refused_politely(world):
    """An over-long message gets one clear answer and nothing is stored."""
    bo = world.person(3002, "Bo")
    await onboard(bo)
    reply = texts_of(await bo.say("pain 4 " + "a" * 4993))
    assert "too long" in reply and "5,000" in reply
    assert _checkin_count(world) == 0


async def test_commands_before_start_ask_for_start(world):
    """Someone who never sent /start is asked to, whatever they send, and nothing is stored."""
    cy = world.person(3003, "Cy")
    for text in ("/checkin", "/today", "pain 4 numbness 2 tingling 3 balance 1", "/history"):
        assert "/start" in texts_of(await cy.say(text))
    with session_scope(world.engine) as session:
        assert session.exec(select(Participant)).all() == []


async def test_unknown_command_is_named_with_a_pointer_to_help(world):
    """/frobnicate is answered with its name and /help."""
    di = world.person(3004, "Di")
    await onboard(di)
    reply = texts_of(await di.say("/frobnicate now"))
    assert "/frobnicate" in reply and "/help" in reply


async def test_forged_button_data_is_refused_and_changes_nothing(world):
    """Random callback data gets an answer, not silence, and no row changes."""
    ed = world.person(3005, "Ed")
    await onboard(ed)
    sent = await ed.say("/checkin")
    forged = ("c2:1:99999:0:4", "garbage", "c2:1:1:0:11", "o1:s:9:y", "c2:1:" + "9" * 12 + ":0:1",
              "c1:1:0:4",  # the format before owners were written into the data: retired, not guessed at
              "c2:" + "9" * 70)
    for data in forged:
        await ed.press_data(sent[0]["message_id"], data)
    answers = world.emulator.client.callback_answers()
    assert len(answers) >= len(forged) and all(a["text"] for a in answers[-len(forged):])
    assert _checkin_count(world) == 0


async def test_a_button_naming_another_participants_draft_changes_nothing(world):
    """Pressing a score on someone else's check-in draft is refused; their draft is untouched."""
    owner, intruder = world.person(3006, "Fay"), world.person(3007, "Gus")
    await onboard(owner)
    await onboard(intruder)
    sent = await owner.say("/checkin")
    message_id, data = await owner.find_button("7")
    await intruder.press_data(message_id, data)
    assert world.emulator.client.callback_answers()[-1]["text"] == "That button isn't for you."
    with session_scope(world.engine) as session:
        draft = session.exec(select(CheckInDraft)).one()
        assert (draft.pain, draft.status) == (None, "open")
    assert sent  # the owner can still finish their own check-in
    for value in ("7", "1", "1", "1"):
        await owner.press(value)
    assert _checkin_count(world) == 1


async def test_a_stale_onboarding_button_is_answered_and_ignored(world):
    """Tapping an already-answered screening question again changes nothing."""
    hal = world.person(3008, "Hal")
    await hal.say("/start")
    await hal.press("✅ I agree")
    message_id, yes_data = await hal.find_button("Yes")
    await hal.press("No")
    await hal.press_data(message_id, yes_data)
    assert world.emulator.client.callback_answers()[-1]["text"] == "That button is no longer active."
    with session_scope(world.engine) as session:
        assert session.exec(select(Participant.onboarding_step)).one() == "screening"
        assert [a.answer for a in session.exec(select(ScreeningAnswer))] == [False]  # the stale Yes stored nothing


async def test_words_it_cannot_read_get_a_gentle_pointer(world):
    """Chit-chat is answered with how to check in, not silence."""
    ivy = world.person(3009, "Ivy")
    await onboard(ivy)
    reply = texts_of(await ivy.say("hello there"))
    assert "/checkin" in reply and _checkin_count(world) == 0


async def test_editing_an_earlier_message_changes_nothing_and_says_so(world):
    """Editing yesterday's check-in text is not a new check-in: nothing is replaced, and the bot says so."""
    jo = world.person(3010, "Jo")
    await onboard(jo)
    await jo.say("p4 n2 t3 b1")
    sent = jo.last_update
    reply = texts_of(await jo.edit(sent, "p9 n9 t9 b9"))
    assert "nothing was changed" in reply
    with session_scope(world.engine) as session:
        assert session.exec(select(CheckIn.pain)).all() == [4]
