"""Shared plumbing for handlers: find the participant, run the use case, deliver the outcome."""

from __future__ import annotations

from collections.abc import Callable

from telegram import Update
from telegram.ext import ContextTypes

from coach.bot.deliver import deliver
from coach.bot.runtime import runtime
from coach.services import onboarding, texts
from coach.services.context import UseCaseContext
from coach.services.replies import Outcome
from coach.services.runner import run_async
from coach.store import participants as participant_store
from coach.store.models import Participant

ParticipantUseCase = Callable[[UseCaseContext, Participant], Outcome]


def command_args(update: Update) -> str:
    """The text after the command word, e.g. 'yesterday pain 3 …' for '/checkin yesterday pain 3 …'."""
    text = update.effective_message.text or ""
    parts = text.split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


async def run_for_participant(update: Update, context: ContextTypes.DEFAULT_TYPE, use_case: ParticipantUseCase,
                              *, during_onboarding: bool = False) -> None:
    """Run a use case for the sender; strangers are asked to /start, half-onboarded people to finish."""
    telegram_id = update.effective_user.id

    def call(ctx: UseCaseContext) -> Outcome:
        participant = participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)
        if participant is None:
            return Outcome(toast=texts.NEED_START).say(texts.NEED_START)
        if participant.onboarding_step is not None and not during_onboarding:
            return Outcome().say(texts.FINISH_ONBOARDING).extend(onboarding.current_step(ctx, participant))
        return use_case(ctx, participant)

    await deliver(update, context, await run_async(runtime(context).runner, call))


async def run_plain(update: Update, context: ContextTypes.DEFAULT_TYPE,
                    use_case: Callable[[UseCaseContext], Outcome]) -> None:
    await deliver(update, context, await run_async(runtime(context).runner, use_case))
