"""Everyone ranked by need (the ranking of /users), kept for a short while for the triage page.

Ranking 10,000 participants reads some 300,000 check-ins and takes seconds, far more than a page may. So the
ranking is made off the event loop, kept for FRESH_SECONDS, and then served while a new one is made in the
background (stale-while-revalidate): only the very first request waits. A change made on the dashboard
judges that one participant again at once (the same `judge`, the same sort key as `rank`), so an acknowledged
flag never shows as open. The page says when the ranking was made.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime

from coach.domain import triage
from coach.services.plumbing.runner import UseCaseRunner
from coach.store import triage as triage_store

log = logging.getLogger(__name__)
FRESH_SECONDS = 30.0


@dataclass(frozen=True)
class Ranking:
    needs: list[triage.Need]
    at: datetime  # the instant it was ranked as of (the app's clock)


class RankingCache:
    def __init__(self, runner: UseCaseRunner, *, fresh_seconds: float = FRESH_SECONDS) -> None:
        self.runner = runner
        self.fresh_seconds = fresh_seconds
        self._ranking: Ranking | None = None
        self._made: float = 0.0  # time.monotonic() when it was made
        self._lock = asyncio.Lock()
        self._refreshing: asyncio.Task | None = None

    async def get(self) -> Ranking:
        """The ranking: a fresh one, or a recent one while a fresh one is being made."""
        if self._ranking is not None:
            if time.monotonic() - self._made > self.fresh_seconds and self._refreshing is None:
                self._refreshing = asyncio.create_task(self._refresh_in_background())
            return self._ranking
        return await self._refresh()

    def invalidate(self) -> None:
        """Forget the ranking: the next request waits for a fresh one."""
        self._ranking = None

    async def update(self, participant_id: int) -> None:
        """A change made on the dashboard: judge that participant again now (one participant's rows, quick)
        and put them in their new place, so the triage page never shows what was just dealt with."""
        if self._ranking is None:
            return
        facts = await self.runner.run_async(lambda ctx: triage_store.triage_facts(
            connection=ctx.connection, now=ctx.now, participant_ids=[participant_id]))
        if self._ranking is None:
            return
        needs = [need for need in self._ranking.needs if need.facts.participant_id != participant_id]
        needs += [triage.judge(one) for one in facts]
        self._ranking = Ranking(sorted(needs, key=lambda need: need.order), self._ranking.at)

    async def close(self) -> None:
        if self._refreshing is not None:
            await asyncio.gather(self._refreshing, return_exceptions=True)

    async def _refresh(self) -> Ranking:
        async with self._lock:
            if self._ranking is not None and time.monotonic() - self._made <= self.fresh_seconds:
                return self._ranking
            # In a thread with a connection of its own: on SQLite use cases otherwise run on the event loop,
            # and this one is long.
            ranking = await asyncio.to_thread(self.runner.run, _rank)
            self._ranking, self._made = ranking, time.monotonic()
            return ranking

    async def _refresh_in_background(self) -> None:
        try:
            self._made = 0.0
            await self._refresh()
        except Exception as exc:  # noqa: BLE001 - the recent ranking stays; the next request tries again
            log.warning("dashboard: could not rank participants (%s)", type(exc).__name__)
        finally:
            self._refreshing = None


def _rank(ctx) -> Ranking:  # noqa: ANN001 - a UseCaseContext
    return Ranking(triage.rank(triage_store.triage_facts(connection=ctx.connection, now=ctx.now)), ctx.now)
