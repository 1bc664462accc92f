"""What /healthz and /metrics report: is the database there, and how far behind is the work."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from coach.services.plumbing.context import UseCaseContext
from coach.store import overview, updates
from coach.store import reminders as reminder_store
from coach.store import workers as worker_store


@dataclass(frozen=True)
class Health:
    dispatcher_lag_seconds: float
    inbox_waiting: int
    inbox_lag_seconds: float
    workers_alive: int
    reminders: dict[str, int] = field(default_factory=dict)


def read_health(ctx: UseCaseContext, *, alive_window: timedelta) -> Health:
    inbox = updates.counts_by_status(connection=ctx.connection)
    return Health(
        dispatcher_lag_seconds=_age(ctx.now, overview.oldest_waiting(connection=ctx.connection, now=ctx.now)),
        inbox_waiting=inbox.get("new", 0) + inbox.get("working", 0),
        inbox_lag_seconds=_age(ctx.now, updates.oldest_waiting(connection=ctx.connection)),
        workers_alive=worker_store.live_count(connection=ctx.connection, seen_since=ctx.now - alive_window),
        reminders=reminder_store.counts_by_status(connection=ctx.connection, since=ctx.now - timedelta(hours=24)),
    )


def _age(now: datetime, since: datetime | None) -> float:
    return max(0.0, (now - since).total_seconds()) if since is not None else 0.0
