"""Admin commands and buttons: one line of routing each, all through the one admin guard."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import ContextTypes

from coach.bot.handlers.common import command_args, command_word, run_plain
from coach.services import admin, gate
from coach.services.gate import AdminUseCase

ADMIN_BUTTON = re.compile(r"^a1:foot:(\d{1,12})$")


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
