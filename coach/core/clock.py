"""The one place that reads the wall clock; everything else is given a Clock or an instant."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that says what time it is, in UTC."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)  # now-ok: the single wall-clock read


def wall_seconds() -> float:
    """Telegram's clock, in epoch seconds: the bot's one send rate and Telegram's pause are booked in real time,
    shared by every worker through the database, whatever the bot's Clock says (a simulated demo week is still
    sent at Telegram's real pace)."""
    return time.time()  # now-ok: the send gate's real time


class FrozenClock:
    """A clock that moves only when told to: for tests and the accelerated demo."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> None:
        self._now = instant.astimezone(UTC)

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now
