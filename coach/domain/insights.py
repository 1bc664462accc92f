"""What a participant's own entries show about training and symptoms: the next day's scores after session
days against after rest days, and the four-week pain trend. Pure: no I/O.

Honest by construction: a comparison is made only with at least MIN_DAYS_EACH_SIDE days on each side,
always with its counts, and worded as a pattern in their entries, never as proof of cause. The weekly
review shows it once a month, the clinician's PDF always, and the dashboard will call `insights()` too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from coach.domain.progression import DayScores, one_decimal

WINDOW_DAYS = 28  # four weeks, the chart's reach
MIN_DAYS_EACH_SIDE = 3  # fewer days on either side and nothing is compared
NOTABLE_DIFFERENCE = 1.0  # points on 0–10: a smaller difference reads as "about the same"
ITEMS = ("pain", "numbness", "tingling")
NOT_PROOF = "a pattern in your entries, not proof"
_ONE_DAY = timedelta(days=1)


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
    # Day numbers rather than dates, and running sums rather than lists: a weekly review of 100,000
    # participants computes this for each of them (bench/weekly.py).
    end = last.toordinal()
    start = end - days + 1
    trained = {day.toordinal() for day in session_days}
    weeks_count = days // 7
    week_pain = [0] * weeks_count
    week_n = [0] * weeks_count
    after = {True: [0, 0, 0, 0], False: [0, 0, 0, 0]}  # session day before? → count, pain, numbness, tingling
    for scores in checkins:
        ordinal = scores.day.toordinal()
        if not start <= ordinal <= end:
            continue
        week = (ordinal - start) // 7
        if week < weeks_count:
            week_pain[week] += scores.pain
            week_n[week] += 1
        if ordinal > start:
            sums = after[ordinal - 1 in trained]
            sums[0] += 1
            sums[1] += scores.pain
            sums[2] += scores.numbness
            sums[3] += scores.tingling
    (sessions, *session_sums), (rests, *rest_sums) = after[True], after[False]
    comparisons: tuple[Comparison, ...] = ()
    if sessions >= MIN_DAYS_EACH_SIDE and rests >= MIN_DAYS_EACH_SIDE:
        comparisons = tuple(Comparison(item, session_sums[i] / sessions, rest_sums[i] / rests)
                            for i, item in enumerate(ITEMS))
    first = date.fromordinal(start)
    weeks = tuple(WeekMean(first + timedelta(days=7 * week), week_pain[week] / week_n[week] if week_n[week] else None,
                           week_n[week]) for week in range(weeks_count))
    return Insights(first, last, sessions, rests, comparisons, weeks, _trend(weeks))


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
