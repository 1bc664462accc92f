"""What every use case gets: one database session (one transaction), the instant, the settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from coach.store.models import Participant


@dataclass(frozen=True)
class UseCaseContext:
    session: Session
    now: datetime  # aware, UTC
    default_timezone: str
    admin_ids: tuple[int, ...]

    def local_today(self, participant: Participant) -> date:
        return self.now.astimezone(ZoneInfo(participant.timezone)).date()


def first_name_suffix(name: str) -> str:
    """", Ann" for greetings, or nothing when Telegram gave no name."""
    name = (name or "").strip()
    return f", {name}" if name else ""
