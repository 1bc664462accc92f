"""Says what a use case decided: replies, edits, button answers and admin alerts."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from coach.bot.keyboards import markup_for
from coach.bot.runtime import runtime
from coach.services.replies import Outcome
from coach.services.runner import run_async
from coach.store import checkins as checkin_store

log = logging.getLogger(__name__)


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, outcome: Outcome) -> None:
    query = update.callback_query
    if query is not None:
        # Always answer a press, even a stale one, so the button stops spinning.
        await query.answer(outcome.toast)
    chat = update.effective_chat
    for reply in outcome.replies:
        markup = markup_for(reply)
        if reply.edit and query is not None and query.message is not None:
            inline = markup if isinstance(markup, InlineKeyboardMarkup) else None
            try:
                await query.edit_message_text(reply.text, reply_markup=inline)
            except BadRequest as exc:
                if "not modified" not in str(exc).lower():
                    raise
            continue
        sent = await context.bot.send_message(chat_id=chat.id, text=reply.text, reply_markup=markup)
        if reply.draft_id is not None:
            await run_async(runtime(context).runner, lambda ctx, d=reply.draft_id, m=sent.message_id:
                            checkin_store.attach_draft_message(session=ctx.session, draft_id=d, message_id=m))
    for alert in outcome.admin_alerts:
        try:
            await context.bot.send_message(chat_id=alert.chat_id, text=alert.text)
        except (Forbidden, BadRequest) as exc:
            log.warning("could not alert admin %s: %s", alert.chat_id, type(exc).__name__)
        except TelegramError as exc:
            log.warning("admin alert failed: %s", type(exc).__name__)
