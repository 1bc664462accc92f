"""Runs one use case in one transaction, retrying when the database is locked or away for a moment."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from coach.core.clock import Clock
from coach.services.plumbing.claims import CURRENT_CLAIM, ClaimLost, UpdateClaim
from coach.services.plumbing.context import UseCaseContext
from coach.store import updates as update_store

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRY_DELAYS = (0.05, 0.2, 0.5, 1.0)
DATABASE_THREADS = 8


class UseCaseRunner:
    """Gives each use case a fresh session and the current instant; all or nothing is stored.

    On SQLite a use case runs on the event loop itself: a local file answers in well under a
    millisecond and has one writer anyway, and handing each one to a thread cost more than the
    work (measured with bench/inbound.py). On PostgreSQL every statement is a network round trip,
    so use cases run on a pool of threads and the loop stays free meanwhile.
    """

    def __init__(self, engine: Engine, clock: Clock, *, default_timezone: str, admin_ids: tuple[int, ...]):
        self.engine = engine
        self.clock = clock
        self.default_timezone = default_timezone
        self.admin_ids = admin_ids
        self.inline = engine.dialect.name == "sqlite"
        # The event loop's own connection (SQLite only): kept open between use cases, because
        # checking one out of the pool and resetting it each time cost more than a check-in's SQL.
        self._loop_connection: Connection | None = None
        self.executor = None if self.inline else ThreadPoolExecutor(
            max_workers=DATABASE_THREADS, thread_name_prefix="coach-db")

    def close(self) -> None:
        self._drop_loop_connection()
        if self.executor is not None:
            self.executor.shutdown(wait=True)

    def run(self, use_case: Callable[[UseCaseContext], T], *, claim: UpdateClaim | None = None) -> T:
        """Run now, in this thread; a retry waits by sleeping (for threads and scripts)."""
        for delay in (*RETRY_DELAYS, None):
            try:
                with self.engine.connect() as connection:
                    return self._once(use_case, connection, claim)
            except (OperationalError, DBAPIError) as exc:
                if not self._retry(exc, delay):
                    raise
            time.sleep(delay)
        raise AssertionError("unreachable")

    async def run_async(self, use_case: Callable[[UseCaseContext], T], *, marks_update: bool = True) -> T:
        """Run for a handler: a slow or retried database call never blocks other participants.

        Handling an update (from the webhook's inbox, see coach/webhook/inbox.py, or from long polling, see
        coach/bot/ordering.py), the use case also records that update as handled, in the same transaction, so it
        is applied exactly once. Bookkeeping after that (the outbox's sends) passes `marks_update=False`.
        """
        claim = CURRENT_CLAIM.get() if marks_update else None
        if not self.inline:
            return await asyncio.get_running_loop().run_in_executor(
                self.executor, lambda: self.run(use_case, claim=claim))
        for delay in (*RETRY_DELAYS, None):
            try:
                if self._loop_connection is None:
                    self._loop_connection = self.engine.connect()
                return self._once(use_case, self._loop_connection, claim)
            except (OperationalError, DBAPIError) as exc:
                self._drop_loop_connection()  # whatever went wrong, the next attempt starts afresh
                if not self._retry(exc, delay):
                    raise
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    def _drop_loop_connection(self) -> None:
        if self._loop_connection is not None:
            self._loop_connection.close()
            self._loop_connection = None

    def _once(self, use_case: Callable[[UseCaseContext], T], connection: Connection,
              claim: UpdateClaim | None) -> T:
        # One transaction: committed if the use case ends cleanly, rolled back whole if not.
        with connection.begin():
            ctx = UseCaseContext(connection, now=self.clock.now(), default_timezone=self.default_timezone,
                                 admin_ids=self.admin_ids)
            try:
                result = use_case(ctx)
                ctx.finish()
                if claim is not None and not _mark_handled(connection, claim, ctx.now):
                    raise ClaimLost(f"update {claim.update_id} was handled already or taken over")
            finally:
                ctx.close()
        if claim is not None:
            claim.handled = True
        for hook in ctx.after_commit:
            try:
                hook(connection)
            except Exception as exc:  # noqa: BLE001 - what was committed stands; the hook is housekeeping
                log.warning("after a commit: %s failed (%s)", getattr(hook, "__name__", "a hook"),
                            type(exc).__name__)
        return result

    @staticmethod
    def _retry(exc: DBAPIError, delay: float | None) -> bool:
        """Whether to run the use case again after `exc` (nothing of the failed attempt was kept)."""
        if delay is None:
            return False
        if isinstance(exc, IntegrityError):
            # Two presses or lines raced for the same row: run again on what is now stored.
            log.info("retrying after a concurrent write to the same row")
            return True
        if not is_transient(exc):
            return False
        # Only the error class is logged: statements carry health data as parameters.
        log.warning("database busy or unreachable (%s), retrying in %.2fs", type(exc.orig).__name__, delay)
        return True


def _mark_handled(connection: Connection, claim: UpdateClaim, now: datetime) -> bool:
    """Record the update as handled in the use case's transaction; False when it is not this claim's to record."""
    if claim.token is not None:
        return update_store.mark_done(connection=connection, update_id=claim.update_id, token=claim.token, now=now)
    # Polled: a second use case for the same delivery (a reply, then a follow-up) finds it recorded by this one.
    return claim.handled or update_store.record_handled(connection=connection, update_id=claim.update_id, now=now)


# PostgreSQL's codes for "run the transaction again": serialization failure, deadlock detected.
_RETRY_SQLSTATES = frozenset({"40001", "40P01"})


def is_transient(exc: BaseException) -> bool:
    """A database error that is worth trying again a little later (locked, restarting, unreachable)."""
    if not isinstance(exc, DBAPIError) or isinstance(exc, IntegrityError):
        return False
    if exc.connection_invalidated:
        return True
    if getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    text = str(exc.orig).lower()
    return any(word in text for word in ("locked", "busy", "connection", "server closed", "terminating"))

