"""Score charts as PNG (matplotlib, Agg): the weekly review's last four weeks, or any range of days for the
clinician's PDF — one drawing for both.

Made to be read on a phone (390 px wide): one small panel per score, so equal values never hide each
other; each score with its own marker and line style as well as its colour (the Okabe–Ito palette, safe
for colour-blind eyes); a missing day is a gap, never a line across it; training days shaded; red flags
and program changes marked on every panel and named in a legend.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from coach.domain.progression import DayScores
from coach.domain.symptoms import format_day

CHART_DAYS = 28


class Style(NamedTuple):
    colour: str
    marker: str
    line: str


# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
STYLES = {
    "pain": Style("#D55E00", "o", "-"),  # vermillion, circles, solid
    "numbness": Style("#0072B2", "s", "--"),  # blue, squares, dashed
    "tingling": Style("#CC79A7", "^", "-."),  # reddish purple, triangles, dash-dot
    "balance": Style("#009E73", "D", ":"),  # bluish green, diamonds, dotted
}
LABELS = {"pain": "Pain", "numbness": "Numbness", "tingling": "Tingling / burning", "balance": "Balance (unsteady)"}
TRAINING_SHADE = "#EAEAEA"
MARK_COLOUR = "#222222"
# Inches: a phone shows the picture 390 px wide, so a 3.9-inch figure keeps its fonts at their size there.
SIZES = {"phone": (3.9, 5.4), "page": (7.4, 5.0)}
DPI = 200
# pyplot keeps global state; the Agg canvas itself is fine per thread, the figure factory is not.
_LOCK = threading.Lock()


class ChartMark(NamedTuple):
    """A day marked on the chart: a red flag, or a program change ('v2')."""

    day: date
    label: str


@dataclass(frozen=True)
class ChartData:
    """What the chart shows; rendering it is kept apart, off the event loop and out of any transaction."""

    first: date
    last: date
    checkins: tuple[DayScores, ...]
    session_days: tuple[date, ...]  # done or partly
    baseline_pain: float | None
    title: str = "Your last four weeks"
    flags: tuple[ChartMark, ...] = ()
    program_changes: tuple[ChartMark, ...] = ()
    notes: tuple[str, ...] = ()  # lines the caption adds (the monthly insights)

    @property
    def caption(self) -> str:
        """The photo's caption (Telegram allows 1,024 characters)."""
        marks = "training days shaded"
        if self.flags:
            marks += ", ▲ a flag you reported"
        if self.program_changes:
            marks += ", ┆ a program change"
        head = f"Your last four weeks ({_day_month(self.first)} – {_day_month(self.last)}): scores 0–10, {marks}."
        return "\n\n".join([head, "\n".join(self.notes)]) if self.notes else head

    def marked(self, *, flags: Iterable[ChartMark] = (), program_changes: Iterable[ChartMark] = ()) -> ChartData:
        """The same chart with these marks (those inside its days)."""
        return replace(self, flags=tuple(m for m in flags if self.first <= m.day <= self.last),
                       program_changes=tuple(m for m in program_changes if self.first <= m.day <= self.last))


def chart_window(last: date) -> tuple[date, date]:
    return last - timedelta(days=CHART_DAYS - 1), last


def range_chart(first: date, last: date, *, checkins: Iterable[DayScores], session_days: Iterable[date],
                title: str, flags: Iterable[ChartMark] = (), program_changes: Iterable[ChartMark] = (),
                baseline_pain: float | None = None) -> ChartData:
    """A chart of every day from `first` to `last` (any length), keeping only the entries inside it."""
    data = ChartData(first=first, last=last,
                     checkins=tuple(sorted((c for c in checkins if first <= c.day <= last), key=lambda c: c.day)),
                     session_days=tuple(sorted(day for day in set(session_days) if first <= day <= last)),
                     baseline_pain=baseline_pain, title=title)
    return data.marked(flags=flags, program_changes=program_changes)


def render_png(data: ChartData, *, size: str = "phone") -> bytes:
    """The chart as PNG bytes: `phone` for Telegram (tall, 780 px wide), `page` for the PDF (wide)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    width, height = SIZES[size]
    days = (data.last - data.first).days + 1
    window = [data.first + timedelta(days=offset) for offset in range(days)]
    at = [_at(d) for d in window]
    by_day = {c.day: c for c in data.checkins}
    marker_size = 4.5 if days <= 35 else 3 if days <= 90 else 1.8
    with _LOCK:
        figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
        axes = figure.subplots(len(STYLES), 1, sharex=True)
        for panel, (item, style) in zip(axes, STYLES.items(), strict=True):
            for day in data.session_days:
                middle = _at(day)
                panel.axvspan(middle - timedelta(hours=12), middle + timedelta(hours=12), color=TRAINING_SHADE,
                              zorder=0, linewidth=0)
            for mark in data.program_changes:
                panel.axvline(_at(mark.day), color=MARK_COLOUR, linestyle=(0, (1, 1.5)), linewidth=1.1, zorder=1)
            for mark in data.flags:
                panel.axvline(_at(mark.day), color=MARK_COLOUR, linestyle="--", linewidth=0.9, zorder=1)
            # Every day of the window, a missing check-in as a gap in the line rather than a bridge over it.
            values = [getattr(by_day[d], item) if d in by_day else math.nan for d in window]
            panel.plot(at, values, color=style.colour, linestyle=style.line, linewidth=1.8, marker=style.marker,
                       markersize=marker_size, markeredgecolor="white", markeredgewidth=0.5, zorder=3)
            if item == "pain" and data.baseline_pain is not None:
                panel.axhline(data.baseline_pain, color=style.colour, linestyle=(0, (1, 2)), linewidth=1.2, zorder=2)
            panel.set_ylim(-0.8, 10.8)
            panel.set_yticks([0, 5, 10])
            panel.tick_params(labelsize=8.5, length=2)
            panel.grid(axis="y", color="#CCCCCC", linewidth=0.5)
            panel.set_title(LABELS[item], loc="left", fontsize=9.5, color=style.colour, fontweight="bold", pad=2)
            for side in ("top", "right"):
                panel.spines[side].set_visible(False)
        top = axes[0]
        for mark in data.flags:
            top.plot([_at(mark.day)], [12.2], marker="^", markersize=7, color=MARK_COLOUR, clip_on=False, zorder=4)
        for mark in data.program_changes:
            top.annotate(mark.label, (_at(mark.day), 10.8), xytext=(2, 0), textcoords="offset points", fontsize=7.5,
                         color=MARK_COLOUR, va="bottom")
        bottom = axes[-1]
        bottom.set_xlim(_at(data.first) - timedelta(hours=18), _at(data.last) + timedelta(hours=18))
        ticks = _ticks(data.first, data.last, most=4 if size == "phone" else 8)
        with_year = data.first.year != data.last.year
        bottom.set_xticks([_at(d) for d in ticks], [_day_month(d) + (f" {d.year}" if with_year else "")
                                                   for d in ticks])
        legend = [Patch(facecolor=TRAINING_SHADE, label="training day")]
        if data.baseline_pain is not None:
            legend.append(Line2D([], [], color=STYLES["pain"].colour, linestyle=(0, (1, 2)), label="usual pain"))
        if data.flags:
            legend.append(Line2D([], [], color=MARK_COLOUR, linestyle="--", marker="^", markersize=6,
                                 label="red flag"))
        if data.program_changes:
            legend.append(Line2D([], [], color=MARK_COLOUR, linestyle=(0, (1, 1.5)), label="program change"))
        figure.suptitle(data.title, fontsize=11, fontweight="bold")
        figure.legend(handles=legend, loc="outside lower center", ncols=2, fontsize=8.5, frameon=False,
                      handlelength=1.8, columnspacing=1.2)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _ticks(first: date, last: date, *, most: int) -> list[date]:
    """About `most` labels, a whole number of weeks apart, from the first day to the last."""
    span = (last - first).days
    step = 7 * max(1, math.ceil(span / (7 * max(1, most - 1))))
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
