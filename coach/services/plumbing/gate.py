"""Who may run a participant use case: strangers are asked to /start, half-onboarded people to finish."""

from __future__ import annotations

from collections.abc import Callable

from coach.services import texts
from coach.services.participants import onboarding
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome
from coach.store import participants as participant_store
from coach.store.models import Participant

ParticipantUseCase = Callable[[UseCaseContext, Participant], Outcome]


def for_participant(ctx: UseCaseContext, telegram_id: int, use_case: ParticipantUseCase, *,
                    during_onboarding: bool = False, owner: int | None = None) -> Outcome:
    """Run `use_case` for the sender, or explain what they need to do first. A button made for another
    participant (`owner`) — from before this person erased their data and started again — does nothing."""
    participant = participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)
    if participant is None:
        return Outcome(toast=texts.NEED_START).say(texts.NEED_START)
    if owner is not None and owner != participant.id:
        return Outcome(toast=texts.NOT_YOUR_BUTTON)
    if participant.onboarding_step is not None and not during_onboarding:
        return Outcome().say(texts.FINISH_ONBOARDING).extend(onboarding.current_step(ctx, participant))
    return use_case(ctx, participant)


AdminUseCase = Callable[[UseCaseContext, int], Outcome]


def is_admin(ctx: UseCaseContext, telegram_id: int) -> bool:
    """The one admin check: an id in COACH_ADMIN_IDS, read again for every update."""
    return is_admin_id(ctx.admin_ids, telegram_id)


def is_admin_id(admin_ids: tuple[int, ...], telegram_id: int | None) -> bool:
    """The same check where no use case runs (the in-memory flood guard, the dashboard's session cookie)."""
    return telegram_id is not None and telegram_id in admin_ids


def for_admin(ctx: UseCaseContext, telegram_id: int, use_case: AdminUseCase, *, command: str) -> Outcome:
    """Run an admin use case only for an id in COACH_ADMIN_IDS; anyone else learns nothing, not even that
    the command exists (`command` is the word they typed, or '' for a button)."""
    if not is_admin(ctx, telegram_id):
        if not command:
            return Outcome(toast=texts.NOT_YOUR_BUTTON)
        return Outcome().say(texts.UNKNOWN_COMMAND.format(command=command))
    return use_case(ctx, telegram_id)


def admin_or_participant(ctx: UseCaseContext, telegram_id: int, *, as_admin: AdminUseCase,
                         as_participant: ParticipantUseCase) -> Outcome:
    """A command with an admin form: admins get it, anyone else the participant's form, with no hint of more."""
    if is_admin(ctx, telegram_id):
        return as_admin(ctx, telegram_id)
    return for_participant(ctx, telegram_id, as_participant)


def help_for(ctx: UseCaseContext, telegram_id: int) -> Outcome:
    """/help: what the bot can do; admins also read their part."""
    return Outcome().say(texts.HELP_PARTICIPANT + (texts.HELP_ADMIN if is_admin(ctx, telegram_id) else ""))
