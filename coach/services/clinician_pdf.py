"""The PDF summary a participant can take to their clinician, drawn from their exported rows (fpdf2).

Pure: rows in, bytes out. It uses a core font, so any character outside Windows-1252 (an emoji in a
name or a note, Cyrillic, …) is printed as "?" rather than failing; the CSV keeps the exact text.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF

from coach.domain import program as program_domain
from coach.domain.progression import DayScores
from coach.domain.review_message import DECISION_LABELS
from coach.domain.safety import kind_label
from coach.domain.schedule import zone_info
from coach.domain.symptoms import format_day
from coach.services import texts
from coach.services.chart import range_chart, render_png
from coach.store.models import CheckIn, Participant, ProgramVersion, SafetyFlag, SessionLog, WeeklyReview

TITLE = "Coach — summary for your clinician"
DISCLAIMER = ("Coach is a Telegram bot for light strength training with nerve damage. It is not medical advice "
              "and makes no diagnosis: everything below was entered by the participant, and scores are their own "
              "ratings from 0 (none) to 10 (worst; for balance, the most unsteady).")
PROGRAM_REASONS = {"starter": "starting program", "progress": "light progression", "deload": "easier week",
                   "foot_wound": "foot wound: seated work only", "foot_cleared": "foot cleared",
                   "admin": "changed by the coaching team"}
NONE_YET = "None recorded."
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
    first, last = covered_range(participant, checkins, sessions, zone=zone, today=today)

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
    _facts(pdf, [
        ("Participant", participant["first_name"] or "(no name given)"),
        ("Condition", dict(texts.CONDITIONS).get(participant["condition"], participant["condition"] or "not given")),
        ("Time zone", participant["timezone"]),
        ("Covers", f"{_long_day(first)} – {_long_day(last)}"),
        ("Clinician clearance", _clearance(participant, zone)),
        ("Summary", _counts(checkins, sessions, tables.get(SafetyFlag.__tablename__, ()))),
    ])
    pdf.ln(2)
    pdf.set_font(_FONT, style="I", size=9)
    pdf.multi_cell(0, 4.5, DISCLAIMER, new_x="LMARGIN", new_y="NEXT")

    _heading(pdf, "Scores over time")
    if checkins:
        chart = range_chart(first, last, title=f"Daily scores, {_long_day(first)} – {_long_day(last)}",
                            checkins=(DayScores(r["local_date"], r["pain"], r["numbness"], r["tingling"], r["balance"])
                                      for r in checkins),
                            session_days=(r["local_date"] for r in sessions if r["status"] != "skipped"))
        pdf.image(io.BytesIO(render_png(chart)), w=pdf.epw)
    else:
        _plain(pdf, "No check-ins yet.")

    _heading(pdf, "Daily check-ins (0 = none, 10 = worst)")
    _table(pdf, ("Date", "Pain", "Numbness", "Tingling", "Balance"), (40, 20, 20, 20, 20),
           [(_long_day(r["local_date"]), r["pain"], r["numbness"], r["tingling"], r["balance"]) for r in checkins])

    _heading(pdf, "Training sessions")
    _table(pdf, ("Date", "Status", "Effort (0-10)", "Pain (0-10)", "Reps vs target"), (40, 25, 28, 28, 32),
           [(_long_day(r["local_date"]), r["status"], r["rpe"], r["pain"], r["reps"]) for r in sessions])

    versions = sorted(tables.get(ProgramVersion.__tablename__, ()), key=lambda row: row["version"])
    _heading(pdf, "Program history")
    _table(pdf, ("Version", "Date", "Reason", "Change"), (18, 32, 45, 85),
           [(r["version"], _long_day(_local(r["created_at"], zone)), PROGRAM_REASONS.get(r["reason"], r["reason"]),
             r["change"] or "") for r in versions])
    _current_program(pdf, versions)

    reviews = sorted(tables.get(WeeklyReview.__tablename__, ()), key=lambda row: row["week_last"])
    _heading(pdf, "Weekly reviews")
    _table(pdf, ("Week", "Decision", "Reasons"), (45, 32, 103),
           [(f"{_long_day(r['week_first'])} – {_long_day(r['week_last'])}",
             DECISION_LABELS.get(r["decision"], r["decision"]), _reasons(r["reasons"])) for r in reviews])

    flags = sorted(tables.get(SafetyFlag.__tablename__, ()), key=lambda row: row["raised_at"])
    _heading(pdf, "Safety flags")
    _table(pdf, ("Date", "Kind", "Urgent", "Status"), (40, 60, 20, 60),
           [(_long_day(_local(r["raised_at"], zone)), kind_label(r["kind"]), "yes" if r["urgent"] else "no",
             _flag_status(r, zone)) for r in flags])
    return bytes(pdf.output())


def covered_range(participant: Mapping[str, Any], checkins: Rows, sessions: Rows, *, zone: ZoneInfo,
                  today: date) -> tuple[date, date]:
    """From joining (or the earliest day filled in, which may be before it) to today."""
    days = [row["local_date"] for row in (*checkins, *sessions)]
    joined = _local(participant["created_at"], zone)
    return min([joined, *days]), max([today, *days])


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
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, header: tuple[str, ...], widths: tuple[int, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        _plain(pdf, NONE_YET)
        return
    pdf.set_font(_FONT, size=9)
    # The heading row is repeated at the top of each page a long table runs onto.
    with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", line_height=5) as table:
        for values in (header, *rows):
            row = table.row()
            for value in values:
                row.cell("–" if value is None else str(value))


def _current_program(pdf: FPDF, versions: Rows) -> None:
    if versions:
        program = program_domain.from_json(versions[-1]["exercises"])
        intro = f"Current exercises (version {versions[-1]['version']}):"
    else:
        program, intro = program_domain.STARTER_PROGRAM, "Current exercises (the starting program, never changed):"
    pdf.ln(2)
    _plain(pdf, intro)
    pdf.set_font(_FONT, size=9)
    for exercise in program:
        pdf.multi_cell(0, 5, f"·  {program_domain.describe_exercise(exercise)}", new_x="LMARGIN", new_y="NEXT")


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


def _reasons(stored: str | None) -> str:
    try:
        reasons = json.loads(stored or "[]")
    except ValueError:
        return stored or ""
    return " ".join(str(reason) for reason in reasons) if isinstance(reasons, list) else str(reasons)


def _flag_status(flag: Mapping[str, Any], zone: ZoneInfo) -> str:
    if flag["acknowledged_at"] is None:
        return "open (not yet followed up)"
    return f"followed up by the coaching team on {_long_day(_local(flag['acknowledged_at'], zone))}"


def _local(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def _long_day(day: date) -> str:
    """'Sat 21 Nov 2026'."""
    return f"{format_day(day)} {day.year}"
