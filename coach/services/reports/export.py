"""/export and `coach export`: everything stored about a participant, as a CSV, a PDF for their clinician and a
FHIR R4 bundle for clinic systems."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Document, Outcome
from coach.services.reports.fhir import render_fhir
from coach.store.export import TableRows, rows_about
from coach.store.models import Participant

CSV_HEADER = ("table", "row_id", "column", "value")
CSV_CAPTION = "Everything I have stored about you, one value per line (opens in any spreadsheet)."
PDF_CAPTION = "A summary to take to your clinician."
FHIR_CAPTION = "The same entries as a FHIR R4 bundle, for a clinic's record system."
EXPORT_SENT = ("Here is everything I have stored about you 📦\n\n"
               "• The CSV holds every entry exactly as stored: check-ins, notes, sessions, reminders, "
               "program versions, weekly reviews and any safety flags.\n"
               "• The PDF is a short summary for your clinician: your scores over time, sessions, program "
               "changes, weekly suggestions and flags.\n"
               "• The JSON file is for a clinic's record system (FHIR), if they ask for one; it carries no name.\n\n"
               "They contain your health information, so keep them somewhere private.")


@dataclass(frozen=True)
class ExportFiles:
    csv: Document
    pdf: Document
    fhir: Document

    @property
    def documents(self) -> tuple[Document, Document, Document]:
        return self.csv, self.pdf, self.fhir


def export(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/export: the three files, then a few words on what they are."""
    return Outcome().say(EXPORT_SENT, documents=build_export(ctx, participant).documents)


def build_export(ctx: UseCaseContext, participant: Participant) -> ExportFiles:
    """Read every row about the participant in this transaction and turn them into the three files."""
    tables = rows_about(connection=ctx.connection, participant_id=participant.id)
    return render_export(tables, today=ctx.local_today(participant))


def render_export(tables: Sequence[TableRows], *, today: date) -> ExportFiles:
    """The files for rows already read (pure); `today` is the participant's local date, used in the names."""
    # fpdf (with numpy and Pillow) is loaded only when a PDF is made: every bot process imports this module, and
    # most never export (measured with bench/fanout.py: the bot's resident memory).
    from coach.services.reports.clinician_pdf import render_pdf  # noqa: PLC0415

    stem = f"coach-export-{today.isoformat()}"
    return ExportFiles(
        csv=Document(f"{stem}.csv", to_csv(tables), caption=CSV_CAPTION),
        pdf=Document(f"{stem}.pdf", render_pdf(dict(tables), today=today), caption=PDF_CAPTION),
        fhir=Document(f"{stem}-fhir.json", render_fhir(dict(tables)), caption=FHIR_CAPTION),
    )


def to_csv(tables: Sequence[TableRows]) -> bytes:
    """Long format: one line per stored value, `table,row_id,column,value`, in UTF-8 with a byte-order mark
    (so spreadsheet programs read accents and emoji right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for table, rows in tables:
        for row in rows:
            row_id = csv_value(row.get("id"))
            for column, value in row.items():
                writer.writerow((table, row_id, column, csv_value(value)))
    return buffer.getvalue().encode("utf-8-sig")


def csv_value(value: Any) -> str:
    """None as empty, booleans as true/false, dates, times and instants in ISO 8601, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
