"""The last line of defence: log the failure (never the message text) and answer politely."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from coach.bot.runtime import runtime
from coach.domain.safety import admin_alert_text, detect_red_flags, red_flag_reply
from coach.services import texts
from coach.services.inbox import SAFETY_SCAN_LIMIT

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first, then tell the person to try again rather than going silent."""
    error = context.error
    log.error("update %s failed: %s", getattr(update, "update_id", "?"), type(error).__name__,
              exc_info=(type(error), error, error.__traceback__) if error else None)
    if not isinstance(update, Update):
        return
    if update.callback_query is not None:
        # Already answered, or too old: either way the message below still goes out.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer(texts.SORRY_TRY_AGAIN[:200])
    if update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, texts.SORRY_TRY_AGAIN)
        except TelegramError as exc:
            log.warning("could not send the apology: %s", type(exc).__name__)
    await _red_flags_without_the_database(update, context)


async def _red_flags_without_the_database(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A red flag in a message that could not be handled (the database away, say) still gets its calm,
    specific answer and still reaches the admins: neither needs the database. It could not be stored, so
    the admins are asked to follow up directly."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    found = detect_red_flags(text[:SAFETY_SCAN_LIMIT]) if text else []
    if not found or update.effective_chat is None:
        return
    with contextlib.suppress(TelegramError):
        await context.bot.send_message(update.effective_chat.id, red_flag_reply(found))
    user = update.effective_user
    label = f"{(user.first_name if user else '') or 'participant'} (id {user.id if user else '?'})"
    alert = admin_alert_text(found, participant_label=label) + (
        "\nThis could not be stored (the bot hit an error), so it is not in /flags: please follow up directly.")
    for admin in runtime(context).settings.coach_admin_ids:
        try:
            await context.bot.send_message(admin, alert)
        except TelegramError as exc:
            log.warning("could not alert admin %s: %s", admin, type(exc).__name__)
