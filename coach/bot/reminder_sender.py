"""The dispatcher: claims due reminders and sends them, honestly about every way sending can fail."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time as monotonic_time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from coach.bot.keyboards import markup_for
from coach.bot.outbound import Outbound, retry_seconds
from coach.core.metrics import Metrics
from coach.domain.states import ReminderStatus
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Reply
from coach.services.plumbing.runner import UseCaseRunner
from coach.services.reminders import due
from coach.store import reminders as store
from coach.store.reminders import DueReminder

log = logging.getLogger(__name__)
# A claim not renewed for this long was left by a worker that died (COACH_CLAIM_LEASE_SECONDS).
DEFAULT_CLAIM_LEASE = timedelta(minutes=2)
# A batch is claimed for about this many seconds of sending: a claim waiting in a batch is not
# renewed until its turn, and must not outlast the lease while its worker is alive and well.
BATCH_SECONDS = 30
LOST_CLAIM = "claim lost"


def process_worker_name(pid: int | None = None) -> str:
    """host:pid of this process (or of `pid` on this host), within the 64 characters the claim columns
    hold (a container's host name can be long)."""
    return f"{socket.gethostname()[:48]}:{os.getpid() if pid is None else pid}"


class ChatGap:
    """About one send a second to any one chat (Telegram's limit per chat). The bot's overall rate is not
    kept here but in the database, shared by every worker (coach/bot/outbound.py).

    Pacing is about Telegram's real limits, so it uses the monotonic clock, not the bot's (possibly
    simulated) "now".
    """

    def __init__(self) -> None:
        self.last_to_chat: dict[int, float] = {}

    async def wait_turn(self, chat_id: int) -> None:
        now = monotonic_time.monotonic()
        slot = max(now, self.last_to_chat.get(chat_id, -1.0) + 1.0)
        self.last_to_chat[chat_id] = slot
        if slot > now:
            await asyncio.sleep(slot - now)

    def forget_old_chats(self) -> None:
        horizon = monotonic_time.monotonic() - 2.0
        self.last_to_chat = {chat: at for chat, at in self.last_to_chat.items() if at > horizon}


@dataclass
class DispatchReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    uncertain: int = 0
    expired: int = 0
    released: int = 0


class Dispatcher:
    def __init__(self, runner: UseCaseRunner, bot: Bot, *, send_rate: float, grace: timedelta,
                 batch: int = 500, worker: str | None = None, lease: timedelta = DEFAULT_CLAIM_LEASE,
                 metrics: Metrics | None = None, outbound: Outbound | None = None):
        self.runner = runner
        self.bot = bot
        self.grace = grace
        self.batch = batch
        self.lease = lease
        self.send_rate = send_rate
        self.chat_gap = ChatGap()
        self.metrics = metrics
        # Names this process's claims; two dispatchers in one process (tests) need their own names.
        self.worker = worker or process_worker_name()
        # The one sender: the bot's rate and Telegram's pause are booked through it, shared by every worker.
        self.outbound = outbound or Outbound(runner, bot, worker=self.worker, send_rate=send_rate, lease=lease)
        # True once the bot is shutting down (see schedule_ticks): the send in hand finishes, and the
        # rest of the batch goes back to the queue rather than holding up the stop.
        self.stopping: Callable[[], bool] = lambda: False

    async def dispatch(self) -> DispatchReport:
        """One round: expire what is too late, then claim and send what is due."""
        report = DispatchReport()
        report.expired = await self.runner.run_async(self._housekeeping)
        if await self.outbound.refresh_pause() or self.stopping():
            return report  # Telegram asked us to wait, or we are stopping: claim nothing
        claimed = await self.runner.run_async(
            lambda ctx: store.claim_due(connection=ctx.connection, now=ctx.now, limit=self._batch_size(),
                                        worker=self.worker))
        for index, reminder in enumerate(claimed):
            if self.outbound.paused() or self.stopping():
                # A 429 arrived mid-batch, or SIGTERM did: the rest go back to the queue, unsent.
                rest = [r.id for r in claimed[index:]]
                await self.runner.run_async(lambda ctx, ids=rest: store.release(connection=ctx.connection,
                                                                                 reminder_ids=ids))
                report.released += len(rest)
                break
            try:
                await self._one(reminder, report)
            except Exception as exc:  # noqa: BLE001 - one reminder's bug must not strand the rest of the batch
                log.exception("reminder %s (%s) could not be handled", reminder.id, reminder.kind)
                await self._finish(reminder, ReminderStatus.FAILED, detail=f"error: {type(exc).__name__}"[:64])
                report.failed += 1
        self.chat_gap.forget_old_chats()
        return report

    def share_with(self, workers: int) -> None:
        """How many workers share the bot's rate: only the batch size follows it (the rate itself is booked
        in the database, whatever the number of workers)."""
        self.workers = max(1, workers)

    workers = 1

    def _batch_size(self) -> int:
        return min(self.batch, max(10, int(self.send_rate / self.workers * BATCH_SECONDS)))

    def _housekeeping(self, ctx: UseCaseContext) -> int:
        released, uncertain = store.recover_stale_claims(connection=ctx.connection,
                                                         claimed_before=ctx.now - self.lease)
        if released or uncertain:
            log.warning("a worker stopped holding reminders: %d back in the queue, %d uncertain",
                        released, uncertain)
        return store.expire_overdue(connection=ctx.connection, older_than=ctx.now - self.grace)

    async def _one(self, reminder: DueReminder, report: DispatchReport) -> None:
        reply, reason = await self.runner.run_async(lambda ctx: self._decide(ctx, reminder))
        if reason == LOST_CLAIM:
            return  # another worker gave up on this claim; what happens to it is recorded there
        if reply is None:
            await self._finish(reminder, ReminderStatus.SKIPPED, detail=reason)
            report.skipped += 1
            return
        await self.chat_gap.wait_turn(reminder.chat_id)
        start = await self.outbound.book(2 if reply.chart is not None else 1)
        if start is None:  # another worker got a 429 meanwhile: not sent, so back to the queue
            await self.runner.run_async(lambda ctx: store.release(connection=ctx.connection,
                                                                  reminder_ids=[reminder.id]))
            report.released += 1
            return
        start = await self.outbound.take_slot(start, 2 if reply.chart is not None else 1)
        if start is None:
            await self.runner.run_async(lambda ctx: store.release(connection=ctx.connection,
                                                                  reminder_ids=[reminder.id]))
            report.released += 1
            return
        try:
            if reply.chart is not None:
                await self._send_chart(reminder, reply)
                # The words right after their chart: Telegram takes the two as one short burst to the chat.
                await self.outbound.sleep_until(start + self.outbound.interval)
            started = monotonic_time.monotonic()
            try:
                message = await self.outbound.send_reminder_text(reminder.chat_id, reply.text, markup_for(reply))
            finally:
                if self.metrics is not None:
                    self.metrics.send_seconds.observe(monotonic_time.monotonic() - started)
        except RetryAfter as exc:
            await self.outbound.pause_all(retry_seconds(exc))
            await self.runner.run_async(lambda ctx: store.release(connection=ctx.connection,
                                                                  reminder_ids=[reminder.id]))
            report.released += 1
        except Forbidden:
            # Blocked or deactivated: stop their reminders until they /start again.
            await self.runner.run_async(lambda ctx: self._blocked(ctx, reminder))
            report.failed += 1
        except TimedOut:
            # Telegram may or may not have delivered it, and has no idempotency key: never resend.
            await self._finish(reminder, ReminderStatus.UNCERTAIN, detail="timed out")
            report.uncertain += 1
        except BadRequest as exc:
            await self._finish(reminder, ReminderStatus.FAILED, detail=f"bad request: {exc.message[:40]}")
            report.failed += 1
        except NetworkError:
            await self._finish(reminder, ReminderStatus.UNCERTAIN, detail="network error")
            report.uncertain += 1
        except TelegramError as exc:
            await self._finish(reminder, ReminderStatus.FAILED, detail=type(exc).__name__)
            report.failed += 1
        else:
            await self.runner.run_async(lambda ctx: self._sent(ctx, reminder, message.message_id))
            report.sent += 1

    async def _send_chart(self, reminder: DueReminder, reply: Reply) -> None:
        """The chart goes first, the words (with the buttons and the clinician prompt) last. A chart that
        fails for any reason but a block or a "slow down" is logged and the words still go out."""
        try:
            await self.outbound.send_reminder_chart(reminder.chat_id, reply.chart)
        except (RetryAfter, Forbidden):
            raise
        except TelegramError as exc:
            log.warning("reminder %s: chart not sent (%s); sending the text", reminder.id, type(exc).__name__)

    def _decide(self, ctx: UseCaseContext, reminder: DueReminder) -> tuple[Reply | None, str | None]:
        """The reminder to send, or None and why not: the claim first, then the use case's rules."""
        if not store.renew_claim(connection=ctx.connection, reminder_id=reminder.id, worker=self.worker,
                                 now=ctx.now):
            return None, LOST_CLAIM
        return due.decide(ctx, reminder)

    def _sent(self, ctx: UseCaseContext, reminder: DueReminder, message_id: int) -> None:
        if not store.finish(connection=ctx.connection, reminder_id=reminder.id, status=ReminderStatus.SENT,
                            now=ctx.now, message_id=message_id, worker=self.worker):
            log.warning("reminder %s was sent after its claim was given up", reminder.id)
            return
        due.after_sent(ctx, reminder, message_id)

    def _blocked(self, ctx: UseCaseContext, reminder: DueReminder) -> None:
        store.finish(connection=ctx.connection, reminder_id=reminder.id, status=ReminderStatus.FAILED, now=ctx.now,
                     detail="blocked by the participant", worker=self.worker)
        due.after_blocked(ctx, reminder)

    async def _finish(self, reminder: DueReminder, status: str, *, detail: str | None = None,
                      message_id: int | None = None) -> None:
        recorded = await self.runner.run_async(lambda ctx: store.finish(
            connection=ctx.connection, reminder_id=reminder.id, status=status, now=ctx.now, detail=detail,
            message_id=message_id, worker=self.worker))
        if not recorded:
            log.warning("reminder %s ended %s after its claim was given up", reminder.id, status)
