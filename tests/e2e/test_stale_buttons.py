"""Ids are never handed out twice, and a button names the participant it was made for: an old button pressed
after someone erased themselves and someone else (or they themselves) signed up again acts on nobody."""

from __future__ import annotations

from sqlalchemy import func, select

from coach.store.db import session_scope
from coach.store.models import AuditEntry, Participant, SafetyFlag
from tests.helpers.bot_world import ADMIN_ID, onboard

BLISTER_CHECKIN = "/checkin pain 3 numbness 2 tingling 1 balance 1 I have a new blister on my foot"
GUS, HAL = 7201, 7202


def _participant(world, telegram_id: int) -> Participant | None:
    with session_scope(world.engine) as session:
        return session.execute(select(Participant).where(Participant.telegram_id == telegram_id)).scalar_one_or_none()


def _flags_of(world, participant_id: int) -> list[int]:
    with session_scope(world.engine) as session:
        return list(session.execute(select(SafetyFlag.id).where(SafetyFlag.participant_id == participant_id))
                    .scalars())


async def test_an_admins_stale_foot_cleared_button_cannot_clear_someone_who_signed_up_later(world):
    gus, hal, admin = world.person(GUS, "Gus"), world.person(HAL, "Hal"), world.person(ADMIN_ID, "Admin")
    await onboard(gus, condition="Diabetic neuropathy")
    await gus.say(BLISTER_CHECKIN)
    gus_row = _participant(world, GUS)
    (gus_flag,) = _flags_of(world, gus_row.id)
    await admin.say(f"/ack {gus_flag}")
    button_message, button_data = await admin.find_button("Foot cleared — usual program")

    # Gus erases himself; Hal signs up and reports a wound of his own.
    await gus.say("/delete")
    await gus.press("Yes, erase everything")
    await onboard(hal, condition="Diabetic neuropathy")
    await hal.say(BLISTER_CHECKIN)
    hal_row = _participant(world, HAL)
    (hal_flag,) = _flags_of(world, hal_row.id)
    # The freed ids went with Gus: nothing of Hal's carries them.
    assert hal_row.id != gus_row.id and hal_flag != gus_flag
    hal_messages = len(await hal.messages())

    await admin.press_data(button_message, button_data)
    assert world.emulator.client.callback_answers()[-1]["text"] == "That participant is no longer here."
    assert _participant(world, HAL).foot_care_since is not None, "Hal's foot care must stay on"
    assert len(await hal.messages()) == hal_messages, "Hal is told nothing"
    with session_scope(world.engine) as session:
        assert session.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == 0


async def test_an_old_delete_confirmation_cannot_erase_the_account_made_after_it(world):
    dora = world.person(7203, "Dora")
    await onboard(dora)
    first = await dora.say("/delete")  # one confirmation she leaves alone…
    old_question = first[-1]["message_id"]
    old_yes = next(data for label, data in _buttons(first[-1]) if label == "Yes, erase everything")
    await dora.say("/delete")  # …and a second she confirms
    await dora.press("Yes, erase everything")
    old_id = int(old_yes.split(":")[1])
    assert _participant(world, 7203) is None

    await onboard(dora)  # she starts again
    await dora.say("/checkin pain 2 numbness 1 tingling 1 balance 0")
    again = _participant(world, 7203)
    assert again.id != old_id

    await dora.press_data(old_question, old_yes)
    assert world.emulator.client.callback_answers()[-1]["text"] == "This button isn't for you."
    assert _participant(world, 7203) is not None and _participant(world, 7203).id == again.id


def _buttons(message: dict) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {}
    return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]
