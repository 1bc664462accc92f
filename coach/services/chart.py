"""The weekly review's chart: four weeks of scores, session days marked, as a PNG (matplotlib, Agg)."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from datetime import date, timedelta

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

    @property
    def caption(self) -> str:
        return (f"Your last four weeks ({_day_month(self.first)} – {_day_month(self.last)}): "
                "scores 0–10, training days shaded.")


def chart_window(last: date) -> tuple[date, date]:
    return last - timedelta(days=CHART_DAYS - 1), last


def render_png(data: ChartData) -> bytes:
    """The chart as PNG bytes (about 40 KB)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    with _LOCK:
        figure = Figure(figsize=(8, 4.2), dpi=100)
        axes = figure.subplots()
        for day in data.session_days:
            axes.axvspan(day - timedelta(hours=12), day + timedelta(hours=12), color="#d5f5e3", zorder=0,
                         label="training day" if day == data.session_days[0] else None)
        days = [c.day for c in data.checkins]
        for item, colour in _COLOURS.items():
            axes.plot(days, [getattr(c, item) for c in data.checkins], marker="o", markersize=3, linewidth=1.6,
                      color=colour, label=item)
        if data.baseline_pain is not None:
            axes.axhline(data.baseline_pain, color=_COLOURS["pain"], linestyle=":", linewidth=1,
                         label="your usual pain")
        axes.set_xlim(data.first - timedelta(days=1), data.last + timedelta(days=1))
        axes.set_ylim(-0.3, 10.3)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("score (0 = none)")
        ticks = [data.first + timedelta(days=offset) for offset in range(0, CHART_DAYS, 7)] + [data.last]
        axes.set_xticks(ticks, [_day_month(d) for d in ticks])
        axes.grid(axis="y", alpha=0.3)
        axes.set_title("Your last four weeks")
        axes.legend(loc="upper left", fontsize=8, ncols=3, frameon=False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _day_month(day: date) -> str:
    """'16 Nov' (English, whatever the machine's locale)."""
    return format_day(day).split(" ", 1)[1]
