"""Admin commands and buttons: one line of routing each, all through the one admin guard."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import ContextTypes

from coach.bot.handlers.common import command_args, command_word, run_for_participant, run_plain
from coach.bot.runtime import runtime
from coach.services import admin, admin_changes, admin_overview, gate, programs
from coach.services.context import UseCaseContext
from coach.services.gate import AdminUseCase
from coach.services.replies import Outcome

# a1:foot:<flag>:<participant>: the participant the button was made for is checked too (older buttons lack it).
ADMIN_BUTTON = re.compile(r"^a1:foot:(\d{1,9})(?::(\d{1,9}))?$")
# /user_6004: the tappable form /users and the digest write (a space would end the command before the id).


async def _run_for_admin(update: Update, context: ContextTypes.DEFAULT_TYPE, use_case: AdminUseCase) -> None:
    sender = update.effective_user.id
    command = "" if update.callback_query else command_word(update)
    await run_plain(update, context, lambda ctx: gate.for_admin(ctx, sender, use_case, command=command))


AdminCommand = Callable[[UseCaseContext, int, str], Outcome]


def _with_args(use_case: AdminCommand) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]:
    """A handler for an admin command that takes the words after it: read them, then the one guard."""
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        args = command_args(update)
        await _run_for_admin(update, context, lambda ctx, admin_id: use_case(ctx, admin_id, args))

    handler.__doc__ = use_case.__doc__
    return handler


review = _with_args(admin.review_participant)
ack = _with_args(admin.acknowledge)
users = _with_args(admin_overview.users)
user = _with_args(admin_overview.user)
set_schedule = _with_args(admin_changes.set_schedule)
pause_user = _with_args(admin_changes.pause_user)
resume_user = _with_args(admin_changes.resume_user)


async def flags(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/flags: open red flags."""
    await _run_for_admin(update, context, admin.open_flags)


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats: delivery health."""
    await _run_for_admin(update, context, admin_overview.stats)


async def admin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Foot cleared — usual program."""
    flag, owner = ADMIN_BUTTON.match(update.callback_query.data).groups()
    await _run_for_admin(update, context, lambda ctx, admin_id: admin.clear_foot(
        ctx, admin_id, int(flag), participant_id=int(owner) if owner else None))


async def program(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/program: the sender's own exercises; /program <id> [add|change|remove …]: an admin's view and edits."""
    args = command_args(update)
    if not args.strip():
        await run_for_participant(update, context, programs.show)
    elif update.effective_user.id in runtime(context).settings.coach_admin_ids:
        await _run_for_admin(update, context,
                             lambda ctx, admin_id: admin_changes.show_or_edit_program(ctx, admin_id, args))
    else:
        # Not an admin: nobody else's program, and no hint that one could be asked for.
        await run_for_participant(update, context, programs.show)


TAPPABLE = re.compile(r"^/(user|ack)_(\d{1,15})(?:@\w+)?$")
_TAPPABLE_USE_CASES: dict[str, AdminCommand] = {"user": admin_overview.user, "ack": admin.acknowledge}


async def tapped_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "/user_17" or "/ack_5" from an alert: the same as "/user 17" and "/ack 5", through the same guard."""
    name, number = TAPPABLE.match(update.effective_message.text or "").groups()
    await _run_for_admin(update, context,
                         lambda ctx, admin_id: _TAPPABLE_USE_CASES[name](ctx, admin_id, number))
