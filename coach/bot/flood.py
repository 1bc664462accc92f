"""Per-chat flood control: a burst is answered; a flood beyond it is dropped, with one calm notice.

Installed first (handler group -1) and kept entirely in memory, with no database and no waiting:
a flooding chat costs each dropped update a lookup and a scan for red flags, so it cannot hold up
anyone else for long.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Message, Update
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from coach.bot.runtime import runtime
from coach.domain.safety import detect_red_flags
from coach.services import texts
from coach.services.free_text.messages import SAFETY_SCAN_LIMIT
from coach.services.plumbing import gate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Allowance:
    """`burst` in a row, then one more every `every` seconds (a token bucket)."""

    burst: int
    every: float


# Messages: 12 in a row, then one a second.
# - One a second is about the pace Telegram lets a bot answer in one chat, and already faster than
#   anyone types for long.
# - 12 in a row covers the quickest real conversations: a check-in sent as four short lines with a
#   correction or two, a few lines pasted at once, a run of /log tries. (The end-to-end tests, which
#   send each message the instant the answer arrives, peak at 12.) More than that, faster than the
#   answers can be read, is a stuck key, a forwarded pile or a script, and 200 answers help nobody.
MESSAGES = Allowance(burst=12, every=1.0)
# Button presses: 20 in a row, then one a second. A press answers a question the bot has just asked,
# and setting up alone is ten presses in a row (consent, seven screening questions, condition,
# schedule); a button check-in is four or five more. Over the limit a press still gets a toast.
PRESSES = Allowance(burst=20, every=1.0)
# The notice says "wait a minute", so it is not repeated within one.
NOTICE_EVERY = 60.0
# How often chats that have calmed down are forgotten: memory holds only the last minute or two's senders.
SWEEP_EVERY = 60.0


class _Bucket:
    __slots__ = ("at", "tokens")

    def __init__(self, allowance: Allowance, now: float):
        self.tokens = float(allowance.burst)
        self.at = now

    def take(self, allowance: Allowance, now: float) -> bool:
        earned = min(float(allowance.burst), self.tokens + (now - self.at) / allowance.every)
        self.at = now
        if earned >= 1:
            self.tokens = earned - 1
            return True
        # Time spent over the limit earns nothing: a flood that goes on is dropped whole, rather than
        # answered every couple of seconds at some random line of it. Slowing to a human pace (one
        # message per `every` seconds) is enough to be answered again.
        return False

    def full(self, allowance: Allowance, now: float) -> bool:
        return self.tokens + (now - self.at) / allowance.every >= allowance.burst


class _Chat:
    __slots__ = ("messages", "noticed_at", "presses")

    def __init__(self, now: float):
        self.messages = _Bucket(MESSAGES, now)
        self.presses = _Bucket(PRESSES, now)
        self.noticed_at: float | None = None


class FloodLimiter:
    """Which updates of a chat to handle; pure bookkeeping on a clock (monotonic unless a test sets one)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._chats: dict[int, _Chat] = {}
        self._swept_at = clock()

    def allow_message(self, chat_id: int) -> bool:
        now = self.clock()
        self._sweep(now)
        return self._chat(chat_id, now).messages.take(MESSAGES, now)

    def allow_press(self, chat_id: int) -> bool:
        now = self.clock()
        self._sweep(now)
        return self._chat(chat_id, now).presses.take(PRESSES, now)

    def first_drop(self, chat_id: int) -> bool:
        """True once per NOTICE_EVERY for a chat over its limit: the one drop that gets the notice."""
        now = self.clock()
        chat = self._chat(chat_id, now)
        if chat.noticed_at is not None and now - chat.noticed_at < NOTICE_EVERY:
            return False
        chat.noticed_at = now
        return True

    def tracked_chats(self) -> int:
        return len(self._chats)

    def _chat(self, chat_id: int, now: float) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._chats[chat_id] = _Chat(now)
        return chat

    def _sweep(self, now: float) -> None:
        # A chat whose buckets are full again and whose notice is old is the same as a new one.
        if now - self._swept_at < SWEEP_EVERY:
            return
        self._swept_at = now
        self._chats = {chat_id: chat for chat_id, chat in self._chats.items() if not (
            chat.messages.full(MESSAGES, now) and chat.presses.full(PRESSES, now)
            and (chat.noticed_at is None or now - chat.noticed_at >= NOTICE_EVERY))}


class FloodGuard:
    """The callback in front of every handler: returns to let an update through, or stops it here."""

    def __init__(self, limiter: FloodLimiter):
        self.limiter = limiter

    async def __call__(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat_id = _chat_id(update)
        if chat_id is None:
            return
        # Admins are not limited: they are a few known people, and what they send includes safety
        # follow-up (/flags, /ack); dropping one of those mid-incident costs more than their volume can.
        if update.effective_user is not None and gate.is_admin_id(runtime(context).settings.coach_admin_ids,
                                                                  update.effective_user.id):
            return
        if update.callback_query is not None:
            if self.limiter.allow_press(chat_id):
                return
            # Always answered, so the button stops spinning; nothing else happens.
            await runtime(context).outbound.answer_press(update.callback_query, texts.TOO_MANY_TAPS)
            raise ApplicationHandlerStop
        message = update.message or update.edited_message
        if message is None:  # member changes, reactions…: no handler answers them, nothing to limit
            return
        # Safety first: a red flag is answered however many messages came before it.
        if self.limiter.allow_message(chat_id) or _mentions_red_flag(message):
            return
        if self.limiter.first_drop(chat_id):
            log.warning("chat %s sent more than %d messages at once; the rest are not handled until it slows down",
                        chat_id, MESSAGES.burst)
            await runtime(context).outbound.send_unrecorded(chat_id, texts.FLOOD_NOTICE)
        raise ApplicationHandlerStop


def guard(limiter: FloodLimiter | None = None) -> TypeHandler:
    """The handler to install in group -1, before every other handler."""
    return TypeHandler(Update, FloodGuard(limiter or FloodLimiter()))


def installed_limiter(application: Application) -> FloodLimiter:
    """The limiter the application's guard uses (tests move its clock; operators can count its chats)."""
    for handler in application.handlers.get(-1, []):
        if isinstance(handler.callback, FloodGuard):
            return handler.callback.limiter
    raise LookupError("no flood guard installed")


def _chat_id(update: Update) -> int | None:
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


def _mentions_red_flag(message: Message) -> bool:
    text = message.text or message.caption or ""
    return bool(detect_red_flags(text[:SAFETY_SCAN_LIMIT]))
