"""Logs carry no health data; a chat that blocked the bot does not stop it answering others."""

from __future__ import annotations

import logging

from coach.core.logs import configure_logging
from coach.devtools.person import texts_of
from tests.helpers.bot_world import onboard


async def test_logs_hold_no_scores_or_notes_even_at_debug(world, caplog):
    """With LOG_LEVEL=DEBUG, a check-in with a note and a red flag leaves neither in any log line."""
    configure_logging("DEBUG")
    caplog.set_level(logging.DEBUG)
    ann = world.person(5001)
    await onboard(ann)
    caplog.clear()
    await ann.say("pain 7 numbness 6 tingling 5 balance 4 - my secret sleepless night")
    await ann.say("I fainted at the bus stop")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for private in ("secret sleepless", "bus stop", "pain 7", "numbness 6"):
        assert private not in logged


async def test_a_blocked_chat_is_survived_and_others_are_still_answered(world):
    """If one participant blocked the bot, sending to them fails quietly; the next person is answered."""
    blocked, other = world.person(5002, "Bo"), world.person(5003, "Cy")
    await onboard(blocked)
    await onboard(other)
    await world.emulator.client.ablock_chat(5002)
    await blocked.say("p1 n1 t1 b1")
    assert "Saved" in texts_of(await other.say("p2 n2 t2 b2"))
