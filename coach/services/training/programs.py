"""A participant's program: the newest stored version (the starter until the first change), its
changes as new versions, and the switch to seated work while a foot wound heals."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from coach.domain import program as domain
from coach.domain.program import Program
from coach.services import texts
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome
from coach.services.reminders import wording as reminder_texts
from coach.store import programs as store
from coach.store.models import Participant

# Kept under its old name for the admin use case that clears a foot (the words live in texts).
FOOT_CARE_ENDED = texts.FOOT_CARE_ENDED


def current(session: Session, participant_id: int) -> tuple[int, Program]:
    """(version, program): version 0 is the starter program, before anything was stored."""
    row = store.latest(session=session, participant_id=participant_id)
    if row is None:
        return 0, domain.STARTER_PROGRAM
    return row.version, domain.from_json(row.exercises)


def change(session: Session, participant_id: int, program: Program, *, reason: str, change: str | None,
           now: datetime, created_by: int | None = None) -> int:
    """Store `program` as the next version (the starter is stored first, so every version is kept)."""
    if store.latest(session=session, participant_id=participant_id) is None:
        store.add(session=session, participant_id=participant_id, exercises=domain.to_json(domain.STARTER_PROGRAM),
                  reason="starter", change=None, now=now)
    return store.add(session=session, participant_id=participant_id, exercises=domain.to_json(program),
                     reason=reason, change=change, now=now, created_by=created_by).version


def start_foot_care(ctx: UseCaseContext, participant: Participant) -> str | None:
    """A foot wound: non-weight-bearing exercises from now on; the words to tell the participant, or None
    if foot care was already on."""
    if participant.foot_care_since is not None:
        return None
    participant.foot_care_since = ctx.now
    ctx.session.add(participant)
    change(ctx.session, participant.id, domain.NON_WEIGHT_BEARING_PROGRAM, reason="foot_wound",
           change="seated and lying exercises only while a foot wound heals", now=ctx.now)
    return texts.FOOT_CARE_STARTED


def end_foot_care(ctx: UseCaseContext, participant: Participant, *, admin_id: int) -> bool:
    """An admin cleared the foot: the program from before the wound comes back. False if none was on."""
    if participant.foot_care_since is None:
        return False
    participant.foot_care_since = None
    ctx.session.add(participant)
    before = domain.STARTER_PROGRAM
    versions = store.history(session=ctx.session, participant_id=participant.id)
    wound = max((v.version for v in versions if v.reason == "foot_wound"), default=None)
    earlier = [v for v in versions if wound is None or v.version < wound]
    if earlier:
        before = domain.from_json(earlier[-1].exercises)
    change(ctx.session, participant.id, before, reason="foot_cleared", change="usual exercises back after foot care",
           now=ctx.now, created_by=admin_id)
    return True


def show(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/program: the exercises of a training day, and when they last changed."""
    row = store.latest(session=ctx.session, participant_id=participant.id)
    program = domain.from_json(row.exercises) if row is not None else domain.STARTER_PROGRAM
    parts = [texts.PROGRAM_TITLE + "\n" + reminder_texts.session_list(program)]
    if row is not None and row.change:
        parts.append(texts.PROGRAM_LAST_CHANGE.format(change=row.change))
    if participant.foot_care_since is not None:
        parts.append(texts.PROGRAM_FOOT_CARE)
    parts.append(texts.SESSION_SAFETY)
    return Outcome().say("\n\n".join(parts))
