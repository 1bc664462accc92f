"""`/delete` erases everything about a participant after a confirmation, and nothing about anyone else."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import String, Text, cast, func, or_, select
from sqlmodel import SQLModel

from coach.store.db import session_scope
from coach.store.models import Participant
from tests.e2e.test_weekly_review import SUNDAY_AFTERNOON, a_week, review_arrives
from tests.helpers.bot_world import ADMIN_ID, onboard, texts_since

DORA, EVAN = 7101, 7102


def rows_referring_to(world, *, participant_id: int, telegram_id: int, name: str) -> dict[str, int]:
    """Per table of the metadata: rows whose participant key, Telegram id or chat id is this participant's, or
    whose text mentions their name or id. Empty when nothing about them is left."""
    found = {}
    with session_scope(world.engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            if table.name == "worker":
                continue  # bot processes, named host:pid; a pid can happen to contain the id's digits
            conditions = []
            for column in table.columns:
                if column.name == "participant_id" or (table.name == "participant" and column.name == "id"):
                    conditions.append(column == participant_id)
                elif column.name in ("telegram_id", "chat_id"):
                    conditions.append(column == telegram_id)
                elif isinstance(column.type, String | Text):
                    conditions.append(column.contains(name))
                    conditions.append(cast(column, Text).contains(str(telegram_id)))
            if not conditions:
                continue  # nothing in it can name anyone (the send gate)
            count = session.execute(select(func.count()).select_from(table).where(or_(*conditions))).scalar_one()
            if count:
                found[table.name] = count
    return found


def data_of(world, *, participant_id: int, telegram_id: int, name: str) -> dict[str, int]:
    """rows_referring_to, but for the bot's own messages (every answer adds one to the outbox)."""
    found = rows_referring_to(world, participant_id=participant_id, telegram_id=telegram_id, name=name)
    found.pop("outbox_message", None)
    return found


def participant_id_of(world, telegram_id: int) -> int:
    with session_scope(world.engine) as session:
        return session.execute(select(Participant.id).where(Participant.telegram_id == telegram_id)).scalar_one()


async def a_full_history(world, person, telegram_id: int) -> None:
    """A week of check-ins and sessions, a replaced check-in, a note, a red flag (acknowledged: an audit
    entry), an admin's schedule and program change, queued reminders and a weekly review."""
    admin = world.person(ADMIN_ID, "Admin")
    await onboard(person)
    world.clock.set(SUNDAY_AFTERNOON - timedelta(hours=1))
    await a_week(person)
    await person.say("/checkin 2026-11-28 pain 3 numbness 1 tingling 1 balance 1 tired after a long walk")
    await person.say("I have a new blister on my foot")
    await admin.say("/ack 1")
    await admin.say(f"/setschedule {telegram_id} checkin 19:30")
    await admin.say(f"/program {telegram_id} change 2 reps 10")
    await review_arrives(world, person)
    await person.say("/checkin")  # a button check-in left half-done: a draft


async def test_delete_erases_every_row_about_the_participant_and_nothing_of_anyone_else(world):
    dora, evan = world.person(DORA, "Dora"), world.person(EVAN, "Evan")
    await a_full_history(world, dora, DORA)
    await onboard(evan)
    await evan.say("/checkin pain 2 numbness 1 tingling 1 balance 0")
    dora_id, evan_id = participant_id_of(world, DORA), participant_id_of(world, EVAN)
    before = rows_referring_to(world, participant_id=dora_id, telegram_id=DORA, name="Dora")
    # The history really reaches every kind of row the erasure has to find.
    for table in ("participant", "consent", "screening_answer", "schedule", "checkin", "checkin_revision",
                  "checkin_draft", "note", "safety_flag", "reminder", "session_log", "program_version",
                  "weekly_review", "audit_entry"):
        assert before.get(table), f"the test history left no {table} row"
    assert before.get("outbox_message"), "the bot's messages to her are in the outbox"
    data_of_before = data_of(world, participant_id=dora_id, telegram_id=DORA, name="Dora")
    evan_before = data_of(world, participant_id=evan_id, telegram_id=EVAN, name="Evan")

    asked = await dora.say("/delete")
    assert "erases everything I have stored about you" in asked[-1]["text"]
    assert "/export" in asked[-1]["text"]
    assert data_of(world, participant_id=dora_id, telegram_id=DORA, name="Dora") == data_of_before, \
        "asking erases nothing"

    count = len(await dora.messages())
    await dora.press("Yes, erase everything")
    (done,) = await texts_since(dora, count - 1)  # the question, edited into the answer
    assert done.startswith("Done — everything about you has been erased")
    assert rows_referring_to(world, participant_id=dora_id, telegram_id=DORA, name="Dora") == {}
    assert data_of(world, participant_id=evan_id, telegram_id=EVAN, name="Evan") == evan_before

    # Nothing more is sent to her: her queued reminders went with her.
    world.clock.set(SUNDAY_AFTERNOON + timedelta(days=2))
    count = len(await dora.messages())
    await world.tick()
    assert await texts_since(dora, count) == []
    # And she can start afresh, as a new participant.
    answer = await dora.say("/today")
    assert "/start" in answer[-1]["text"]


async def test_keeping_the_data_or_a_stale_confirmation_erases_nothing(world):
    dora = world.person(DORA, "Dora")
    await onboard(dora)
    await dora.say("/checkin pain 2 numbness 1 tingling 1 balance 0")
    dora_id = participant_id_of(world, DORA)
    before = data_of(world, participant_id=dora_id, telegram_id=DORA, name="Dora")

    await dora.say("/delete")
    await dora.press("No, keep my data")
    assert (await dora.messages())[-1]["text"] == "Nothing was erased. Your data stays as it was."

    await dora.say("/delete")
    world.clock.advance(timedelta(hours=25))
    await dora.press("Yes, erase everything")
    assert "more than a day old" in (await dora.messages())[-1]["text"]
    assert data_of(world, participant_id=dora_id, telegram_id=DORA, name="Dora") == before


async def test_a_forged_confirmation_naming_someone_else_erases_nobody(world):
    dora, evan = world.person(DORA, "Dora"), world.person(EVAN, "Evan")
    await onboard(dora)
    await onboard(evan)
    dora_id = participant_id_of(world, DORA)
    before = data_of(world, participant_id=dora_id, telegram_id=DORA, name="Dora")
    asked = await evan.say("/delete")
    minute = int(world.clock.now().timestamp() // 60)
    await evan.press_data(asked[-1]["message_id"], f"d1:{dora_id}:{minute}:y")
    assert world.emulator.client.callback_answers()[-1]["text"] == "This button isn't for you."
    assert data_of(world, participant_id=dora_id, telegram_id=DORA, name="Dora") == before
    assert participant_id_of(world, EVAN)  # and Evan, who pressed it, still has everything too


async def test_declining_consent_at_the_start_keeps_nothing(world):
    fay = world.person(7103, "Fay")
    await fay.say("/start")
    await fay.press("No, thanks")
    assert "I haven't stored anything about you" in (await fay.messages())[-1]["text"]
    with session_scope(world.engine) as session:
        assert session.execute(select(func.count()).select_from(Participant)).scalar_one() == 0


async def test_after_delete_the_database_files_hold_no_byte_of_what_she_wrote(world):
    """SQLite overwrites deleted content (secure_delete) and the erasure empties the write-ahead log, so neither
    the database file nor its -wal file still holds her note."""
    note = "zebra marmalade 4471 under the stairs"
    dora = world.person(DORA, "Dora")
    await onboard(dora)
    await dora.say(f"/checkin pain 2 numbness 1 tingling 1 balance 0 {note}")
    database = Path(world.engine.url.database)
    files = [database, database.with_name(database.name + "-wal")]
    assert any(note.encode() in path.read_bytes() for path in files if path.exists()), "the note is stored"

    await dora.say("/delete")
    await dora.press("Yes, erase everything")
    for path in files:
        if path.exists():
            assert note.encode() not in path.read_bytes(), path.name
            assert b"zebra marmalade" not in path.read_bytes(), path.name
