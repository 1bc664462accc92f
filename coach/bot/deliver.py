"""Says what a use case decided: admin alerts, button answers, edits and replies."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from coach.bot.keyboards import markup_for
from coach.services.plumbing.replies import Document, Outcome, Reply
from coach.services.reports.chart import ChartData, render_png

log = logging.getLogger(__name__)


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, outcome: Outcome) -> None:
    # Safety alerts go first and each on its own: a failure below must never swallow one.
    for alert in outcome.admin_alerts:
        try:
            await context.bot.send_message(chat_id=alert.chat_id, text=alert.text)
        except TelegramError as exc:
            log.warning("could not alert admin %s: %s", alert.chat_id, type(exc).__name__)
    # Then whoever an admin's change concerns: it is already stored, so telling them must not depend on the
    # admin's own confirmation getting through.
    for notice in outcome.notices:
        try:
            await context.bot.send_message(chat_id=notice.chat_id, text=notice.text)
        except TelegramError as exc:
            log.warning("could not tell chat %s what changed: %s", notice.chat_id, type(exc).__name__)
    query = update.callback_query
    if query is not None:
        try:
            # Always answer a press, even a stale one, so the button stops spinning.
            await query.answer(outcome.toast)
        except BadRequest as exc:  # a press too old to answer still gets its replies below
            log.info("could not answer a button press: %s", type(exc).__name__)
    for reply in outcome.replies:
        if reply.edit and query is not None and await _edited(query.message, reply):
            continue
        if reply.chart is not None:
            await send_chart(context.bot, update.effective_chat.id, reply.chart)
        for document in reply.documents:
            await send_document(context.bot, update.effective_chat.id, document)
        await context.bot.send_message(chat_id=update.effective_chat.id, text=reply.text,
                                       reply_markup=markup_for(reply))


async def send_chart(bot: Bot, chat_id: int, chart: ChartData) -> Message:
    """Render off the event loop (a chart takes a tenth of a second), then send it as a photo."""
    png = await asyncio.to_thread(render_png, chart)
    return await bot.send_photo(chat_id=chat_id, photo=png, caption=chart.caption)


async def send_document(bot: Bot, chat_id: int, document: Document) -> Message:
    """Upload the bytes under their file name (Telegram shows it, and picks the type from it)."""
    return await bot.send_document(chat_id=chat_id, document=InputFile(document.content, filename=document.filename),
                                   caption=document.caption)


async def _edited(message: object, reply: Reply) -> bool:
    """Replace the pressed message's text; False when it cannot be edited, so it is sent anew."""
    if not isinstance(message, Message) or message.text is None:
        return False
    markup = markup_for(reply)
    try:
        await message.edit_text(reply.text, reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None)
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return True
        log.info("could not edit a message: %s", type(exc).__name__)
        return False
    return True
