"""Everyone's weekly review at once (`coach review --all`): shares of participants reviewed side by side,
one worker process per core, their lines handed back in id order.

Reviewing is pure Python work per participant, so one process keeps one core busy however fast the
database is; a machine's other cores would sit idle. The shares only read, so they need no
coordination beyond each worker having its own connection.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from coach.services.plumbing.runner import RETRY_DELAYS, is_transient
from coach.services.review.weekly import PreparedReview, prepare_everyone
from coach.store.db import make_engine
from coach.store.reviews import reviewable_id_ranges

# Participants per share: enough that a share's handful of queries cost little next to its reviews and
# that a few thousand participants are reviewed here without starting a worker; few enough that the
# cores finish together and the lines held back for ordering stay small.
SHARE_SIZE = 5_000

Render = Callable[[PreparedReview], str]


def as_line(prepared: PreparedReview) -> str:
    """Telegram id, decision and the rules that decided it, tab-separated."""
    return f"{prepared.telegram_id}\t{prepared.decision}\t{','.join(prepared.result.decision.rules)}"


def as_json_line(prepared: PreparedReview) -> str:
    """The review as `coach review --json` prints it, on one line."""
    return json.dumps(prepared.as_json(), ensure_ascii=False)


def review_lines(database_url: str, *, last: date, render: Render = as_line,
                 workers: int | None = None) -> Iterator[str]:
    """Every onboarded participant's review of the 7 days ending `last`, rendered, in id order.

    `render` must be a module-level function (a worker process receives it by name). `workers`
    defaults to one per core; with one share of participants, or one core, everything runs here.
    """
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            shares = reviewable_id_ranges(connection=connection, size=SHARE_SIZE)
        workers = worker_count(len(shares), workers)
        if workers <= 1:
            for share in shares:
                yield from _review_share(engine, share, last, render)
            return
    finally:
        engine.dispose()  # before any fork: a worker must never share this process's connections
    yield from _in_workers(database_url, shares, workers=workers, last=last, render=render)


def worker_count(shares: int, workers: int | None = None) -> int:
    """How many worker processes review `shares` shares: as asked (default one per core), never more than
    the shares; 1 means this process reviews alone."""
    return max(1, min(workers or os.cpu_count() or 1, shares))


def _in_workers(database_url: str, shares: list[tuple[int, int]], *, workers: int, last: date,
                render: Render) -> Iterator[str]:
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_start_method(), initializer=_start_worker,
                               initargs=(database_url,))
    try:
        waiting: deque[Future[list[str]]] = deque()
        remaining = iter(shares)
        # Two shares in hand per worker keeps every core busy while bounding the lines held for ordering.
        for share in remaining:
            waiting.append(pool.submit(_review_share_in_worker, share, last, render))
            if len(waiting) >= 2 * workers:
                break
        while waiting:
            lines = waiting.popleft().result()
            share = next(remaining, None)
            if share is not None:
                waiting.append(pool.submit(_review_share_in_worker, share, last, render))
            yield from lines
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_method() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds with every module already imported, but only a process with
    # a single thread can fork safely (a lock another thread holds would stay held in the child).
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_worker_engine: Engine | None = None


def _start_worker(database_url: str) -> None:
    global _worker_engine
    # What the worker starts with (the whole parent heap, when forked) lives as long as the worker: keeping
    # it out of the collector's full passes saves about 8% of a bulk review (measured with bench/weekly.py).
    gc.freeze()
    _worker_engine = make_engine(database_url)


def _review_share_in_worker(share: tuple[int, int], last: date, render: Render) -> list[str]:
    assert _worker_engine is not None, "the pool's initializer opens the worker's engine"
    return _review_share(_worker_engine, share, last, render)


def _review_share(engine: Engine, share: tuple[int, int], last: date, render: Render) -> list[str]:
    """One share's lines, whole: a database that is busy or gone for a moment is read again from the start
    of the share, so no line is ever printed twice or missed."""
    for delay in (*RETRY_DELAYS, None):
        try:
            with engine.connect() as connection:
                return [render(prepared) for prepared in prepare_everyone(connection, last=last, id_range=share)]
        except DBAPIError as exc:
            if delay is None or not is_transient(exc):
                raise
        time.sleep(delay)
    raise AssertionError("unreachable")
