"""Use cases called directly on a real database, with a clock the test moves: no bot, no Telegram.

A `Desk` runs use cases the way the bot does (one transaction each, through the UseCaseRunner and the
participant gate); a `Someone` is one participant at it. Tests assert on the Outcome a use case returns
(what the person would read, the buttons they would see, the alerts an admin would get) and on the rows
stored afterwards, read back in a fresh session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import Engine, func
from sqlmodel import SQLModel, select

from coach.core.clock import FrozenClock
from coach.services.free_text import messages
from coach.services.participants import onboarding
from coach.services.plumbing import gate
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome
from coach.services.plumbing.runner import UseCaseRunner
from coach.store.db import session_scope
from coach.store.models import CheckInDraft, Participant

T = TypeVar("T")
M = TypeVar("M", bound=SQLModel)

ADMIN_IDS = (90_001, 90_002)
DEFAULT_TIMEZONE = "Europe/Berlin"
# Saturday 21 November 2026, 17:00 UTC = 18:00 in Berlin (the e2e tests' instant too).
START = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)


def texts_of(outcome: Outcome) -> str:
    """Every reply's text, in order, as one string (what the person would read)."""
    return "\n".join(reply.text for reply in outcome.replies)


def labels(outcome: Outcome) -> list[list[str]]:
    """The button labels of the last reply that has buttons, row by row ([] when none has)."""
    for reply in reversed(outcome.replies):
        if reply.buttons:
            return [[button.label for button in row] for row in reply.buttons]
    return []


def flat_labels(outcome: Outcome) -> list[str]:
    return [label for row in labels(outcome) for label in row]


@dataclass
class Desk:
    """The use cases, a frozen clock and a real database."""

    engine: Engine
    clock: FrozenClock
    runner: UseCaseRunner

    def run(self, use_case: Callable[[UseCaseContext], T]) -> T:
        """One use case in one transaction, at the clock's instant."""
        return self.runner.run(use_case)

    def person(self, telegram_id: int, first_name: str = "Ann") -> Someone:
        return Someone(self, telegram_id, first_name)

    def all(self, model: type[M], **where: object) -> list[M]:
        """Stored rows of one table (optionally filtered by column values), in id order."""
        with session_scope(self.engine) as session:
            query = select(model)
            for column, value in where.items():
                query = query.where(getattr(model, column) == value)
            return list(session.exec(query.order_by(model.id)))  # type: ignore[attr-defined]

    def count(self, model: type[SQLModel]) -> int:
        with session_scope(self.engine) as session:
            return session.exec(select(func.count()).select_from(model)).one()

    def row_counts(self) -> dict[str, int]:
        """How many rows every table holds, by table name."""
        with self.engine.connect() as connection:
            return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                    for table in SQLModel.metadata.sorted_tables}


@dataclass
class Someone:
    """One participant, identified by their Telegram id, using the bot's use cases."""

    desk: Desk
    telegram_id: int
    first_name: str = "Ann"

    def start(self) -> Outcome:
        """/start."""
        return self.desk.run(lambda ctx: onboarding.start(ctx, telegram_id=self.telegram_id, chat_id=self.telegram_id,
                                                          first_name=self.first_name))

    def says(self, text: str) -> Outcome:
        """A typed message (not a command)."""
        return self.desk.run(lambda ctx: messages.handle_text(ctx, telegram_id=self.telegram_id, text=text))

    def does(self, use_case: Callable[[UseCaseContext, Participant], Outcome], *,
             during_onboarding: bool = False) -> Outcome:
        """A command or a button press: `use_case` run for this participant, behind the bot's own gate."""
        return self.desk.run(lambda ctx: gate.for_participant(ctx, self.telegram_id, use_case,
                                                              during_onboarding=during_onboarding))

    def onboarding(self, use_case: Callable[[UseCaseContext, Participant], Outcome]) -> Outcome:
        """An onboarding button press."""
        return self.does(use_case, during_onboarding=True)

    def stored(self) -> Participant | None:
        """The participant's row as stored now (None when there is none)."""
        rows = self.desk.all(Participant, telegram_id=self.telegram_id)
        return rows[0] if rows else None

    @property
    def id(self) -> int:
        participant = self.stored()
        assert participant is not None, f"{self.telegram_id} has no participant row"
        return participant.id  # type: ignore[return-value]

    def rows(self, model: type[M]) -> list[M]:
        """This participant's stored rows of one table, in id order."""
        return self.desk.all(model, participant_id=self.id)

    def open_draft(self) -> CheckInDraft:
        """The button check-in in progress (its message carries the draft's id in every button)."""
        drafts = [draft for draft in self.rows(CheckInDraft) if draft.status == "open"]
        assert len(drafts) == 1, drafts
        return drafts[0]


def onboard(someone: Someone, *, condition: str = "peripheral", yes_to: int = 0,
            place: str = "Berlin") -> Outcome:
    """Every onboarding step through the use cases: consent, screening (the first `yes_to` answers yes),
    condition, a typed place, the offered schedule. Returns the last step's Outcome."""
    assert condition in onboarding.CONDITION_KEYS, condition
    someone.start()
    someone.onboarding(lambda ctx, p: onboarding.answer_consent(ctx, p, True))
    for index in range(len(onboarding.QUESTION_KEYS)):
        someone.onboarding(lambda ctx, p, i=index: onboarding.answer_screening(ctx, p, i, i < yes_to))
    someone.onboarding(lambda ctx, p: onboarding.answer_condition(ctx, p, condition))
    someone.says(place)
    return someone.onboarding(onboarding.accept_schedule)


def make_desk(engine: Engine, *, start: datetime = START) -> Iterator[Desk]:
    """A Desk on `engine`, closed afterwards (for a fixture to yield from)."""
    clock = FrozenClock(start)
    runner = UseCaseRunner(engine, clock, default_timezone=DEFAULT_TIMEZONE, admin_ids=ADMIN_IDS)
    try:
        yield Desk(engine, clock, runner)
    finally:
        runner.close()
