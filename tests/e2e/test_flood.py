"""A flood from one participant: a burst is answered, the rest gets one calm notice, nobody else waits."""

from __future__ import annotations

import time

from sqlmodel import select

from coach.bot import flood
from coach.devtools.person import texts_of
from coach.services import texts
from coach.store.db import session_scope
from coach.store.models import CheckIn, CheckInRevision, Participant, SafetyFlag
from tests.helpers.bot_world import ADMIN_ID, onboard

FLOOD = 200
RED_FLAG_AT = 100
RED_FLAG_LINE = "I fainted in the kitchen just now"
CHIT_CHAT = ("hello?", "are you there", "ok", "hmm")


def _flood_lines() -> list[str]:
    """Check-in lines and chit-chat, alternating, with one red flag deep inside."""
    lines = [f"p{i % 11} n2 t3 b1" if i % 2 == 0 else CHIT_CHAT[i // 2 % len(CHIT_CHAT)] for i in range(FLOOD)]
    lines[RED_FLAG_AT] = RED_FLAG_LINE
    return lines


class _LimiterClock:
    """The guard's monotonic clock, held still while a test floods and moved on when it says so."""

    def __init__(self) -> None:
        self.now = time.monotonic() + 3600  # every bucket full, whatever onboarding spent

    def __call__(self) -> float:
        return self.now


def _stored_scores(world, telegram_id: int) -> list[tuple[int, int, int, int]]:
    """Every entry stored for the participant, replaced ones first, each as its four scores."""
    with session_scope(world.engine) as session:
        pid = session.exec(select(Participant.id).where(Participant.telegram_id == telegram_id)).one()
        revisions = session.exec(select(CheckInRevision).where(CheckInRevision.participant_id == pid)
                                 .order_by(CheckInRevision.id)).all()
        current = session.exec(select(CheckIn).where(CheckIn.participant_id == pid)).all()
        return [(r.pain, r.numbness, r.tingling, r.balance) for r in (*revisions, *current)]


def _flags(world) -> list[tuple[str, bool, str]]:
    with session_scope(world.engine) as session:
        return [(f.kind, f.urgent, f.source) for f in session.exec(select(SafetyFlag)).all()]


async def test_a_flood_of_200_gets_a_burst_and_one_notice_while_another_participant_checks_in(world):
    """Ann sends 200 messages at once while Bo checks in: Bo is answered exactly; Ann gets her first
    few answered, one notice that says what to do, the safety answer to the red flag inside — and
    only what was answered is stored."""
    ann, bo = world.person(7001, "Ann"), world.person(7002, "Bo")
    await onboard(ann)
    await onboard(bo)
    clock = _LimiterClock()
    flood.installed_limiter(world.application).clock = clock
    before = len(await ann.messages())
    lines = _flood_lines()

    await world.emulator.client.asend_batch([{"user_id": 7001, "text": line, "first_name": "Ann"} for line in lines])
    bo_seen = len(await bo.messages())
    started = time.monotonic()
    await world.emulator.client.asend_text(7002, "pain 3 numbness 1 tingling 2 balance 0", first_name="Bo")
    await world.emulator.client.await_for_messages(7002, bo_seen + 1, timeout=10)
    bo_waited = time.monotonic() - started
    assert await world.emulator.client.await_idle(timeout=30)

    bo_reply = [m["text"] for m in (await bo.messages())[bo_seen:]]
    assert bo_reply == ["Saved for Sat 21 Nov: pain 3 · numbness 1 · tingling 2 · balance 0"]
    assert _stored_scores(world, 7002) == [(3, 1, 2, 0)]
    # Bo's message is queued behind all 200 of Ann's; the dropped ones cost next to nothing, so he
    # waits about as long as her burst takes (a fraction of a second here), not her whole flood.
    assert bo_waited < 5, f"Bo waited {bo_waited:.1f}s behind Ann's flood"

    answered = [m["text"] for m in (await ann.messages())[before:]]
    burst = flood.MESSAGES.burst
    assert len(answered) == burst + 2, answered  # the burst, one notice, the safety answer
    assert answered.count(texts.FLOOD_NOTICE) == 1
    notice = texts.FLOOD_NOTICE.lower()
    assert "wait a minute" in notice and "not saved" in notice and "pain 4 numbness 2" in notice
    assert answered.index(texts.FLOOD_NOTICE) == burst  # right after the burst, not somewhere later
    safety = [text for text in answered if "emergency" in text.lower()]
    assert len(safety) == 1 and "faint" in safety[0].lower()
    assert _flags(world) == [("fainting", True, "free_text")]
    assert "faint" in texts_of(await world.emulator.client.amessages(ADMIN_ID)).lower()

    # Exactly the check-in lines that were answered are stored, each whole: nothing from the dropped rest.
    sent_checkins = [line for line in lines[:burst] if line.startswith("p")]
    assert len([text for text in answered if text.startswith("Saved for")]) == len(sent_checkins)
    assert _stored_scores(world, 7001) == [(int(line.split()[0][1:]), 2, 3, 1) for line in sent_checkins]


async def test_once_the_flood_is_over_the_participant_is_answered_normally_again(world):
    """A minute after her flood, Ann's check-in is saved and confirmed as if nothing had happened."""
    ann = world.person(7003, "Ann")
    await onboard(ann)
    clock = _LimiterClock()
    flood.installed_limiter(world.application).clock = clock
    await world.emulator.client.asend_batch([{"user_id": 7003, "text": "hello?", "first_name": "Ann"}] * 30)
    assert await world.emulator.client.await_idle(timeout=20)
    assert texts.FLOOD_NOTICE in [m["text"] for m in await ann.messages()]

    seen = len(await ann.messages())
    await world.emulator.client.asend_text(7003, "p5 n5 t5 b5", first_name="Ann")
    assert await world.emulator.client.await_idle(timeout=10)
    assert len(await ann.messages()) == seen  # no time has passed: still over the limit, and no second notice

    clock.now += 60
    reply = await ann.say("p2 n1 t1 b0")
    assert [m["text"] for m in reply] == ["Saved for Sat 21 Nov: pain 2 · numbness 1 · tingling 1 · balance 0"]
    assert _stored_scores(world, 7003) == [(2, 1, 1, 0)]


async def test_hammered_buttons_are_each_answered_but_only_a_burst_is_acted_on(world):
    """Forty quick taps on a check-in button: every tap stops spinning, the extra ones with a
    'too many taps' note, and the check-in is not filled in by them."""
    cy = world.person(7004, "Cy")
    await onboard(cy)
    clock = _LimiterClock()
    flood.installed_limiter(world.application).clock = clock
    sent = await cy.say("/checkin")
    message_id, data = await cy.find_button("4")
    answers_before = len(await world.emulator.client.acallback_answers())
    taps = 40
    for _ in range(taps):
        await world.emulator.client.apress_button(7004, message_id, data)
    assert await world.emulator.client.await_idle(timeout=20)

    answers = (await world.emulator.client.acallback_answers())[answers_before:]
    assert len(answers) == taps  # not one button left spinning
    assert [a["text"] for a in answers].count(texts.TOO_MANY_TAPS) == taps - flood.PRESSES.burst
    assert sent and _stored_scores(world, 7004) == []  # the same tap repeated never completes a check-in


async def test_an_admin_is_never_held_back(world):
    """The coaching team following up flags may send many commands at once: each one is answered."""
    admin = world.person(ADMIN_ID, "Admin")
    flood.installed_limiter(world.application).clock = _LimiterClock()
    commands = 3 * flood.MESSAGES.burst
    await world.emulator.client.asend_batch([{"user_id": ADMIN_ID, "text": "/flags", "first_name": "Admin"}] * commands)
    answers = await world.emulator.client.await_for_messages(ADMIN_ID, commands, timeout=20)
    assert await world.emulator.client.await_idle(timeout=20)
    assert len(await admin.messages()) == commands and texts.FLOOD_NOTICE not in texts_of(answers)


async def test_the_guard_forgets_chats_that_have_gone_quiet(world):
    """Memory stays bounded: a crowd of one-off senders is forgotten once they have been quiet a while."""
    limiter = flood.installed_limiter(world.application)
    clock = _LimiterClock()
    limiter.clock = clock
    crowd = 50
    await world.emulator.client.asend_batch([{"user_id": 7100 + n, "text": "hi"} for n in range(crowd)])
    assert await world.emulator.client.await_idle(timeout=20)
    assert limiter.tracked_chats() >= crowd

    clock.now += 2 * flood.SWEEP_EVERY
    await world.person(7200).say("hello")
    assert limiter.tracked_chats() == 1
