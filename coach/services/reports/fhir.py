"""The participant's entries as a FHIR R4 Bundle (type collection) for clinic systems: a pseudonymous Patient,
one Observation per check-in item, one per training session, and one per red flag.

Pure: exported rows in, a JSON document out. Pain uses LOINC 72514-3; what LOINC has no fitting code for
(numbness, tingling, balance, the foot check, sessions, red flags) uses the project's own CodeSystem, which
the bundle carries and the README documents. Nothing that names the person goes in: no name, no Telegram
id; the Patient's id is derived from the row so that two exports of one person match, and nothing else.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from coach.domain.safety import kind_label
from coach.store.models import CheckIn, Participant, SafetyFlag, SessionLog

LOINC = "http://loinc.org"
PAIN_LOINC = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
CODE_SYSTEM = "urn:coach:fhir:CodeSystem:observations"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"
_NAMESPACE = uuid.UUID("5b0e7c1e-3f1a-4f6e-9a57-2f0d1c9e8a41")  # this project's, for the resources' ids

# The project's codes: code → (display, definition). Listed in the README too.
CODES: dict[str, tuple[str, str]] = {
    "numbness": ("Numbness severity 0-10, self-reported", "Numbness today, 0 none to 10 worst."),
    "tingling": ("Tingling or burning severity 0-10, self-reported", "Tingling or burning today, 0 none to 10 worst."),
    "balance": ("Unsteadiness 0-10, self-reported", "Balance problems today, 0 steady to 10 most unsteady."),
    "foot-check": ("New foot blister, wound or redness, self-checked",
                   "The daily foot check (diabetic neuropathy): true when a new problem was reported."),
    "session": ("Strength-training session, self-logged", "How a planned session went: done, partly or skipped."),
    "session-rpe": ("Session effort (RPE 0-10), self-reported", "Rating of perceived exertion, 0 rest to 10 maximal."),
    "session-pain": ("Pain during the session 0-10, self-reported", "Pain during the session, 0 none to 10 worst."),
    "session-reps": ("Repetitions against target, self-reported", "Fewer than planned, as planned, or 2+ more."),
    "red-flag": ("Red flag reported by the participant",
                 "A warning sign found in what the participant wrote; the value names its kind."),
    "red-flag-urgent": ("Red flag needs emergency care now", "True for the kinds that call for emergency care."),
    "done": ("Done", "Session done as planned."),
    "partly": ("Partly done", "Session partly done."),
    "skipped": ("Skipped", "Session skipped."),
    "fewer": ("Fewer reps than planned", "Fewer repetitions than the target."),
    "planned": ("Reps as planned", "The target repetitions."),
    "more": ("2+ more reps than planned", "Two or more repetitions over the target."),
}
Rows = Sequence[Mapping[str, Any]]


def render_fhir(tables: Mapping[str, Rows]) -> bytes:
    """The bundle as UTF-8 JSON."""
    return json.dumps(bundle(tables), ensure_ascii=False, indent=1).encode("utf-8")


def bundle(tables: Mapping[str, Rows]) -> dict:
    """A Bundle (type collection) of the participant's exported rows (table name → rows)."""
    participant = tables[Participant.__tablename__][0]
    patient_id = _id("participant", participant["id"], participant["created_at"].isoformat())
    subject = {"reference": f"urn:uuid:{patient_id}"}
    resources: list[dict] = [
        {"resourceType": "Patient", "id": patient_id, "active": participant["status"] != "inactive"},
        _code_system(),
    ]
    for row in sorted(tables.get(CheckIn.__tablename__, ()), key=lambda r: r["local_date"]):
        resources.append(_observation(("checkin", row["id"], "pain"), subject, row["local_date"], row["recorded_at"],
                                      _loinc_pain(), valueInteger=row["pain"]))
        for item in ("numbness", "tingling", "balance"):
            resources.append(_observation(("checkin", row["id"], item), subject, row["local_date"],
                                          row["recorded_at"], _ours(item), valueInteger=row[item]))
        if row["foot_problem"] is not None:
            resources.append(_observation(("checkin", row["id"], "foot"), subject, row["local_date"],
                                          row["recorded_at"], _ours("foot-check"), valueBoolean=row["foot_problem"]))
    for row in sorted(tables.get(SessionLog.__tablename__, ()), key=lambda r: r["local_date"]):
        components = []
        if row["rpe"] is not None:
            components.append({"code": _ours("session-rpe"), "valueInteger": row["rpe"]})
        if row["pain"] is not None:
            components.append({"code": _ours("session-pain"), "valueInteger": row["pain"]})
        if row["reps"] is not None:
            components.append({"code": _ours("session-reps"), "valueCodeableConcept": _ours(row["reps"])})
        extra = {"component": components} if components else {}
        resources.append(_observation(("session", row["id"]), subject, row["local_date"], row["recorded_at"],
                                      _ours("session"), category="activity",
                                      valueCodeableConcept=_ours(row["status"]), **extra))
    for row in sorted(tables.get(SafetyFlag.__tablename__, ()), key=lambda r: r["raised_at"]):
        words = f"In the participant's words: \u201c{row['excerpt']}\u201d"
        notes = [{"text": words, "time": _instant(row["raised_at"])}]
        if row["acknowledged_at"] is not None:
            notes.append({"text": "Followed up by the coaching team.", "time": _instant(row["acknowledged_at"])})
        resources.append(_observation(
            ("flag", row["id"]), subject, row["raised_at"], row["raised_at"], _ours("red-flag"),
            valueCodeableConcept={"text": kind_label(row["kind"])},
            component=[{"code": _ours("red-flag-urgent"), "valueBoolean": bool(row["urgent"])}], note=notes))
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource} for resource in resources]}


def _observation(key: tuple, subject: dict, effective: date | datetime, issued: datetime, code: dict, *,
                 category: str = "survey", **values: Any) -> dict:
    return {"resourceType": "Observation", "id": _id(*key), "status": "final",
            "category": [{"coding": [{"system": CATEGORY_SYSTEM, "code": category}]}], "code": code,
            "subject": subject,
            "effectiveDateTime": effective.isoformat() if not isinstance(effective, datetime) else _instant(effective),
            "issued": _instant(issued), **values}


def _code_system() -> dict:
    return {"resourceType": "CodeSystem", "id": _id("codesystem", CODE_SYSTEM), "url": CODE_SYSTEM,
            "name": "CoachObservations", "title": "Coach: self-reported symptoms, sessions and red flags",
            "status": "active", "content": "complete", "caseSensitive": True,
            "concept": [{"code": code, "display": display, "definition": definition}
                        for code, (display, definition) in CODES.items()]}


def _loinc_pain() -> dict:
    code, display = PAIN_LOINC
    return {"coding": [{"system": LOINC, "code": code, "display": display}], "text": "Pain (0-10)"}


def _ours(code: str) -> dict:
    return {"coding": [{"system": CODE_SYSTEM, "code": code, "display": CODES[code][0]}]}


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(part) for part in parts)))


def _instant(value: datetime) -> str:
    return value.isoformat()
