"""`/export` sends a CSV of everything stored about the participant and a PDF summary for their clinician;
both are read back here and checked against the database."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader
from sqlalchemy import select
from sqlmodel import SQLModel

from coach.cli.main import main as coach_main
from coach.devtools.person import texts_of
from coach.services.reports.export import csv_value
from coach.store.db import session_scope
from coach.store.models import Participant
from tests.helpers.bot_world import onboard

IVY, MAX, STRANGER = 7201, 7202, 7203
CSV_NAME, PDF_NAME = "coach-export-2026-11-21.csv", "coach-export-2026-11-21.pdf"  # Sat 21 Nov in Berlin
FHIR_NAME = "coach-export-2026-11-21-fhir.json"


def participant_id_of(world, telegram_id: int) -> int:
    with session_scope(world.engine) as session:
        return session.execute(select(Participant.id).where(Participant.telegram_id == telegram_id)).scalar_one()


def stored_values(world, participant_id: int) -> set[tuple[str, str, str, str]]:
    """(table, row id, column, value) for every row of every table in the metadata that is about them."""
    values = set()
    with session_scope(world.engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            if table.name == "participant":
                owner = table.c.id
            elif "participant_id" in table.c:
                owner = table.c.participant_id
            else:
                continue
            for row in session.execute(select(table).where(owner == participant_id)).mappings():
                values |= {(table.name, str(row["id"]), column, csv_value(value)) for column, value in row.items()}
    return values


def read_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def pdf_text(content: bytes) -> str:
    """All the PDF's text, with runs of white space as one space (line breaks vary with the layout)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


async def test_export_sends_a_csv_of_every_stored_value_and_a_pdf_summary_of_them(world, monkeypatch, capsys):
    ivy, max_ = world.person(IVY, "Ivy"), world.person(MAX, "Max")
    await onboard(ivy)
    await onboard(max_)
    await ivy.say("/checkin 2026-11-19 pain 3 numbness 2 tingling 4 balance 1 - slept badly ☕ – tired")
    await ivy.say("/checkin yesterday pain 5 numbness 3 tingling 2 balance 2")
    await ivy.say("/log yesterday done rpe 6 pain 2 reps planned")
    flagged = texts_of(await ivy.say("pain 2 numbness 1 tingling 1 balance 0 - new wound on my heel"))
    assert "weight" in flagged.lower()  # the foot-wound answer: a flag, and seated work from now on
    await max_.say("pain 7 numbness 6 tingling 6 balance 6 - only Max wrote this")
    ivy_id, max_id = participant_id_of(world, IVY), participant_id_of(world, MAX)

    sent = await ivy.say("/export")

    assert [m["kind"] for m in sent] == ["document", "document", "document", "text"]
    assert "everything I have stored about you" in sent[-1]["text"]
    uploads = {f["message_id"]: f for f in world.emulator.client.files(IVY)}
    csv_file, pdf_file, fhir_file = (uploads[m["message_id"]] for m in sent[:3])
    assert (csv_file["filename"], csv_file["mime_type"]) == (CSV_NAME, "text/csv")
    assert (pdf_file["filename"], pdf_file["mime_type"]) == (PDF_NAME, "application/pdf")
    assert fhir_file["filename"] == FHIR_NAME and b'"resourceType": "Bundle"' in fhir_file["content"]

    # The CSV: every stored value of Ivy's, exactly, and nothing of Max's.
    lines = read_csv(csv_file["content"])
    assert list(lines[0]) == ["table", "row_id", "column", "value"]
    exported = {(line["table"], line["row_id"], line["column"], line["value"]) for line in lines}
    assert len(exported) == len(lines)  # no value twice
    stored = stored_values(world, ivy_id)
    assert exported == stored
    assert {table for table, *_ in stored} >= {"participant", "consent", "screening_answer", "schedule", "checkin",
                                                "session_log", "safety_flag", "program_version"}
    assert ("checkin", "note", "slept badly ☕ – tired") in {(t, c, v) for t, _, c, v in exported}
    assert {v for _, _, c, v in exported if c == "participant_id"} == {str(ivy_id)}
    assert str(max_id) not in {v for t, _, c, v in exported if t == "participant" and c == "id"}
    assert b"only Max wrote this" not in csv_file["content"] and str(MAX).encode() not in csv_file["content"]

    # The PDF: who, the range, each check-in's scores, the session, the program change and the flag.
    text = pdf_text(pdf_file["content"])
    assert "Coach — summary for your clinician" in text
    assert "Participant: Ivy" in text and "Condition: Peripheral neuropathy" in text
    assert "Time zone: Europe/Berlin" in text
    assert "Period: Thu 19 Nov 2026 – Sat 21 Nov 2026 (3 days): a check-in on 3 of them, no entry on 0" in text
    for row in ("Thu 19 Nov 2026 3 2 4 1", "Fri 20 Nov 2026 5 3 2 2", "Sat 21 Nov 2026 2 1 1 0"):
        assert row in text
    assert "Fri 20 Nov 2026 done 6 2 as planned" in text
    assert "foot wound: seated work only" in text
    assert "foot wound/blister same-day clinician" in text and "open (not yet followed up)" in text
    assert "not medical advice" in text
    assert "Max" not in text and "7 6 6 6" not in text

    # `coach export` writes the same CSV (and a PDF) from the same rows.
    monkeypatch.setenv("DATABASE_URL", str(world.engine.url))
    out = world.engine.url.database + "-export"
    capsys.readouterr()
    assert coach_main(["export", "--user", str(IVY), "--out", out]) == 0
    written = capsys.readouterr().out.split()
    assert [path.rsplit(".", 1)[-1] for path in written] == ["csv", "pdf"]
    assert coach_main(["export", "--user", str(IVY), "--out", out, "--fhir"]) == 0
    with_fhir = capsys.readouterr().out.split()
    assert [path.rsplit(".", 1)[-1] for path in with_fhir] == ["csv", "pdf", "json"]
    with open(with_fhir[2], "rb") as file:
        assert file.read() == fhir_file["content"]
    with open(written[0], "rb") as file:
        assert file.read() == csv_file["content"]


async def test_someone_who_never_started_is_asked_to_start_and_gets_no_file(world):
    stranger = world.person(STRANGER, "Sam")
    sent = await stranger.say("/export")
    assert [m["kind"] for m in sent] == ["text"] and "/start" in sent[0]["text"]
    assert world.emulator.client.files(STRANGER) == []
