"""The dispatcher: claims due reminders, decides each one's words and hands them to the outbox in the same
transaction, then has the one sender (coach/bot/outbound.py) send them at the bot's rate.

From the hand-over on, the reminder is the outbox's: whichever worker ends its last row (this one at once, or
another's sweep after this one died) ends the reminder the same way, in the same transaction
(coach.services.reminders.due.words_ended). Nothing is sent twice, and nothing is said from memory."""

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

from coach.bot.outbound import Outbound
from coach.core.metrics import Metrics
from coach.domain.states import ReminderStatus
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.runner import UseCaseRunner
from coach.services.reminders import due
from coach.store import reminders as store
from coach.store.outbox import OutboxRow
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
    """How a round's claimed reminders went. `released`: not sent this round — back in the queue (a 429 before their
    words were stored, or a stop), or handed, their words left to the outbox's sweep (a 429 while sending)."""

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
        self.outbound = outbound or Outbound(runner, bot, worker=self.worker, send_rate=send_rate, lease=lease,
                                             on_finished=due.words_ended, metrics=metrics)
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
        rows, reason = await self.runner.run_async(lambda ctx: self._decide(ctx, reminder))
        if reason == LOST_CLAIM:
            return  # another worker gave up on this claim; what happens to it is recorded there
        if rows is None:
            await self._finish(reminder, ReminderStatus.SKIPPED, detail=reason)
            report.skipped += 1
            return
        await self.chat_gap.wait_turn(reminder.chat_id)
        # A 429 leaves the rows to the sweep (the reminder stays handed) rather than holding up the batch.
        outcomes = await self.outbound.send_rows(rows, paced=True, wait_out_pause=False)
        # Written at once, not batched with later sends: a worker killed mid-batch leaves at most the send in
        # hand uncertain, not every send whose outcome was still waiting to be written.
        await self.outbound.flush()
        self._count(report, outcomes.get(rows[-1].id))

    @staticmethod
    def _count(report: DispatchReport, words: str | None) -> None:
        """A reminder counts as its words (its last row) ended; not ended yet: left to the sweep, released."""
        part = {"sent": "sent", "failed": "failed", "uncertain": "uncertain"}.get(words or "", "released")
        setattr(report, part, getattr(report, part) + 1)

    def _decide(self, ctx: UseCaseContext, reminder: DueReminder) -> tuple[list[OutboxRow] | None, str | None]:
        """The reminder's words, stored in the outbox for this worker to send; or None and why not: the claim
        first, then the use case's rules."""
        if not store.renew_claim(connection=ctx.connection, reminder_id=reminder.id, worker=self.worker,
                                 now=ctx.now):
            return None, LOST_CLAIM
        reply, reason = due.decide(ctx, reminder)
        if reply is None:
            return None, reason
        return due.hand_over(ctx, reminder, reply, worker=self.worker), None

    async def _finish(self, reminder: DueReminder, status: str, *, detail: str | None = None) -> None:
        """End a reminder still in this worker's hands (not handed): skipped, or failed by a bug."""
        recorded = await self.runner.run_async(lambda ctx: store.finish(
            connection=ctx.connection, reminder_id=reminder.id, status=status, now=ctx.now, detail=detail,
            worker=self.worker))
        if not recorded:
            log.warning("reminder %s could not be marked %s: no longer claimed by this worker", reminder.id, status)
