"""Shared plumbing for handlers: find the participant, run the use case, deliver the outcome."""

from __future__ import annotations

from collections.abc import Callable

from telegram import Update
from telegram.ext import ContextTypes

from coach.bot.runtime import runtime
from coach.services.plumbing import gate, outbox
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.gate import ParticipantUseCase
from coach.services.plumbing.replies import Outcome


def command_word(update: Update) -> str:
    """'/ack' for '/ack@CoachBot 12'."""
    return (update.effective_message.text or "/").split()[0].split("@")[0][:40]


def command_args(update: Update) -> str:
    """The text after the command word, e.g. 'yesterday pain 3 …' for '/checkin yesterday pain 3 …'."""
    text = update.effective_message.text or ""
    parts = text.split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


async def run_for_participant(update: Update, context: ContextTypes.DEFAULT_TYPE, use_case: ParticipantUseCase,
                              *, during_onboarding: bool = False, owner: int | None = None) -> None:
    """Run a participant use case for the sender (the gate in services decides who may); `owner` is the
    participant a pressed button was made for."""
    telegram_id = update.effective_user.id
    await run_plain(update, context, lambda ctx: gate.for_participant(
        ctx, telegram_id, use_case, during_onboarding=during_onboarding, owner=owner))


async def run_plain(update: Update, context: ContextTypes.DEFAULT_TYPE,
                    use_case: Callable[[UseCaseContext], Outcome]) -> None:
    """Run the use case; what it says is stored in its own transaction, then sent at once (coach/bot/outbound.py)."""
    rt = runtime(context)
    query = update.callback_query
    target = outbox.Target(update.effective_chat.id if update.effective_chat else None,
                           query.message.message_id if query is not None and query.message is not None else None)
    recorded = await rt.runner.run_async(lambda ctx: outbox.record(ctx, use_case(ctx), target,
                                                                   worker=rt.outbound.worker))
    await rt.outbound.after_commit(query, recorded)
