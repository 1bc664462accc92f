"""Everything the bot says is stored with what it reports, then sent by one sender that is honest about how each
send ended: one admin's failure never stops another's alert or the participant's answer, and nothing that was
stored is ever answered with "nothing was saved"."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from coach.core.clock import FrozenClock
from coach.core.config import load_settings
from coach.devtools.person import texts_of
from coach.devtools.running import running_bot
from coach.services import texts
from coach.store.db import make_engine, session_scope
from coach.store.migrate import upgrade
from coach.store.models import CheckIn, HandledUpdate, OutboxMessage, SafetyFlag
from tests.helpers.bot_world import ADMIN_ID, SECOND_ADMIN_ID, START, TOKEN, onboard


def _outbox(world) -> list[tuple[int, str, str, str | None]]:
    """(chat, kind, status, detail) of every outbox row, oldest first."""
    with session_scope(world.engine) as session:
        return [(row.chat_id, row.kind, row.status, row.detail)
                for row in session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars()]


async def test_an_admin_whose_alert_breaks_in_any_way_stops_neither_the_other_alert_nor_the_answer(world):
    ann = world.person(4101, "Ann")
    await onboard(ann)
    # The first admin's send takes effect but its answer is not a message: the library raises an error that is
    # not a Telegram error at all.
    world.emulator.client.garble_chat(ADMIN_ID)
    reply = texts_of(await ann.say("I can't control my bladder since this morning"))
    assert "emergency" in reply.lower()
    second = texts_of(await world.emulator.client.amessages(SECOND_ADMIN_ID))
    assert "bladder" in second.lower() and "/user_4101" in second
    rows = [row for row in _outbox(world) if row[1] == "alert"]
    assert [(chat, status) for chat, _, status, _ in rows] == [(ADMIN_ID, "uncertain"), (SECOND_ADMIN_ID, "sent")]
    assert rows[0][3].startswith("error: ")  # uncertain, with its reason: the call was made, it may have arrived
    assert texts.SORRY_TRY_AGAIN not in reply


async def test_a_reply_that_breaks_after_the_checkin_was_stored_never_says_nothing_was_saved(world):
    bo = world.person(4102, "Bo")
    await onboard(bo)
    world.emulator.client.garble_chat(4102)
    await bo.say("pain 3 numbness 2 tingling 2 balance 1")
    world.emulator.client.garble_chat(4102, garbled=False)
    with session_scope(world.engine) as session:
        assert session.execute(select(CheckIn.pain)).scalars().all() == [3]
    said = [m["text"] for m in await bo.messages()]
    assert said[-1].startswith("Saved for ")  # it did reach her
    assert all(texts.SORRY_TRY_AGAIN not in text for text in said)
    assert _outbox(world)[-1][:3] == (4102, "reply", "uncertain")


async def test_every_message_is_stored_as_sent_and_keeps_nothing_of_what_it_said(world):
    cy = world.person(4103, "Cy")
    await onboard(cy)
    await cy.say("I had chest pain on the stairs")
    with session_scope(world.engine) as session:
        rows = session.execute(select(OutboxMessage)).scalars().all()
        flags = session.execute(select(SafetyFlag)).scalars().all()
    assert rows and all(row.status == "sent" and row.message_id for row in rows)
    assert all(row.body == "" and row.media is None for row in rows)  # what it said is gone once sent
    assert {row.chat_id for row in rows if row.kind == "alert"} == {ADMIN_ID, SECOND_ADMIN_ID}
    assert len(flags) == 1


async def test_a_failing_command_menu_at_start_is_logged_and_the_bot_runs_on(emulator, tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'menu.db'}"
    upgrade(url)
    engine = make_engine(url)
    emulator.client.fail_sends(fraction=1.0, modes=["500"], methods=["setMyCommands"])
    settings = load_settings(env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=emulator.base_url,
                             database_url=url, coach_tick_seconds=3600)
    with caplog.at_level(logging.WARNING):
        async with running_bot(settings, engine=engine, clock=FrozenClock(START)):
            person = emulator.client
            await person.asend_text(4104, "/start", first_name="Di")
            answers = await person.await_for_messages(4104, 1)
    engine.dispose()
    assert answers and "Coach" in answers[0]["text"]
    assert any("could not set the command menu" in record.getMessage() for record in caplog.records)


async def test_a_message_telegram_delivers_again_after_a_stop_is_stored_and_answered_once(world):
    """Long polling confirms an update only with the next getUpdates: a bot killed in between gets it again."""
    di = world.person(4104, "Di")
    await onboard(di)
    await di.say("pain 4 numbness 2 tingling 3 balance 1, I fainted in the kitchen")
    said_before = await di.messages()
    alerts_before = texts_of(await world.emulator.client.amessages(ADMIN_ID))
    assert "emergency" in texts_of(said_before).lower() and "/user_4104" in alerts_before
    again = world.emulator.client.redeliver(1)
    # Her next message is handled after the one delivered again (one chat's updates in order).
    await di.say("/help")
    said_since = [m["text"] for m in (await di.messages())[len(said_before):]]
    assert len(said_since) == 1 and said_since[0].startswith("Here's what I can do")  # nothing about it again
    assert texts_of(await world.emulator.client.amessages(ADMIN_ID)) == alerts_before
    with session_scope(world.engine) as session:
        assert len(session.execute(select(CheckIn)).scalars().all()) == 1
        assert len(session.execute(select(SafetyFlag)).scalars().all()) == 1
        handled = session.get(HandledUpdate, again[0])
    assert handled is not None and handled.handled_at is not None  # its id and when: nothing about her


async def test_handled_update_ids_are_forgotten_once_telegram_can_no_longer_deliver_them_again(world):
    ed = world.person(4105, "Ed")
    await ed.say("/help")  # stores nothing: no id is kept for it
    await onboard(ed)
    first = ed.last_update["update_id"]
    world.clock.advance(timedelta(days=3))
    await ed.say("pain 3 numbness 2 tingling 2 balance 1")
    latest = ed.last_update["update_id"]
    await world.tick()
    with session_scope(world.engine) as session:
        kept = set(session.execute(select(HandledUpdate.update_id)).scalars())
    assert latest in kept and first not in kept
    assert all(update_id > first for update_id in kept)  # onboarding's, three days old, are gone too
