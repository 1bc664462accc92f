"""Runs one use case in one transaction, retrying when the database is locked or away for a moment."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from coach.clock import Clock
from coach.services.context import UseCaseContext
from coach.store.db import session_scope

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRY_DELAYS = (0.05, 0.2, 0.5, 1.0)
DATABASE_THREADS = 8


class UseCaseRunner:
    """Gives each use case a fresh session and the current instant; all or nothing is stored."""

    def __init__(self, engine: Engine, clock: Clock, *, default_timezone: str, admin_ids: tuple[int, ...]):
        self.engine = engine
        self.clock = clock
        self.default_timezone = default_timezone
        self.admin_ids = admin_ids
        # SQLite has one writer: one database thread serialises use cases instead of letting them
        # fight over the lock. PostgreSQL takes a few at once, up to its connection pool.
        workers = 1 if engine.dialect.name == "sqlite" else DATABASE_THREADS
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="coach-db")

    def close(self) -> None:
        self.executor.shutdown(wait=True)

    def run(self, use_case: Callable[[UseCaseContext], T]) -> T:
        for attempt, delay in enumerate((*RETRY_DELAYS, None)):
            try:
                with session_scope(self.engine) as session:
                    ctx = UseCaseContext(session=session, now=self.clock.now(),
                                         default_timezone=self.default_timezone, admin_ids=self.admin_ids)
                    return use_case(ctx)
            except IntegrityError:
                # Two presses or lines raced for the same row: run again on what is now stored.
                if delay is None:
                    raise
                log.info("retrying after a concurrent write to the same row")
                time.sleep(delay)
            except (OperationalError, DBAPIError) as exc:
                if delay is None or not _transient(exc):
                    raise
                # Only the error class is logged: statements carry health data as parameters.
                log.warning("database busy or unreachable (%s), retry %d", type(exc.orig).__name__, attempt + 1)
                time.sleep(delay)
        raise AssertionError("unreachable")


def _transient(exc: DBAPIError) -> bool:
    if exc.connection_invalidated:
        return True
    text = str(exc.orig).lower()
    return any(word in text for word in ("locked", "busy", "connection", "server closed", "terminating"))


async def run_async(runner: UseCaseRunner, use_case: Callable[[UseCaseContext], T]) -> T:
    """Run a use case off the event loop, so a slow or retried database call blocks no one else."""
    return await asyncio.get_running_loop().run_in_executor(runner.executor, runner.run, use_case)
