"""What a participant's own entries show about training and symptoms: the next day's scores after session
days against after rest days, and the four-week pain trend. Pure: no I/O.

Honest by construction: a comparison is made only with at least MIN_DAYS_EACH_SIDE days on each side,
always with its counts, and worded as a pattern in their entries, never as proof of cause. The weekly
review shows it once a month, the clinician's PDF always, and the dashboard will call `insights()` too.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence, Set
from datetime import date
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from coach.domain.progression import DayScores, one_decimal

WINDOW_DAYS = 28  # four weeks, the chart's reach
MIN_DAYS_EACH_SIDE = 3  # fewer days on either side and nothing is compared
NOTABLE_DIFFERENCE = 1.0  # points on 0–10: a smaller difference reads as "about the same"
ITEMS = ("pain", "numbness", "tingling")
NOT_PROOF = "a pattern in your entries, not proof"
_DAY = itemgetter(0)  # a DayScores' day
_DAY_BEFORE = (-1).__add__  # a day number → the day before's (mapped in C, without a Python loop)


class Comparison(NamedTuple):
    """One score's mean on the day after a session day and after a rest day."""

    item: str
    after_sessions: float
    after_rest: float

    @property
    def difference(self) -> float:
        """Positive: higher (worse) after sessions."""
        return self.after_sessions - self.after_rest

    @property
    def direction(self) -> str:
        """'higher', 'lower' or 'about the same' after sessions."""
        if self.difference >= NOTABLE_DIFFERENCE:
            return "higher"
        if self.difference <= -NOTABLE_DIFFERENCE:
            return "lower"
        return "about the same"


class WeekMean(NamedTuple):
    first: date
    pain: float | None  # None: no check-in that week
    checkins: int


class Insights(NamedTuple):
    first: date
    last: date
    session_days: int  # days with a session done or partly, and a check-in the next day
    rest_days: int  # other days with a check-in the next day
    comparisons: tuple[Comparison, ...]  # pain, numbness, tingling; empty without enough days on each side
    weeks: tuple[WeekMean, ...]  # mean pain of each week, oldest first
    trend: str | None  # 'rising', 'easing' or 'steady'; None without enough check-ins in the first and last week

    @property
    def enough(self) -> bool:
        """Whether there is anything to show: a comparison, or a trend."""
        return bool(self.comparisons) or self.trend is not None


def insights(checkins: Iterable[DayScores], session_days: Iterable[date], *, last: date,
             days: int = WINDOW_DAYS) -> Insights:
    """The comparison and the trend over the `days` days ending `last`.

    `session_days` are the days a session was done or partly done; every other day is a rest day (skipped
    or not logged). A day counts when the next day, still inside the window, has a check-in.
    """
    ordered = sorted(checkins, key=_DAY)
    columns = tuple(zip(*ordered, strict=True)) if ordered else ((), (), (), (), ())
    day_numbers = [day.toordinal() for day in columns[0]]
    return insights_of(day_numbers, columns[1], columns[2], columns[3],
                       {day.toordinal() for day in session_days}, last=last.toordinal(), days=days)


def insights_of(day_numbers: Sequence[int], pain: Sequence[int], numbness: Sequence[int], tingling: Sequence[int],
                trained: Set[int], *, last: int, days: int = WINDOW_DAYS) -> Insights:
    """insights() on columns: `day_numbers` (date.toordinal()) in ascending order with each day's scores, the
    day numbers `trained` on, and `last` as a day number.

    Slices, bisection and C-level sums rather than a loop over tuples: a weekly review of 100,000
    participants computes this for each of them (bench/weekly.py).
    """
    start, first, week_starts = _window(last, days)
    low, high = bisect_left(day_numbers, start), bisect_right(day_numbers, last)
    weeks = []
    a = low
    for week_first, week_start in week_starts:
        b = bisect_left(day_numbers, week_start + 7, a, high)
        weeks.append(WeekMean(week_first, sum(pain[a:b]) / (b - a) if b > a else None, b - a))
        a = b
    # The days after the window's first day, each after a session day or a rest day.
    after = bisect_right(day_numbers, start, low, high)
    after_session = list(map(trained.__contains__, map(_DAY_BEFORE, day_numbers[after:high])))
    sessions = sum(after_session)
    rests = len(after_session) - sessions
    comparisons: tuple[Comparison, ...] = ()
    if sessions >= MIN_DAYS_EACH_SIDE and rests >= MIN_DAYS_EACH_SIDE:
        found = []
        for item, column in zip(ITEMS, (pain, numbness, tingling), strict=True):
            scores = column[after:high]
            on_session = sum(compress(scores, after_session))
            found.append(Comparison(item, on_session / sessions, (sum(scores) - on_session) / rests))
        comparisons = tuple(found)
    weeks_found = tuple(weeks)
    return Insights(first, date.fromordinal(last), sessions, rests, comparisons, weeks_found, _trend(weeks_found))


@lru_cache(maxsize=64)
def _window(last: int, days: int) -> tuple[int, date, tuple[tuple[date, int], ...]]:
    """The window's first day number and date, and each whole week's first date and day number (the same
    for everyone reviewed for one week)."""
    start = last - days + 1
    return start, date.fromordinal(start), tuple((date.fromordinal(start + 7 * week), start + 7 * week)
                                                 for week in range(days // 7))


def _trend(weeks: Sequence[WeekMean]) -> str | None:
    if len(weeks) < 2 or min(weeks[0].checkins, weeks[-1].checkins) < MIN_DAYS_EACH_SIDE:
        return None
    change = weeks[-1].pain - weeks[0].pain
    if change >= NOTABLE_DIFFERENCE:
        return "rising"
    if change <= -NOTABLE_DIFFERENCE:
        return "easing"
    return "steady"


def _mean(days: Sequence[DayScores], item: str) -> float:
    return sum(getattr(scores, item) for scores in days) / len(days)


# --- in words -------------------------------------------------------------------------------------


def for_participant(found: Insights) -> list[str]:
    """Lines for the participant (second person); [] when there is nothing to show."""
    if not found.enough:
        return []
    lines = [f"What your entries show over 4 weeks — {NOT_PROOF}:"]
    if found.comparisons:
        lines.append(f"• The day after a session ({_days(found.session_days)}) against after a rest day "
                     f"({_days(found.rest_days)}): {_pairs(found.comparisons)}. {_summary(found.comparisons)}")
    if found.trend is not None:
        lines.append(f"• Pain by week: {_weekly(found.weeks)} — {_trend_words(found.trend)}.")
    return lines


def for_clinician(found: Insights) -> list[str]:
    """Lines for the clinician's summary (third person), saying so when there was too little to compare."""
    lines = []
    if found.comparisons:
        lines.append(f"Next-day scores after session days ({_days(found.session_days)}) against after rest days "
                     f"({_days(found.rest_days)}): {_pairs(found.comparisons)}.")
    else:
        lines.append(f"Next-day scores after session days against rest days: not compared — at least "
                     f"{MIN_DAYS_EACH_SIDE} days on each side are needed (there were {found.session_days} and "
                     f"{found.rest_days}).")
    if found.trend is not None:
        lines.append(f"Weekly mean pain, oldest first: {_weekly(found.weeks, ', ')} ({found.trend}).")
    else:
        lines.append(f"Four-week pain trend: not judged — at least {MIN_DAYS_EACH_SIDE} check-ins are needed in "
                     "the first and the last week.")
    lines.append("These are patterns in self-reported entries, not evidence of cause.")
    return lines


def _days(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


def _pairs(comparisons: Sequence[Comparison]) -> str:
    return ", ".join(f"{c.item} {one_decimal(c.after_sessions)} vs {one_decimal(c.after_rest)}" for c in comparisons)


def _summary(comparisons: Sequence[Comparison]) -> str:
    pain = comparisons[0]
    if pain.direction == "about the same":
        return "Pain was about the same either way."
    return f"Pain was {pain.direction} after sessions."


def _weekly(weeks: Sequence[WeekMean], separator: str = " → ") -> str:
    return separator.join("–" if week.pain is None else one_decimal(week.pain) for week in weeks)


def _trend_words(trend: str) -> str:
    return {"rising": "rising", "easing": "easing", "steady": "about steady"}[trend]
