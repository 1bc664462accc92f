"""The PDF summary a participant can take to their clinician, drawn from their exported rows (fpdf2).

Written in the third person for a clinician with two minutes: who, the period and what each scale means
first; then weekly means against the baseline, the chart, what the entries show, flags and reviews; the
details (program versions, sessions, every day) after. A day without an entry is shown as such.

Pure: rows in, bytes out. It uses a core font, so any character outside Windows-1252 (an emoji in a
name or a note, Cyrillic, …) is printed as "?" rather than failing; the CSV keeps the exact text.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF

from coach.domain import insights as insights_domain
from coach.domain import program as program_domain
from coach.domain.progression import ITEMS, DayScores, baseline_from, one_decimal
from coach.domain.review_message import DECISION_LABELS
from coach.domain.safety import kind_label
from coach.domain.schedule import zone_info
from coach.domain.symptoms import format_day
from coach.services import texts
from coach.services.reports.chart import ChartMark, range_chart, render_png
from coach.store.models import (
    CheckIn,
    Note,
    Participant,
    ProgramVersion,
    SafetyFlag,
    SessionLog,
    WeeklyReview,
)

TITLE = "Coach — summary for your clinician"
DISCLAIMER = ("Coach is a Telegram bot for light strength training with nerve damage. It is not medical advice "
              "and makes no diagnosis: everything below was entered by the participant, who rated each score "
              "themselves.")
SCALES = ("All scores are the participant's own ratings, 0-10, once a day: pain (0 none, 10 worst imaginable); "
          "numbness and tingling/burning (0 none, 10 worst); balance (0 steady, 10 most unsteady). Session effort "
          "is a rating of perceived exertion (RPE, 0 rest, 10 maximal); pain during a session is 0-10; reps "
          "against target: fewer, as planned, or 2+ more. The baseline is the median of the first 14 check-ins, "
          "later of the 28 days before each week (at least 7 check-ins needed).")
PROGRAM_REASONS = {"starter": "starting program", "progress": "light progression", "deload": "easier week",
                   "foot_wound": "foot wound: seated work only", "foot_cleared": "foot cleared",
                   "admin": "changed by the coaching team"}
REPS = {"fewer": "fewer", "planned": "as planned", "more": "2+ more"}
SOURCES = {"checkin_note": "a check-in note", "free_text": "a message", "foot_check": "the foot check"}
NONE_YET = "None recorded."
NO_ENTRY = "no entry"
_ENCODING = "cp1252"  # what the core fonts can show (WinAnsiEncoding): Latin-1 plus dashes, quotes, €
_FONT = "Helvetica"
Rows = Sequence[Mapping[str, Any]]


class _Summary(FPDF):
    def normalize_text(self, text: str) -> str:
        # Anything the core font cannot show becomes "?" instead of an exception.
        return super().normalize_text(text.encode(_ENCODING, errors="replace").decode(_ENCODING))

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 5, f"Entered by the participant in Coach · not medical advice · page {self.page_no()} of "
                        "{nb}", align="C")


def render_pdf(tables: Mapping[str, Rows], *, today: date) -> bytes:
    """The summary of one participant's exported rows (table name → rows); `today` is their local date."""
    participant = tables[Participant.__tablename__][0]
    zone = zone_info(participant["timezone"])
    checkins = sorted(tables.get(CheckIn.__tablename__, ()), key=lambda row: row["local_date"])
    sessions = sorted(tables.get(SessionLog.__tablename__, ()), key=lambda row: row["local_date"])
    flags = sorted(tables.get(SafetyFlag.__tablename__, ()), key=lambda row: row["raised_at"])
    versions = sorted(tables.get(ProgramVersion.__tablename__, ()), key=lambda row: row["version"])
    reviews = sorted(tables.get(WeeklyReview.__tablename__, ()), key=lambda row: row["week_last"])
    first, last = covered_range(participant, checkins, sessions, zone=zone, today=today)
    scores = [DayScores(r["local_date"], r["pain"], r["numbness"], r["tingling"], r["balance"]) for r in checkins]
    trained = [r["local_date"] for r in sessions if r["status"] != "skipped"]
    joined = _local(participant["created_at"], zone)

    pdf = _Summary(format="A4")
    pdf.core_fonts_encoding = _ENCODING
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(TITLE)
    pdf.set_creator("Coach")
    pdf.add_page()
    pdf.set_font(_FONT, style="B", size=16)
    pdf.multi_cell(0, 9, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    days = (last - first).days + 1
    _facts(pdf, [
        ("Participant", participant["first_name"] or "(no name given)"),
        ("Condition", dict(texts.CONDITIONS).get(participant["condition"], participant["condition"] or "not given")),
        ("Time zone", participant["timezone"]),
        ("Joined", _long_day(joined)),
        ("Period", f"{_long_day(first)} – {_long_day(last)} ({days} day{'s' * (days != 1)}): a check-in on "
                   f"{len(checkins)} of them, no entry on {days - len(checkins)}"),
        ("Clinician clearance", _clearance(participant, zone)),
        ("Summary", _counts(checkins, sessions, flags)),
    ])
    pdf.ln(2)
    pdf.set_font(_FONT, size=9)
    pdf.multi_cell(0, 4.5, SCALES, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font(_FONT, style="I", size=9)
    pdf.multi_cell(0, 4.5, DISCLAIMER, new_x="LMARGIN", new_y="NEXT")

    _heading(pdf, "Weekly means against the baseline")
    _table(pdf, ("Week (Mon-Sun)", "Check-ins", "Pain", "Numbness", "Tingling", "Balance", "Sessions"),
           (38, 17, 21, 21, 21, 21, 41), weekly_rows(scores, sessions, first=first, last=last, joined=joined))
    _note(pdf, "Each mean is followed by the baseline for that week in brackets; '–' where there was none yet.")

    _heading(pdf, "Scores over time")
    if checkins:
        chart = range_chart(
            first, last, title=f"Daily scores, {_long_day(first)} – {_long_day(last)}", checkins=scores,
            session_days=trained,
            flags=[ChartMark(_local(r["raised_at"], zone), "flag") for r in flags],
            program_changes=[ChartMark(_local(r["created_at"], zone), f"v{r['version']}")
                             for r in versions if r["version"] > 1])
        pdf.image(io.BytesIO(render_png(chart, size="page")), w=pdf.epw)
    else:
        _plain(pdf, "No check-ins yet.")

    _heading(pdf, "What the entries show (the last 4 weeks)")
    for line in insights_domain.for_clinician(insights_domain.insights(scores, trained, last=last)):
        _plain(pdf, line)

    _heading(pdf, "Safety flags")
    _table(pdf, ("Raised", "Kind", "Urgency", "Their words", "Follow-up"), (30, 34, 24, 46, 46),
           [(_when(r["raised_at"], zone), kind_label(r["kind"]),
             "emergency care now" if r["urgent"] else "same-day clinician",
             f"\u201c{r['excerpt']}\u201d (in {SOURCES.get(r['source'], r['source'])})", _flag_status(r, zone))
            for r in flags])

    _heading(pdf, "Weekly reviews (what the bot suggested, and why)")
    _table(pdf, ("Week", "Suggestion", "Reasons", "Answer"), (40, 28, 88, 24),
           [(f"{_long_day(r['week_first'])} – {_long_day(r['week_last'])}",
             DECISION_LABELS.get(r["decision"], r["decision"]), clinician_reasons(r["reasons"]),
             _answer(r["status"])) for r in reviews])

    _heading(pdf, "Program versions")
    _program_versions(pdf, versions, joined=joined, zone=zone, today=today)

    _heading(pdf, "Training sessions")
    _table(pdf, ("Date", "Status", "Effort (RPE)", "Pain during", "Reps vs target"), (40, 25, 28, 28, 32),
           [(_long_day(r["local_date"]), r["status"], r["rpe"], r["pain"], REPS.get(r["reps"], r["reps"]))
            for r in sessions])

    _heading(pdf, "Every day: check-ins, foot checks and notes")
    _table(pdf, ("Date", "Pain", "Numb.", "Tingl.", "Bal.", "Foot check", "Notes"), (30, 12, 13, 13, 12, 30, 70),
           daily_rows(checkins, tables.get(Note.__tablename__, ()), first=first, last=last))
    return bytes(pdf.output())


def covered_range(participant: Mapping[str, Any], checkins: Rows, sessions: Rows, *, zone: ZoneInfo,
                  today: date) -> tuple[date, date]:
    """From joining (or the earliest day filled in, which may be before it) to today."""
    days = [row["local_date"] for row in (*checkins, *sessions)]
    joined = _local(participant["created_at"], zone)
    return min([joined, *days]), max([today, *days])


def weekly_rows(scores: Sequence[DayScores], sessions: Rows, *, first: date, last: date,
                joined: date) -> list[tuple[str, ...]]:
    """One row per Monday-to-Sunday week of the period: check-ins, each mean with the baseline of that week
    (as the weekly review computes it), and sessions done or partly of those logged."""
    rows = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        sunday = monday + timedelta(days=6)
        week = [s for s in scores if monday <= s.day <= sunday]
        baseline = baseline_from([s for s in scores if s.day < monday], week_first=monday, joined=joined)
        logged = [r for r in sessions if monday <= r["local_date"] <= sunday]
        done = sum(1 for r in logged if r["status"] == "done")
        partly = sum(1 for r in logged if r["status"] == "partly")
        cells = []
        for item in ITEMS:
            mean = one_decimal(sum(getattr(s, item) for s in week) / len(week)) if week else "–"
            usual = one_decimal(getattr(baseline, item)) if baseline is not None else "–"
            cells.append(f"{mean} ({usual})")
        rows.append((f"{format_day(monday)} – {format_day(sunday)}", str(len(week)), *cells,
                     f"{done} done, {partly} partly of {len(logged)}" if logged else "none logged"))
        monday += timedelta(days=7)
    return rows


def daily_rows(checkins: Rows, notes: Rows, *, first: date, last: date) -> list[tuple[str, ...]]:
    """Every day of the period; a day without a check-in says so."""
    by_day = {row["local_date"]: row for row in checkins}
    written: dict[date, list[str]] = {}
    for row in sorted(notes, key=lambda r: r["created_at"]):
        written.setdefault(row["local_date"], []).append(row["text"])
    rows = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        texts_of_day = list(dict.fromkeys([*([by_day[day]["note"]] if day in by_day and by_day[day]["note"]
                                               else []), *written.get(day, [])]))
        note = " / ".join(texts_of_day)
        if day in by_day:
            row = by_day[day]
            foot = {True: "new problem reported", False: "no new problem", None: "not asked"}[row["foot_problem"]]
            rows.append((_long_day(day), row["pain"], row["numbness"], row["tingling"], row["balance"], foot, note))
        else:
            rows.append((_long_day(day), "–", "–", "–", "–", NO_ENTRY, note))
    return rows


def clinician_reasons(stored: str | None) -> str:
    """A review's reasons in the third person (as stored since the reasons were kept for the clinician too);
    older rows kept only the participant's words, which are shown as such."""
    try:
        reasons = json.loads(stored or "[]")
    except ValueError:
        return stored or ""
    if isinstance(reasons, dict):
        return " ".join(str(r) for r in reasons.get("clinician") or reasons.get("participant") or [])
    if isinstance(reasons, list):
        return ("As worded to the participant: " + " ".join(str(r) for r in reasons)) if reasons else ""
    return str(reasons)


def program_periods(versions: Rows, *, joined: date, zone: ZoneInfo, today: date) -> list[tuple[date, date | None]]:
    """When each version was in use: from the day it was made (the starter: from joining, since it is stored
    only when the first change is made) to the day before the next one, or None while still current."""
    starts = [joined if row["reason"] == "starter" else _local(row["created_at"], zone) for row in versions]
    periods = []
    for index, start in enumerate(starts):
        if index + 1 < len(starts):
            end = max(start, starts[index + 1] - timedelta(days=1))
            periods.append((start, end))
        else:
            periods.append((start, None))
    return periods


def _program_versions(pdf: FPDF, versions: Rows, *, joined: date, zone: ZoneInfo, today: date) -> None:
    if not versions:
        _plain(pdf, f"The starting program throughout, never changed (in use since {_long_day(joined)}):")
        _exercises(pdf, program_domain.STARTER_PROGRAM)
        return
    for row, (start, end) in zip(versions, program_periods(versions, joined=joined, zone=zone, today=today),
                                 strict=True):
        until = f"to {_long_day(end)}" if end is not None else "to now (current)"
        by = " by the coaching team" if row["created_by"] is not None else ""
        change = f" — {row['change']}" if row["change"] else ""
        pdf.set_font(_FONT, style="B", size=9.5)
        pdf.multi_cell(0, 5, f"Version {row['version']}: {_long_day(start)} {until} "
                             f"({PROGRAM_REASONS.get(row['reason'], row['reason'])}{by}){change}",
                       new_x="LMARGIN", new_y="NEXT")
        _exercises(pdf, program_domain.from_json(row["exercises"]))


def _exercises(pdf: FPDF, program: program_domain.Program) -> None:
    pdf.set_font(_FONT, size=9)
    for exercise in program:
        pdf.multi_cell(0, 4.6, f"   ·  {program_domain.describe_exercise(exercise)}", new_x="LMARGIN",
                       new_y="NEXT")
    pdf.ln(1)


def _facts(pdf: FPDF, facts: list[tuple[str, str]]) -> None:
    for label, value in facts:
        pdf.set_font(_FONT, style="B", size=10)
        pdf.cell(42, 6, f"{label}:")
        pdf.set_font(_FONT, size=10)
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font(_FONT, style="B", size=12)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")


def _plain(pdf: FPDF, text: str) -> None:
    pdf.set_font(_FONT, size=10)
    pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")


def _note(pdf: FPDF, text: str) -> None:
    pdf.set_font(_FONT, style="I", size=8.5)
    pdf.multi_cell(0, 4.5, text, new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, header: tuple[str, ...], widths: tuple[int, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        _plain(pdf, NONE_YET)
        return
    pdf.set_font(_FONT, size=8.5)
    # The heading row is repeated at the top of each page a long table runs onto.
    with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", line_height=4.6) as table:
        for values in (header, *rows):
            row = table.row()
            for value in values:
                row.cell("–" if value is None else str(value))


def _clearance(participant: Mapping[str, Any], zone: ZoneInfo) -> str:
    if not participant["clearance_required"]:
        return "not asked for (no screening answer called for it)"
    if participant["cleared_at"] is None:
        return "asked for by the screening; not yet confirmed"
    cleared_on = _long_day(_local(participant["cleared_at"], zone))
    return f"asked for by the screening; the participant reported the go-ahead on {cleared_on}"


def _counts(checkins: Rows, sessions: Rows, flags: Rows) -> str:
    by_status = Counter(row["status"] for row in sessions)
    open_flags = sum(1 for row in flags if row["acknowledged_at"] is None)
    return (f"{len(checkins)} check-in day{'s' * (len(checkins) != 1)}; sessions: {by_status['done']} done, "
            f"{by_status['partly']} partly, {by_status['skipped']} skipped; "
            f"{len(flags)} safety flag{'s' * (len(flags) != 1)} ({open_flags} open)")


def _answer(status: str) -> str:
    return {"applied": "applied", "kept": "kept the plan", "proposed": "not answered", "informed": "-",
            "sending": "not sent"}.get(status, status)


def _flag_status(flag: Mapping[str, Any], zone: ZoneInfo) -> str:
    if flag["acknowledged_at"] is None:
        return "open (not yet followed up)"
    who = f" (admin {flag['acknowledged_by']})" if flag["acknowledged_by"] is not None else ""
    return f"followed up by the coaching team{who} on {_when(flag['acknowledged_at'], zone)}"


def _when(instant: datetime, zone: ZoneInfo) -> str:
    local = instant.astimezone(zone)
    return f"{_long_day(local.date())} {local:%H:%M}"


def _local(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def _long_day(day: date) -> str:
    """'Sat 21 Nov 2026'."""
    return f"{format_day(day)} {day.year}"
