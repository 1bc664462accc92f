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
                    during_onboarding: bool = False) -> Outcome:
    """Run `use_case` for the sender, or explain what they need to do first."""
    participant = participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)
    if participant is None:
        return Outcome(toast=texts.NEED_START).say(texts.NEED_START)
    if participant.onboarding_step is not None and not during_onboarding:
        return Outcome().say(texts.FINISH_ONBOARDING).extend(onboarding.current_step(ctx, participant))
    return use_case(ctx, participant)


AdminUseCase = Callable[[UseCaseContext, int], Outcome]


def for_admin(ctx: UseCaseContext, telegram_id: int, use_case: AdminUseCase, *, command: str) -> Outcome:
    """Run an admin use case only for an id in COACH_ADMIN_IDS; anyone else learns nothing, not even that
    the command exists (`command` is the word they typed, or '' for a button)."""
    if telegram_id not in ctx.admin_ids:
        if not command:
            return Outcome(toast=texts.NOT_YOUR_BUTTON)
        return Outcome().say(texts.UNKNOWN_COMMAND.format(command=command))
    return use_case(ctx, telegram_id)
