"""Plain messages (not commands, not buttons): safety first, then whatever the message is — a check-in, part of
one, a note for the diary, a question — and only when it is none of these, a gentle "I didn't understand"."""

from __future__ import annotations

from dataclasses import replace

from coach.domain.states import Awaiting
from coach.domain.symptoms import ParsedCheckin, parse_checkin
from coach.domain.understanding.classify import SCAN_LIMIT, MessageClass, Understanding, understand
from coach.services import texts
from coach.services.checkins import daily as checkins
from coach.services.checkins import notes
from coach.services.free_text import questions
from coach.services.participants import onboarding
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome
from coach.services.safety import red_flags as safety
from coach.store import participants as participant_store
from coach.store.models import Participant
from coach.store.participants import ParticipantView

# Red flags are looked for in everything Telegram can deliver in one message.
SAFETY_SCAN_LIMIT = SCAN_LIMIT
_SCORES = frozenset({MessageClass.CHECKIN, MessageClass.PARTIAL, MessageClass.AMBIGUOUS})


def handle_text(ctx: UseCaseContext, *, telegram_id: int, text: str) -> Outcome:
    """Route a typed message from a participant."""
    participant = _sender(ctx, telegram_id)
    if participant is None:
        flagged = safety.scan_text(ctx, None, text[:SAFETY_SCAN_LIMIT], source="free_text")
        return flagged.say(texts.NEED_START)
    if participant.awaiting == Awaiting.TIMEZONE and not _is_checkin(ctx, participant, text):
        flagged = safety.scan_text(ctx, participant, text[:SAFETY_SCAN_LIMIT], source="free_text")
        return flagged.extend(onboarding.timezone_from_text(ctx, participant, text))
    if participant.onboarding_step is not None:
        flagged = safety.scan_text(ctx, participant, text[:SAFETY_SCAN_LIMIT], source="free_text")
        return flagged.say(texts.FINISH_ONBOARDING).extend(onboarding.current_step(ctx, participant))
    if len(text) > SAFETY_SCAN_LIMIT:
        # More than Telegram itself delivers in one message: read for red flags, but not stored half-read.
        flagged = safety.scan_text(ctx, participant, text[:SAFETY_SCAN_LIMIT], source="free_text")
        return flagged.say(texts.TOO_LONG.format(length=len(text), limit=SAFETY_SCAN_LIMIT))
    return respond(ctx, participant, understand(text, today=ctx.local_today(participant)))


def respond(ctx: UseCaseContext, participant: Participant | ParticipantView, understood: Understanding) -> Outcome:
    """Everything a message was understood to be, answered in order: safety, scores, note, question."""
    classes = understood.classes
    outcome = Outcome()
    if understood.flags:
        source = "checkin_note" if classes & _SCORES else "free_text"
        outcome.extend(safety.raise_flags(ctx, participant, list(understood.flags), source=source))
    if classes & _SCORES:
        outcome.extend(checkins.record(ctx, participant, understood, source="typed"))
        if MessageClass.NOTE in classes and not (understood.complete and not understood.ambiguities):
            # Part of a check-in: the note is kept in the diary now; the scores wait for the rest.
            outcome.extend(notes.keep(ctx, participant, understood.note, day=understood.day, offer=False))
    elif MessageClass.NOTE in classes and understood.note and not understood.flags:
        # A red flag's words are kept with the flag; the safety answer is what matters now, not the diary.
        outcome.extend(notes.keep(ctx, participant, understood.note, day=understood.day))
    if MessageClass.QUESTION in classes:
        outcome.extend(questions.answer(ctx, participant, understood.topics))
    if not outcome.replies:
        outcome.say(texts.SMALL_TALK if MessageClass.SMALL_TALK in classes else texts.NOT_UNDERSTOOD)
    return outcome


def handle_edit(ctx: UseCaseContext, *, telegram_id: int, text: str) -> Outcome:
    """An edited message changes nothing stored — but a red flag written into it is answered like any other."""
    participant = participant_store.get_view_by_telegram_id(connection=ctx.connection, telegram_id=telegram_id)
    flagged = safety.scan_text(ctx, participant, text[:SAFETY_SCAN_LIMIT], source="free_text")
    if flagged.replies:
        flagged.replies[0] = replace(flagged.replies[0], text=texts.EDITED_RED_FLAG + "\n\n" + flagged.replies[0].text)
    return flagged.say(texts.EDIT_NOT_APPLIED)


def _sender(ctx: UseCaseContext, telegram_id: int) -> Participant | ParticipantView | None:
    """Who wrote: a light read-only view when nothing is in progress (the everyday check-in),
    the full participant when onboarding or a pending question may change them."""
    view = participant_store.get_view_by_telegram_id(connection=ctx.connection, telegram_id=telegram_id)
    if view is None or (view.onboarding_step is None and view.awaiting is None):
        return view
    return participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)


def _is_checkin(ctx: UseCaseContext, participant: Participant, text: str) -> bool:
    """A complete check-in line, even while a place name is awaited (nobody lives in 'p4 n2 t3 b1')."""
    return participant.onboarding_step is None and isinstance(
        parse_checkin(text, today=ctx.local_today(participant)), ParsedCheckin)


def handle_non_text(ctx: UseCaseContext, *, telegram_id: int, caption: str) -> Outcome:
    """A photo, voice note or sticker: a caption is still read for red flags."""
    participant = participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)
    outcome = safety.scan_text(ctx, participant, caption[:SAFETY_SCAN_LIMIT], source="free_text")
    return outcome.say(texts.ONLY_TEXT)


def handle_location(ctx: UseCaseContext, *, telegram_id: int, latitude: float, longitude: float) -> Outcome:
    participant = participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)
    if participant is None:
        return Outcome().say(texts.NEED_START)
    if participant.awaiting != Awaiting.TIMEZONE:
        return Outcome().say(texts.LOCATION_NOT_NEEDED)
    return onboarding.timezone_from_location(ctx, participant, latitude, longitude)

