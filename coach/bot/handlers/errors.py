"""The last line of defence: log the failure (never the message text) and answer politely."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from coach.services import texts

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
