"""The export's clinician PDF and FHIR bundle, from a constructed history in a real SQLite file: the PDF read
back (every section, the true dates of each program version, days without data, third-person reasons) and
its pages rendered to images; the FHIR bundle validated as R4 with its pain values equal to the check-ins."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, time, timedelta

import pypdfium2
import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from coach.domain import program as program_domain
from coach.domain.progression import Decision
from coach.services.reports.export import render_export
from coach.services.reports.fhir import CODE_SYSTEM, LOINC, PAIN_LOINC
from coach.services.review.weekly import stored_reasons
from coach.store import participants
from coach.store.db import make_engine, session_scope
from coach.store.export import rows_about
from coach.store.migrate import upgrade
from coach.store.models import CheckIn, Note, ProgramVersion, SafetyFlag, SessionLog, WeeklyReview

JOINED = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)  # Thu 1 Oct 2026, 10:00 in Berlin
TODAY = date(2026, 11, 10)
MISSING = {date(2026, 10, 5), date(2026, 10, 6), date(2026, 10, 20)}
ADMIN = 90_001


def at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


@pytest.fixture
def tables(tmp_path):
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        person = participants.create_participant(session=session, telegram_id=4242, chat_id=4242, first_name="Ivy",
                                                 timezone="Europe/Berlin", now=JOINED)
        person.onboarding_step, person.status, person.condition = None, "active", "radiculopathy"
        session.add(person)
        session.flush()
        pid = person.id
        day = JOINED.date()
        while day < TODAY:
            if day not in MISSING:
                pain = 5 if (day - timedelta(days=1)).weekday() in (0, 2, 4) else 2  # higher after session days
                session.add(CheckIn(participant_id=pid, local_date=day, pain=pain, numbness=1, tingling=2, balance=1,
                                    foot_problem=False, note="stiff after gardening" if day.day == 12 else None,
                                    source="typed", recorded_at=at(day)))
            if day.weekday() in (0, 2, 4):
                session.add(SessionLog(participant_id=pid, local_date=day, status="done", rpe=5, pain=2,
                                       reps="planned", source="command", recorded_at=at(day, 17)))
            day += timedelta(days=1)
        session.add(Note(participant_id=pid, local_date=date(2026, 10, 20), text="away, no check-in today",
                         created_at=at(date(2026, 10, 20))))
        starter = program_domain.STARTER_PROGRAM
        # Version 1 is stored only when version 2 is made (11 Oct): it was in use from joining, not from then.
        for version, made, reason in ((1, date(2026, 10, 11), "starter"), (2, date(2026, 10, 11), "progress"),
                                      (3, date(2026, 10, 25), "deload")):
            session.add(ProgramVersion(participant_id=pid, version=version, exercises=program_domain.to_json(starter),
                                       reason=reason, change=None if version == 1 else f"change {version}",
                                       created_at=at(made, 9)))
        session.add(SafetyFlag(participant_id=pid, kind="weakness", urgent=False, source="free_text",
                               excerpt="my left foot keeps dragging", raised_at=at(date(2026, 10, 28), 10),
                               acknowledged_at=at(date(2026, 10, 28), 15), acknowledged_by=ADMIN))
        decision = Decision("see_clinician", ("This week you reported: new or spreading weakness.",), ("red_flag",),
                            ("Red flag reported this week: new or spreading weakness.",))
        session.add(WeeklyReview(participant_id=pid, week_first=date(2026, 10, 25), week_last=date(2026, 10, 31),
                                 decision=decision.kind, rules="red_flag", reasons=stored_reasons(decision),
                                 message="…", status="informed", created_at=at(date(2026, 11, 1))))
        session.flush()
        rows = dict(rows_about(connection=session.connection(), participant_id=pid))
    engine.dispose()
    return rows


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_the_clinician_pdf_has_every_section_true_version_dates_and_third_person_reasons(tables):
    files = render_export(list(tables.items()), today=TODAY)
    text = pdf_text(files.pdf.content)
    for section in ("Weekly means against the baseline", "Scores over time", "What the entries show",
                    "Safety flags", "Weekly reviews", "Program versions", "Training sessions",
                    "Every day: check-ins, foot checks and notes"):
        assert section in text, section
    assert "Condition: Sciatica / radiculopathy" in text and "Joined: Thu 1 Oct 2026" in text
    assert "Period: Thu 1 Oct 2026 – Tue 10 Nov 2026 (41 days): a check-in on 37 of them, no entry on 4" in text
    assert "pain (0 none, 10 worst imaginable)" in text and "balance (0 steady, 10 most unsteady)" in text
    # Every version with its true dates: version 1 from joining, not from the day version 2 was stored.
    assert "Version 1: Thu 1 Oct 2026 to Sat 10 Oct 2026 (starting program)" in text
    assert "Version 2: Sun 11 Oct 2026 to Sat 24 Oct 2026 (light progression) — change 2" in text
    assert "Version 3: Sun 25 Oct 2026 to now (current) (easier week) — change 3" in text
    assert text.count("Sit-to-stand from a chair — 2 × 8") == 3, "each version lists its exercises"
    # The flag: the participant's words, urgency, who followed it up and when.
    assert "“my left foot keeps dragging”" in text and "same-day clinician" in text
    assert f"followed up by the coaching team (admin {ADMIN}) on Wed 28 Oct 2026 16:00" in text
    # Reviews in the third person.
    assert "Red flag reported this week: new or spreading weakness." in text
    assert "This week you reported" not in text
    # Days without data are shown as such, with their notes; foot checks and notes on the days that have them.
    assert "Mon 5 Oct 2026 – – – – no entry" in text
    assert "Tue 20 Oct 2026 – – – – no entry away, no check-in today" in text
    assert "stiff after gardening" in text and "no new problem" in text
    # Insights: pain higher the day after a session, with the counts.
    assert "Next-day scores after session days" in text and "pain 5 vs 2" in text
    assert "not evidence of cause" in text
    # Weekly means against the baseline: a week with its baseline once 7 check-ins exist.
    assert "Mon 12 Oct – Sun 18 Oct 7" in text


def test_the_pdf_pages_render_to_images(tables):
    content = render_export(list(tables.items()), today=TODAY).pdf.content
    document = pypdfium2.PdfDocument(content)
    try:
        assert len(document) >= 2
        for index in range(len(document)):
            image = document[index].render(scale=1).to_pil()
            assert abs(image.size[0] - 595) <= 1 and abs(image.size[1] - 842) <= 1  # A4 at 72 dpi
            darkest, lightest = image.convert("L").getextrema()
            assert darkest < 60 and lightest > 240, "text on a white page"
    finally:
        document.close()


def test_the_fhir_bundle_is_valid_r4_and_its_pain_values_are_the_stored_ones(tables):
    files = render_export(list(tables.items()), today=TODAY)
    assert files.fhir.filename == f"coach-export-{TODAY.isoformat()}-fhir.json"
    document = json.loads(files.fhir.content)
    Bundle.model_validate(document)  # raises on anything FHIR R4(B) would reject
    assert document["type"] == "collection"
    resources = [entry["resource"] for entry in document["entry"]]
    (patient,) = [r for r in resources if r["resourceType"] == "Patient"]
    assert set(patient) <= {"resourceType", "id", "active"}, "pseudonymous: no name, no Telegram id"
    assert "Ivy" not in files.fhir.content.decode() and "4242" not in files.fhir.content.decode()
    observations = [r for r in resources if r["resourceType"] == "Observation"]
    assert all(o["subject"]["reference"] == f"urn:uuid:{patient['id']}" for o in observations)
    pains = {o["effectiveDateTime"]: o["valueInteger"] for o in observations
             if o["code"]["coding"][0] == {"system": LOINC, "code": PAIN_LOINC[0], "display": PAIN_LOINC[1]}}
    assert pains == {row["local_date"].isoformat(): row["pain"] for row in tables["checkin"]}
    ours = [o["code"]["coding"][0]["code"] for o in observations if o["code"]["coding"][0]["system"] == CODE_SYSTEM]
    checkins, sessions = len(tables["checkin"]), len(tables["session_log"])
    assert [ours.count(code) for code in ("numbness", "tingling", "balance", "foot-check", "session", "red-flag")] == [
        checkins, checkins, checkins, checkins, sessions, 1]
    session = next(o for o in observations if o["code"]["coding"][0]["code"] == "session")
    assert [c["code"]["coding"][0]["code"] for c in session["component"]] == ["session-rpe", "session-pain",
                                                                              "session-reps"]
    flag = next(o for o in observations if o["code"]["coding"][0]["code"] == "red-flag")
    assert flag["valueCodeableConcept"]["text"] == "new or spreading weakness"
    assert "my left foot keeps dragging" in flag["note"][0]["text"]
    (code_system,) = [r for r in resources if r["resourceType"] == "CodeSystem"]
    assert code_system["url"] == CODE_SYSTEM
    assert {c["code"] for c in code_system["concept"]} >= set(ours)
