"""Score charts as PNG (matplotlib, Agg): the weekly review's last four weeks, or any range of days, with
session days marked."""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coach.domain.progression import DayScores
from coach.domain.symptoms import format_day

CHART_DAYS = 28
_COLOURS = {"pain": "#c0392b", "numbness": "#2874a6", "tingling": "#b9770e", "balance": "#229954"}
# pyplot keeps global state; the Agg canvas itself is fine per thread, the figure factory is not.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class ChartData:
    """What the chart shows; rendering it is kept apart, off the event loop and out of any transaction."""

    first: date
    last: date
    checkins: tuple[DayScores, ...]
    session_days: tuple[date, ...]  # done or partly
    baseline_pain: float | None
    title: str = "Your last four weeks"

    @property
    def caption(self) -> str:
        return (f"Your last four weeks ({_day_month(self.first)} – {_day_month(self.last)}): "
                "scores 0–10, training days shaded.")


def chart_window(last: date) -> tuple[date, date]:
    return last - timedelta(days=CHART_DAYS - 1), last


def range_chart(first: date, last: date, *, checkins: Iterable[DayScores], session_days: Iterable[date],
                title: str) -> ChartData:
    """A chart of every day from `first` to `last` (any length), keeping only the entries inside it."""
    return ChartData(first=first, last=last,
                     checkins=tuple(sorted((c for c in checkins if first <= c.day <= last), key=lambda c: c.day)),
                     session_days=tuple(sorted(day for day in set(session_days) if first <= day <= last)),
                     baseline_pain=None, title=title)


def render_png(data: ChartData) -> bytes:
    """The chart as PNG bytes (about 40 KB)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    with _LOCK:
        figure = Figure(figsize=(8, 4.2), dpi=100)
        axes = figure.subplots()
        for day in data.session_days:
            middle = _at(day)
            axes.axvspan(middle - timedelta(hours=11), middle + timedelta(hours=11), color="#d5f5e3", zorder=0,
                         label="training day" if day == data.session_days[0] else None)
        # Every day of the window, a missing check-in as a gap in the line rather than a bridge over it.
        by_day = {c.day: c for c in data.checkins}
        window = [data.first + timedelta(days=offset) for offset in range((data.last - data.first).days + 1)]
        for item, colour in _COLOURS.items():
            values = [getattr(by_day[d], item) if d in by_day else math.nan for d in window]
            axes.plot([_at(d) for d in window], values, marker="o", markersize=3, linewidth=1.6, color=colour,
                      label=item)
        if data.baseline_pain is not None:
            axes.axhline(data.baseline_pain, color=_COLOURS["pain"], linestyle=":", linewidth=1,
                         label="your usual pain")
        axes.set_xlim(_at(data.first) - timedelta(days=1), _at(data.last) + timedelta(days=1))
        axes.set_ylim(-0.3, 10.3)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("score (0 = none)")
        ticks = _ticks(data.first, data.last)
        with_year = data.first.year != data.last.year
        axes.set_xticks([_at(d) for d in ticks], [_day_month(d) + (f" {d.year}" if with_year else "") for d in ticks])
        axes.grid(axis="y", alpha=0.3)
        axes.set_title(data.title)
        axes.legend(loc="upper left", fontsize=8, ncols=3, frameon=False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _ticks(first: date, last: date) -> list[date]:
    """Weekly labels from the first day (every few weeks over a long range, at most about nine), and the last."""
    span = (last - first).days
    step = 7 * max(1, math.ceil(span / (7 * 8)))
    ticks = [first + timedelta(days=offset) for offset in range(0, span, step)]
    if len(ticks) > 1 and (last - ticks[-1]).days < step / 2:
        ticks.pop()  # its label would run into the last day's
    return [*ticks, last]


def _at(day: date) -> datetime:
    """A day as a point on the time axis (dates alone cannot be offset by hours)."""
    return datetime.combine(day, time(0))


def _day_month(day: date) -> str:
    """'16 Nov' (English, whatever the machine's locale)."""
    return format_day(day).split(" ", 1)[1]
