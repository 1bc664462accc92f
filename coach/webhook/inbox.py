"""The inbox worker: claims stored updates, one chat's strictly in order, and hands them to the bot.

Any number of workers on one database share the inbox. An update is marked done in the same
transaction as the use case that handles it (see UseCaseRunner), so a worker that dies mid-way
leaves either nothing or everything of it; after the lease, another worker takes it over.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from telegram import Update
from telegram.ext import Application

from coach.bot.runtime import RUNTIME_KEY
from coach.core.metrics import Metrics
from coach.services import texts
from coach.services.plumbing.claims import CURRENT_CLAIM, UpdateClaim
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.runner import UseCaseRunner
from coach.store import updates as store
from coach.store.updates import ClaimedUpdate

log = logging.getLogger(__name__)
# An update failing on a passing database problem is tried this many times, then answered with an apology.
MAX_ATTEMPTS = 5
RETRY_AFTER_SECONDS = (2, 5, 15, 30)
POLL_SECONDS = 0.25


class InboxWorker:
    def __init__(self, application: Application, runner: UseCaseRunner, *, name: str, lease: timedelta,
                 metrics: Metrics, concurrency: int = 8):
        self.application = application
        self.runner = runner
        self.name = name
        self.lease = lease
        self.metrics = metrics
        self.concurrency = concurrency
        self.wake = asyncio.Event()
        self.handling: dict[asyncio.Task, ClaimedUpdate] = {}
        self.stopping = False
        self._loop_task: asyncio.Task | None = None
        self._next_release = 0.0

    def nudge(self) -> None:
        """Something new was stored (or a chat's next update became free): look at once, not at the next poll."""
        self.wake.set()

    def start(self) -> None:
        self._loop_task = asyncio.create_task(self.run(), name="inbox")

    async def run(self) -> None:
        """Claim and handle until stop(); a database that is away is waited out, never a crash."""
        while not self.stopping:
            try:
                await self._housekeeping()
                claimed = await self._claim()
            except Exception as exc:  # noqa: BLE001 - the loop must outlive any database outage
                log.warning("inbox: could not claim updates (%s); trying again shortly", type(exc).__name__)
                await self._pause(1.0)
                continue
            if self.stopping:
                await self._give_back(claimed)  # claimed as the stop came: another worker takes them now
                return
            for item in claimed:
                task = asyncio.create_task(self._handle(item), name=f"update-{item.update_id}")
                self.handling[task] = item
                task.add_done_callback(self._done)
            if not claimed or len(self.handling) >= self.concurrency:
                await self._pause(POLL_SECONDS)

    async def stop(self, timeout: float = 10.0) -> None:
        """Claim nothing more and let the updates in hand finish; what is still running after `timeout`
        is given back to the queue, so the other workers need not wait for the lease."""
        self.stopping = True
        self.wake.set()
        if self._loop_task is not None:
            await self._loop_task  # not cancelled: a claim under way must end, and be given back
        if not self.handling:
            return
        _, stuck = await asyncio.wait(set(self.handling), timeout=timeout)
        items = [self.handling[task] for task in stuck]
        for task in stuck:
            task.cancel()
        await asyncio.gather(*stuck, return_exceptions=True)
        # Given back with its token cleared, a use case still running in a thread cannot commit after all.
        await self._give_back(items)

    def _done(self, task: asyncio.Task) -> None:
        self.handling.pop(task, None)
        self.wake.set()  # a slot is free, and that chat's next update may now be claimed

    async def _give_back(self, items: list[ClaimedUpdate]) -> None:
        for token in {item.token for item in items}:
            ids = [item.update_id for item in items if item.token == token]
            try:
                await self.runner.run_async(lambda ctx, ids=ids, token=token: store.give_back(
                    connection=ctx.connection, update_ids=ids, token=token))
            except Exception as exc:  # noqa: BLE001 - the lease hands them on instead
                log.warning("inbox: could not give back %d updates (%s)", len(ids), type(exc).__name__)

    async def _pause(self, seconds: float) -> None:
        self.wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.wake.wait(), seconds)

    async def _claim(self) -> list[ClaimedUpdate]:
        free = self.concurrency - len(self.handling)
        if free <= 0 or self.stopping:
            return []
        token = uuid.uuid4().hex
        return await self.runner.run_async(lambda ctx: store.claim(
            connection=ctx.connection, now=ctx.now, worker=self.name, token=token, limit=free))

    async def _housekeeping(self) -> None:
        now = time.monotonic()
        if now >= self._next_release:
            self._next_release = now + max(1.0, self.lease.total_seconds() / 4)
            released = await self.runner.run_async(lambda ctx: store.release_stale(
                connection=ctx.connection, claimed_before=ctx.now - self.lease))
            if released:
                log.warning("inbox: %d updates left by a stopped worker are back in the queue", released)

    async def _handle(self, item: ClaimedUpdate) -> None:
        claim = UpdateClaim(item.update_id, item.token, attempt=item.attempts, final=item.attempts >= MAX_ATTEMPTS)
        update = self._parse(item)
        if update is None or item.attempts > MAX_ATTEMPTS:
            # Unreadable, or it stopped a worker every time it was tried: never again.
            await self._settle(lambda ctx: store.give_up(connection=ctx.connection, update_id=item.update_id,
                                                         token=item.token, now=ctx.now), "failed")
            if update is not None and update.effective_chat is not None:
                await self.application.bot_data[RUNTIME_KEY].outbound.send_unrecorded(
                    update.effective_chat.id, texts.SORRY_TRY_AGAIN)
            return
        context_token = CURRENT_CLAIM.set(claim)
        try:
            await self.application.process_update(update)
        except Exception:  # noqa: BLE001 - process_update hands handler errors to the error handler already
            log.exception("update %s could not be processed", item.update_id)
        finally:
            CURRENT_CLAIM.reset(context_token)
        if claim.retry:
            delay = RETRY_AFTER_SECONDS[min(claim.attempt, len(RETRY_AFTER_SECONDS)) - 1]
            await self._settle(lambda ctx: store.retry_later(
                connection=ctx.connection, update_id=item.update_id, token=item.token,
                not_before=ctx.now + timedelta(seconds=delay)), "retry")
        elif claim.handled:
            self.metrics.updates_handled.labels("done").inc()
        else:
            # Nothing was stored for it (a flood-limited message, a stale button): done all the same.
            await self._settle(lambda ctx: store.mark_done(connection=ctx.connection, update_id=item.update_id,
                                                           token=item.token, now=ctx.now), "done")

    async def _settle(self, use_case: Callable[[UseCaseContext], bool], outcome: str) -> None:
        """Record how handling ended (`outcome`, or "lost" when the claim was no longer this worker's)."""
        try:
            kept = await self.runner.run_async(use_case)
        except Exception as exc:  # noqa: BLE001 - the lease hands it to a worker later
            log.warning("inbox: could not record an update's outcome (%s)", type(exc).__name__)
            return
        self.metrics.updates_handled.labels(outcome if kept else "lost").inc()

    def _parse(self, item: ClaimedUpdate) -> Update | None:
        try:
            return Update.de_json(json.loads(item.payload), self.application.bot)
        except Exception as exc:  # noqa: BLE001 - a body that is not an update is given up, not retried
            log.warning("update %s is not a readable update (%s)", item.update_id, type(exc).__name__)
            return None

