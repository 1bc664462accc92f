"""The periodic tick: plan, then dispatch. One JobQueue job for everyone, never one per participant."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol

from telegram.ext import Application, ContextTypes

from coach.scheduler.digest import RowSender, send_digest
from coach.scheduler.planner import plan_page
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.runner import UseCaseRunner
from coach.store import updates as update_store
from coach.store import workers as worker_store

log = logging.getLogger(__name__)
JOB_NAME = "reminders-tick"


# A worker not seen for this many ticks no longer counts towards sharing the send rate.
ALIVE_TICKS = 3
# ...and after this long its row is deleted (killed workers leave one behind).
FORGET_SILENT_AFTER = timedelta(days=1)
# Handled updates' ids (kept to recognise a redelivery) are pruned this often.
PRUNE_UPDATES_EVERY_SECONDS = 3600


class Sender(RowSender, Protocol):
    """The one sender (coach/bot/outbound.py), as the ticks see it: what a dead process left, sent after the lease."""

    async def sweep(self, *, stopping: bool) -> object: ...


class ReminderDispatcher(Protocol):
    """What sends due reminders (coach/bot/reminder_sender.py), as the ticks see it: the scheduler decides when,
    never how a message reaches Telegram."""

    worker: str
    stopping: Callable[[], bool]

    async def dispatch(self) -> object: ...

    def share_with(self, workers: int) -> None: ...


class ReminderEngine:
    """The ticks: plan, dispatch, digest, sweep — each a call into the layers that know how."""

    def __init__(self, runner: UseCaseRunner, dispatcher: ReminderDispatcher, outbound: Sender, *,
                 tick_seconds: float = 30.0):
        self.runner = runner
        self.dispatcher = dispatcher
        self.outbound = outbound
        self.alive_window = timedelta(seconds=tick_seconds * ALIVE_TICKS)
        self._next_update_prune = 0.0

    async def plan(self) -> int:
        """Plan every participant who needs it, a page per transaction; returns how many pages."""
        pages, after = 0, 0
        while True:
            last = await self.runner.run_async(lambda ctx, after=after: plan_page(ctx, after_id=after))
            if last is None:
                return pages
            pages += 1
            after = last

    async def tick(self) -> object:
        """One tick, as the JobQueue runs it (tests call it directly after moving the clock); returns the
        dispatcher's report."""
        await self.sign_in()
        await self.plan()
        report = await self.dispatcher.dispatch()
        await send_digest(self.runner, self.outbound)
        # Whatever a worker that died had stored but not sent (after the lease), and anything left to the sweep.
        await self.outbound.sweep(stopping=self.dispatcher.stopping())
        await self._forget_old_updates()
        return report

    async def _forget_old_updates(self) -> None:
        """Handled updates are remembered (webhook inbox and long polling alike) only while Telegram could still
        deliver them again."""
        if time.monotonic() < self._next_update_prune:
            return
        self._next_update_prune = time.monotonic() + PRUNE_UPDATES_EVERY_SECONDS
        await self.runner.run_async(lambda ctx: update_store.prune(
            connection=ctx.connection, handled_before=ctx.now - update_store.KEEP_HANDLED))

    def _heartbeat(self, ctx: UseCaseContext) -> int:
        """Say this worker is alive; returns how many workers are (so how many share the send rate)."""
        worker_store.heartbeat(connection=ctx.connection, name=self.dispatcher.worker, now=ctx.now)
        worker_store.forget_silent(connection=ctx.connection, seen_before=ctx.now - FORGET_SILENT_AFTER)
        return worker_store.live_count(connection=ctx.connection, seen_since=ctx.now - self.alive_window)

    async def sign_in(self) -> None:
        """At start: count this worker at once, so the others share the send rate with it from their next tick."""
        self.dispatcher.share_with(await self.runner.run_async(self._heartbeat))

    async def forget_worker(self) -> None:
        """On a clean stop: the other workers take over this one's share of the send rate at once."""
        await self.runner.run_async(lambda ctx: worker_store.forget(connection=ctx.connection,
                                                                    name=self.dispatcher.worker))


def schedule_ticks(application: Application, engine: ReminderEngine, *, seconds: float) -> None:
    """Run the tick every `seconds`; a tick still running when the next is due is not doubled."""

    async def tick(_: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await engine.tick()
        except asyncio.CancelledError:
            # The shutdown cancelled a tick in progress (after waiting for it): what it had claimed goes back
            # to the queue after the lease. Said in one line; APScheduler would print the cancellation's traceback.
            log.info("reminder tick stopped by the shutdown")
        except Exception:  # a bad tick must not stop the next one; the error handler has no update
            log.exception("reminder tick failed")

    # On SIGTERM, Application.stop() clears `running` and then waits for a tick in progress. A full
    # batch takes its time (500 reminders at 25/s is 20 s, longer than Docker's 10 s before it kills),
    # and a kill mid-batch strands every claimed reminder as "uncertain", never sent. So the dispatcher
    # finishes the send in hand and puts the rest back in the queue for the next start.
    engine.dispatcher.stopping = lambda: not application.running
    application.job_queue.run_repeating(
        tick, interval=seconds, first=seconds, name=JOB_NAME,
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None})
