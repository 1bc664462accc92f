"""Updates from different chats overlap; one chat's updates finish in the order they arrived."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from coach.bot.ordering import PerChatOrderedProcessor


def _update(update_id: int, chat_id: int) -> Update:
    user, chat = User(chat_id, "P", False), Chat(chat_id, "private")
    return Update(update_id, message=Message(update_id, datetime(2026, 11, 21, tzinfo=UTC), chat,
                                             from_user=user, text="p4 n2 t3 b1"))


async def _feed(processor: PerChatOrderedProcessor, plan: list[tuple[int, int, float]]) -> list[str]:
    """Start every update at once, as the application does; each takes its own time to handle."""
    log: list[str] = []

    async def handle(update_id: int, seconds: float) -> None:
        log.append(f"start {update_id}")
        await asyncio.sleep(seconds)
        log.append(f"end {update_id}")

    await asyncio.gather(*(processor.process_update(_update(uid, chat), handle(uid, seconds))
                           for uid, chat, seconds in plan))
    return log


async def test_a_slow_first_message_is_not_overtaken_by_the_next_from_the_same_chat():
    log = await _feed(PerChatOrderedProcessor(4), [(1, 100, 0.05), (2, 100, 0.0), (3, 100, 0.0)])
    assert log == ["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]


async def test_other_chats_are_handled_while_one_chat_is_slow():
    log = await _feed(PerChatOrderedProcessor(4), [(1, 100, 0.05), (2, 200, 0.0)])
    assert log.index("end 2") < log.index("end 1")


async def test_a_failing_update_does_not_hold_up_the_rest_of_its_chat():
    processor, log = PerChatOrderedProcessor(4), []

    async def fail() -> None:
        raise RuntimeError("handler bug")

    async def ok() -> None:
        log.append("second handled")

    results = await asyncio.gather(processor.process_update(_update(1, 100), fail()),
                                   processor.process_update(_update(2, 100), ok()), return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    assert log == ["second handled"]
    assert processor._last_in_chat == {}  # nothing left waiting
