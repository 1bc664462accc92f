"""Admin commands and buttons: one line of routing each, all through the one admin guard."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import ContextTypes

from coach.bot.handlers.common import command_args, command_word, run_for_participant, run_plain
from coach.bot.runtime import runtime
from coach.services import admin, admin_changes, admin_overview, gate, programs
from coach.services.gate import AdminUseCase

ADMIN_BUTTON = re.compile(r"^a1:foot:(\d{1,9})$")


async def _run_for_admin(update: Update, context: ContextTypes.DEFAULT_TYPE, use_case: AdminUseCase) -> None:
    sender = update.effective_user.id
    command = "" if update.callback_query else command_word(update)
    await run_plain(update, context, lambda ctx: gate.for_admin(ctx, sender, use_case, command=command))


async def review(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/review <telegram id>: a participant's weekly review, now."""
    args = command_args(update)
    await _run_for_admin(update, context, lambda ctx, admin_id: admin.review_participant(ctx, admin_id, args))


async def flags(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/flags: open red flags."""
    await _run_for_admin(update, context, admin.open_flags)


async def ack(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ack <flag>: a red flag was followed up."""
    args = command_args(update)
    await _run_for_admin(update, context, lambda ctx, admin_id: admin.acknowledge(ctx, admin_id, args))


async def admin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Foot cleared — usual program."""
    wound_flag_id = int(ADMIN_BUTTON.match(update.callback_query.data).group(1))
    await _run_for_admin(update, context, lambda ctx, admin_id: admin.clear_foot(ctx, admin_id, wound_flag_id))


async def users(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/users [page]: everyone, a page at a time."""
    args = command_args(update)
    await _run_for_admin(update, context, lambda ctx, admin_id: admin_overview.users(ctx, admin_id, args))


async def user(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/user <id>: one participant in detail."""
    args = command_args(update)
    await _run_for_admin(update, context, lambda ctx, admin_id: admin_overview.user(ctx, admin_id, args))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats: delivery health."""
    await _run_for_admin(update, context, admin_overview.stats)


async def set_schedule(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/setschedule <id> checkin|sessions|review …"""
    args = command_args(update)
    await _run_for_admin(update, context, lambda ctx, admin_id: admin_changes.set_schedule(ctx, admin_id, args))


async def pause_user(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pauseuser <id> [days]"""
    args = command_args(update)
    await _run_for_admin(update, context, lambda ctx, admin_id: admin_changes.pause_user(ctx, admin_id, args))


async def resume_user(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/resumeuser <id>"""
    args = command_args(update)
    await _run_for_admin(update, context, lambda ctx, admin_id: admin_changes.resume_user(ctx, admin_id, args))


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
