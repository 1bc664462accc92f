"""What every use case gets: one transaction, the instant, the settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection
from sqlmodel import Session

from coach.domain.schedule import zone_info
from coach.store.models import Participant
from coach.store.participants import ParticipantView


class UseCaseContext:
    """One use case's view of the world.

    The transaction is one database connection. Core statements (the busiest paths) run on it
    directly; an ORM session is opened on the same connection only when a use case asks for one,
    because opening it costs more than the everyday check-in's own SQL.
    """

    def __init__(self, connection: Connection, *, now: datetime, default_timezone: str,
                 admin_ids: tuple[int, ...]):
        self._connection = connection
        self._session: Session | None = None
        self.now = now  # aware, UTC
        self.default_timezone = default_timezone
        self.admin_ids = admin_ids
        # Run by the runner on the same connection once the transaction has committed (an erasure's checkpoint).
        self.after_commit: list[Callable[[Connection], None]] = []

    @property
    def session(self) -> Session:
        """The ORM session, joined to this use case's transaction (it never commits on its own)."""
        if self._session is None:
            self._session = Session(bind=self._connection, expire_on_commit=False,
                                    join_transaction_mode="rollback_only")
        return self._session

    @property
    def connection(self) -> Connection:
        """The transaction for Core statements; ORM changes made so far are written first."""
        if self._session is not None:
            self._session.flush()
        return self._connection

    def finish(self) -> None:
        """Write the ORM session's pending changes into the transaction (the runner commits it)."""
        if self._session is not None:
            self._session.flush()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    def local_today(self, participant: Participant | ParticipantView) -> date:
        return self.now.astimezone(zone_info(participant.timezone)).date()

    def zone(self, participant: Participant | ParticipantView) -> ZoneInfo:
        return zone_info(participant.timezone)


def first_name_suffix(name: str) -> str:
    """", Ann" for greetings, or nothing when Telegram gave no name."""
    name = (name or "").strip()
    return f", {name}" if name else ""
