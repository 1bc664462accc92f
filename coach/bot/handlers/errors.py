"""The last line of defence: log the failure (never the message text) and answer politely."""

from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from coach.bot.runtime import runtime
from coach.domain.safety import detect_red_flags
from coach.domain.safety.numbers import contacts_for_timezone
from coach.domain.safety.replies import red_flag_reply
from coach.services import texts
from coach.services.free_text.messages import SAFETY_SCAN_LIMIT
from coach.services.plumbing.claims import CURRENT_CLAIM, ClaimLost
from coach.services.plumbing.runner import is_transient

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first, then tell the person to try again rather than going silent."""
    error = context.error
    claim = CURRENT_CLAIM.get()
    if isinstance(error, ClaimLost):
        log.info("update %s was handled already or taken over; this attempt was not kept",
                 claim and claim.update_id)
        return
    if claim is not None and not claim.final and not claim.handled and is_transient(error):
        # From the webhook's inbox: the update is tried again shortly, so no apology yet. A red flag is
        # answered now all the same (a second, stored answer follows when the retry succeeds).
        log.warning("update %s failed on the database (%s), attempt %d; it will be tried again",
                    claim.update_id, type(error).__name__, claim.attempt)
        claim.retry = True
        if claim.attempt == 1 and isinstance(update, Update):
            await _red_flags_without_the_database(update, context)
        return
    log.error("update %s failed: %s", getattr(update, "update_id", "?"), type(error).__name__,
              exc_info=(type(error), error, error.__traceback__) if error else None)
    if not isinstance(update, Update):
        return
    if claim is not None and claim.handled:
        # The use case committed (and its messages are in the outbox): "nothing was saved" would be untrue.
        return
    if isinstance(error, TelegramError):
        # The answer itself could not be sent (what it answered was stored by then): an apology through
        # the same failing API would most likely fail too, and saying "nothing was saved" would be untrue.
        return
    # Nothing of the update was stored, so the apology cannot wait in the outbox (the database may be what
    # failed): it is said at once, through the one sender.
    outbound = runtime(context).outbound
    await outbound.answer_press(update.callback_query, texts.SORRY_TRY_AGAIN[:200])
    if update.effective_chat is not None:
        await outbound.send_unrecorded(update.effective_chat.id, texts.SORRY_TRY_AGAIN)
    await _red_flags_without_the_database(update, context)


async def _red_flags_without_the_database(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A red flag in a message that failed on the database still gets its calm, specific answer: that needs
    no database. Only for a database failure (otherwise the flag was stored and answered already), and only
    for what the person wrote (a button press carries the bot's own text). Admins are not alerted from here:
    whether the person consented to that cannot be checked while the database is away."""
    if not isinstance(context.error, DBAPIError) or update.message is None or update.effective_chat is None:
        return
    text = update.message.text or update.message.caption or ""
    found = detect_red_flags(text[:SAFETY_SCAN_LIMIT]) if text else []
    if found:
        # The participant's own time zone is in the database that is away: the bot's default zone gives the numbers.
        contacts = contacts_for_timezone(runtime(context).settings.coach_default_timezone)
        await runtime(context).outbound.send_unrecorded(update.effective_chat.id,
                                                        red_flag_reply(found, contacts, team_told=False))
