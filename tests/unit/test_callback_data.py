"""Button data: every kind round-trips through encode() and parse(), forged or retired data parses to
nothing, no two kinds claim the same press, and everything fits Telegram's 64 bytes."""

from __future__ import annotations

import pytest

from coach.services.admin.callbacks import FootCleared
from coach.services.checkins.callbacks import CheckinCancel, CheckinScore, FootAnswer, StartCheckin
from coach.services.participants.callbacks import (
    AcceptSchedule,
    ConditionChoice,
    Consent,
    EraseConfirm,
    ScreeningAnswer,
    UseDefaultZone,
)
from coach.services.plumbing.callbacks import MAX_BYTES
from coach.services.reminders.callbacks import ScheduleAsk, ScheduleChoice, SchedulePart
from coach.services.review.callbacks import ReviewAnswer, ReviewChoice
from coach.services.training.callbacks import (
    LogAction,
    LogPress,
    ReminderAction,
    SessionAnswer,
    SessionQuestion,
    SessionReminderPress,
)

BIG = 10**15 - 1  # the largest id the data can carry
EXAMPLES = [
    CheckinScore(BIG, BIG, 4, 10), CheckinCancel(7, 12), FootAnswer(7, 3, True), StartCheckin(),
    SessionReminderPress(BIG, BIG, ReminderAction.SNOOZE), SessionAnswer(BIG, BIG, SessionQuestion.REPS, 2),
    LogPress(LogAction.SKIPPED, "20261206"), ScheduleAsk(SchedulePart.TRAINING_DAYS),
    ScheduleChoice(SchedulePart.CHECKIN_TIME, "0800"), ReviewAnswer(BIG, BIG, ReviewChoice.KEEP),
    Consent(False), ScreeningAnswer(6, True), ConditionChoice("nerve_injury"), UseDefaultZone(), AcceptSchedule(),
    EraseConfirm(BIG, 29_500_000, True), FootCleared(BIG, BIG),
]
KINDS = sorted({type(example) for example in EXAMPLES}, key=lambda kind: kind.__name__)


@pytest.mark.parametrize("value", EXAMPLES, ids=lambda value: type(value).__name__)
def test_each_kind_reads_back_exactly_what_it_wrote_within_64_bytes(value) -> None:
    data = value.encode()
    assert len(data.encode()) <= MAX_BYTES
    assert type(value).parse(data) == value


@pytest.mark.parametrize("value", EXAMPLES, ids=lambda value: type(value).__name__)
def test_no_other_kind_claims_the_same_press(value) -> None:
    """A press goes to exactly one handler."""
    data = value.encode()
    assert [kind.__name__ for kind in KINDS if kind.matches(data)] == [type(value).__name__]


@pytest.mark.parametrize("data", [
    "", "garbage", "c2", "c2:1:2:3", "c2:1:2:3:4:5", "c2:x:2:3:4", "c2:-1:2:3:4", "c2:1:2:3:" + "9" * 16,
    "c1:17:0:4",  # retired: before owners were written into the data
    "r2:1:2:q", "s2:1:2:mood:3", "l1:d:2026-12-06", "l1:x:20261206", "h1:z", "h1:c:08:00", "w2:1:2:maybe",
    "o1:consent:maybe", "o1:c:" + "x" * 30, "d1:1:2:yes", "a2:foot:1", "a1:foot:1", "c2:1:2:3:4\n",
    "c2:" + "1" * 70, None, 17,
])
def test_forged_malformed_or_retired_data_is_no_kind_at_all(data) -> None:
    assert [kind.__name__ for kind in KINDS if kind.matches(data)] == []


def test_data_that_would_not_fit_telegrams_limit_is_refused_when_written() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        ScheduleChoice(SchedulePart.REVIEW, "y" * 70).encode()
