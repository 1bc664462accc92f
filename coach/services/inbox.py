"""Plain messages (not commands, not buttons): safety first, then whatever the bot is waiting for."""

from __future__ import annotations

import re

from coach.domain.symptoms import MAX_TEXT_LENGTH, ParseFailure, parse_checkin
from coach.services import checkins, onboarding, safety, texts
from coach.services.context import UseCaseContext
from coach.services.replies import Outcome
from coach.store import participants as participant_store
from coach.store.models import Participant
from coach.store.participants import ParticipantView

# Red flags are looked for even in an over-long message, but only in its first part.
SAFETY_SCAN_LIMIT = 4096
_LOOKS_LIKE_CHECKIN = re.compile(
    r"\d|\b(pain|numb|tingl|burn|balance|unsteady|same|pins)", re.IGNORECASE)


def handle_text(ctx: UseCaseContext, *, telegram_id: int, text: str) -> Outcome:
    """Route a typed message from a participant."""
    participant = _sender(ctx, telegram_id)
    flagged = safety.scan_text(ctx, participant, text[:SAFETY_SCAN_LIMIT],
                               source="checkin_note" if _LOOKS_LIKE_CHECKIN.search(text) else "free_text")
    if participant is None:
        return flagged.say(texts.NEED_START) if flagged.replies else Outcome().say(texts.NEED_START)
    outcome = flagged
    if len(text) > MAX_TEXT_LENGTH:
        return outcome.say(texts.TOO_LONG.format(length=len(text), limit=MAX_TEXT_LENGTH))
    if participant.awaiting == "timezone" and not _is_checkin(ctx, participant, text):
        return outcome.extend(onboarding.timezone_from_text(ctx, participant, text))
    if participant.onboarding_step is not None:
        return outcome.say(texts.FINISH_ONBOARDING).extend(onboarding.current_step(ctx, participant))
    waiting_for_checkin = (participant.awaiting or "").startswith("checkin:")
    if waiting_for_checkin or (_LOOKS_LIKE_CHECKIN.search(text) and not (
            flagged.replies and _unreadable(ctx, participant, text))):
        return outcome.extend(checkins.submit_typed(ctx, participant, text, source="typed"))
    if not outcome.replies:
        outcome.say(texts.NOT_UNDERSTOOD)
    return outcome


def _sender(ctx: UseCaseContext, telegram_id: int) -> Participant | ParticipantView | None:
    """Who wrote: a light read-only view when nothing is in progress (the everyday check-in),
    the full participant when onboarding or a pending question may change them."""
    view = participant_store.get_view_by_telegram_id(connection=ctx.connection, telegram_id=telegram_id)
    if view is None or (view.onboarding_step is None and view.awaiting is None):
        return view
    return participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)


def _unreadable(ctx: UseCaseContext, participant: Participant, text: str) -> bool:
    # A red-flag message that merely mentions pain needs the safety answer, not a parsing lesson.
    return isinstance(parse_checkin(text, today=ctx.local_today(participant)), ParseFailure)


def _is_checkin(ctx: UseCaseContext, participant: Participant, text: str) -> bool:
    """A complete check-in line, even while a place name is awaited (nobody lives in 'p4 n2 t3 b1')."""
    return participant.onboarding_step is None and not _unreadable(ctx, participant, text)


def handle_non_text(ctx: UseCaseContext, *, telegram_id: int, caption: str) -> Outcome:
    """A photo, voice note or sticker: a caption is still read for red flags."""
    participant = participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)
    outcome = safety.scan_text(ctx, participant, caption[:SAFETY_SCAN_LIMIT], source="free_text")
    return outcome.say(texts.ONLY_TEXT)


def handle_location(ctx: UseCaseContext, *, telegram_id: int, latitude: float, longitude: float) -> Outcome:
    participant = participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)
    if participant is None:
        return Outcome().say(texts.NEED_START)
    if participant.awaiting != "timezone":
        return Outcome().say("Thanks — I only use a location to set your time zone. Send /timezone to change it.")
    return onboarding.timezone_from_location(ctx, participant, latitude, longitude)
