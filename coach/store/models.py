"""The tables. Telegram ids are BIGINT; instants are UTC; local dates are the participant's own."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from coach.domain.states import Awaiting, DraftStatus, OnboardingStep, ReminderKind, ReminderStatus
from coach.store.types import UTCDateTime

# Named constraints, so Alembic can drop and alter them the same way on SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# SQLite hands out a deleted row's id again unless the table is AUTOINCREMENT. Ids reach buttons, commands,
# links, audit lines and exports, so an id freed by /delete must never name someone else's row (PostgreSQL's
# sequences never reuse one anyway; the dict is ignored there).
IDS_NEVER_REUSED = {"sqlite_autoincrement": True}


def _fk(table: str, *, index: bool = True) -> Column:
    """A participant foreign key that cascades deletes, so erasing a participant erases all."""
    return Column(Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, index=index)


def _score_checks(*names: str) -> tuple[CheckConstraint, ...]:
    return tuple(
        CheckConstraint(f"{n} IS NULL OR ({n} >= 0 AND {n} <= 10)", name=f"{n}_range")
        for n in names
    )


class Participant(SQLModel, table=True):
    """Someone who started the bot."""

    __tablename__ = "participant"
    __table_args__ = (IDS_NEVER_REUSED,)

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_type=BigInteger, unique=True, index=True)
    chat_id: int = Field(sa_type=BigInteger)
    first_name: str = Field(default="", max_length=128)
    # onboarding -> active; paused and inactive (blocked the bot) come with the reminders engine
    status: str = Field(default="onboarding", max_length=16)
    onboarding_step: OnboardingStep | None = Field(default=OnboardingStep.CONSENT, sa_type=String(32))
    # what a plain typed message is taken as next (None: nothing in particular)
    awaiting: Awaiting | None = Field(default=None, sa_type=String(48))  # stored as its text
    timezone: str = Field(default="UTC", max_length=64)
    condition: str | None = Field(default=None, max_length=32)
    clearance_required: bool = Field(default=False)
    cleared_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    paused_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Since a foot wound was reported: non-weight-bearing work only, until an admin clears it.
    foot_care_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Consent(SQLModel, table=True):
    """An explicit yes (or a later withdrawal) to storing health data."""

    __tablename__ = "consent"
    __table_args__ = (IDS_NEVER_REUSED,)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant"))
    version: str = Field(max_length=16)
    given_at: datetime = Field(sa_type=UTCDateTime)
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ScreeningAnswer(SQLModel, table=True):
    """One yes/no answer to the PAR-Q-style pre-exercise screening."""

    __tablename__ = "screening_answer"

    __table_args__ = (UniqueConstraint("participant_id", "question", name="uq_screening_question"), IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant"))
    question: str = Field(max_length=32)
    answer: bool
    answered_at: datetime = Field(sa_type=UTCDateTime)


class Schedule(SQLModel, table=True):
    """When a participant trains, checks in and gets the weekly review, in local wall time."""

    __tablename__ = "schedule"
    __table_args__ = (IDS_NEVER_REUSED,)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=Column(
        Integer, ForeignKey("participant.id", ondelete="CASCADE"), nullable=False, unique=True))
    session_days: str = Field(default="0,2,4", max_length=20)  # date.weekday() numbers
    session_time: time = Field(default=time(18, 0))
    checkin_time: time = Field(default=time(20, 0))
    review_day: int = Field(default=6, ge=0, le=6)
    review_time: time = Field(default=time(19, 0))
    updated_at: datetime = Field(sa_type=UTCDateTime)
    # The planner has queued reminders up to this local date, and looks again at this instant
    # (local midnight starting that date); both cleared when the schedule changes.
    planned_through: date | None = Field(default=None)
    plan_again_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)


class CheckIn(SQLModel, table=True):
    """The day's symptom scores: one per participant and local date."""

    __tablename__ = "checkin"

    __table_args__ = (
        UniqueConstraint("participant_id", "local_date", name="uq_checkin_day"),
        *_score_checks("pain", "numbness", "tingling", "balance"), IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    # No index of its own: uq_checkin_day starts with it, and one index fewer is one page fewer
    # written on every check-in.
    participant_id: int = Field(sa_column=_fk("participant", index=False))
    local_date: date
    pain: int
    numbness: int
    tingling: int
    balance: int
    foot_problem: bool | None = None
    note: str | None = Field(default=None, sa_type=Text)
    source: str = Field(max_length=16)  # buttons, typed, command, same
    recorded_at: datetime = Field(sa_type=UTCDateTime)


class CheckInRevision(SQLModel, table=True):
    """An earlier entry for a day that a later one replaced, kept as it was."""

    __tablename__ = "checkin_revision"

    __table_args__ = (*_score_checks("pain", "numbness", "tingling", "balance"), IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant"))
    checkin_id: int = Field(sa_column=_fk("checkin"))
    local_date: date
    pain: int
    numbness: int
    tingling: int
    balance: int
    foot_problem: bool | None = None
    note: str | None = Field(default=None, sa_type=Text)
    source: str = Field(max_length=16)
    recorded_at: datetime = Field(sa_type=UTCDateTime)
    replaced_at: datetime = Field(sa_type=UTCDateTime)


class CheckInDraft(SQLModel, table=True):
    """A button check-in in progress: the one message the bot edits as answers come in."""

    __tablename__ = "checkin_draft"

    __table_args__ = (*_score_checks("pain", "numbness", "tingling", "balance"), IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant"))
    local_date: date
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    pain: int | None = None
    numbness: int | None = None
    tingling: int | None = None
    balance: int | None = None
    foot_problem: bool | None = None
    status: DraftStatus = Field(default=DraftStatus.OPEN, sa_type=String(12))
    created_at: datetime = Field(sa_type=UTCDateTime)


class Note(SQLModel, table=True):
    """Free text a participant wrote with a check-in."""

    __tablename__ = "note"
    __table_args__ = (IDS_NEVER_REUSED,)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant"))
    checkin_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("checkin.id", ondelete="SET NULL"), nullable=True))
    local_date: date
    text: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)


class SafetyFlag(SQLModel, table=True):
    """A red flag raised from what a participant wrote; open until an admin acknowledges it."""

    __tablename__ = "safety_flag"
    __table_args__ = (IDS_NEVER_REUSED,)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant"))
    kind: str = Field(max_length=24)
    urgent: bool
    source: str = Field(max_length=16)  # checkin_note, free_text, foot_check
    excerpt: str = Field(max_length=200)
    raised_at: datetime = Field(sa_type=UTCDateTime)
    acknowledged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    acknowledged_by: int | None = Field(default=None, sa_type=BigInteger)


class Reminder(SQLModel, table=True):
    """One reminder to send: planned ahead from the schedule, claimed and sent by the dispatcher.

    The key (participant, kind, local date) makes planning idempotent: a restart or a second
    planner inserting the same occurrence again changes nothing.
    """

    __tablename__ = "reminder"

    __table_args__ = (
        UniqueConstraint("participant_id", "kind", "local_date", name="uq_reminder_occurrence"),
        Index("ix_reminder_status_due_at", "status", "due_at"), IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant", index=False))
    kind: ReminderKind = Field(sa_type=String(24))
    local_date: date
    due_at: datetime = Field(sa_type=UTCDateTime)
    # queued -> sending -> handed (its words in the outbox) -> sent | failed | uncertain; or from sending to
    # skipped, failed or uncertain; queued -> expired (back to queued from sending if released unsent)
    status: ReminderStatus = Field(default=ReminderStatus.QUEUED, sa_type=String(12))
    detail: str | None = Field(default=None, max_length=64)  # why skipped, failed, expired, uncertain
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Set just before the send itself: a claim with no attempt can go back to the queue when its
    # worker dies; one with an attempt may have reached Telegram, so it is never sent again.
    attempted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    created_at: datetime = Field(sa_type=UTCDateTime)


class SessionLog(SQLModel, table=True):
    """How a training day went: one per participant and local date; a later entry replaces it.

    A log made with the reminder's buttons is written at the first press ("done"), then its
    effort, pain and reps fill in as the participant answers; `asking` names the question still
    open (rpe, pain, reps), None once complete.
    """

    __tablename__ = "session_log"

    __table_args__ = (
        UniqueConstraint("participant_id", "local_date", name="uq_session_log_day"),
        *_score_checks("rpe", "pain"),
        CheckConstraint("status IN ('done', 'partly', 'skipped')", name="status_known"),
        CheckConstraint("reps IS NULL OR reps IN ('fewer', 'planned', 'more')", name="reps_known"), IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant", index=False))
    local_date: date
    status: str = Field(max_length=8)  # done, partly, skipped
    rpe: int | None = None  # effort, 0–10
    pain: int | None = None  # pain during the session, 0–10
    reps: str | None = Field(default=None, max_length=8)  # fewer, planned, more (than the target)
    asking: str | None = Field(default=None, max_length=8)
    source: str = Field(max_length=8)  # buttons, command
    recorded_at: datetime = Field(sa_type=UTCDateTime)


class ProgramVersion(SQLModel, table=True):
    """One version of a participant's program; a change adds a version and every earlier one is kept."""

    __tablename__ = "program_version"

    __table_args__ = (UniqueConstraint("participant_id", "version", name="uq_program_version_number"), IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant", index=False))
    version: int
    exercises: str = Field(sa_type=Text)  # JSON, as coach.domain.program.to_json writes it
    reason: str = Field(max_length=16)  # starter, progress, deload, foot_wound, foot_cleared, admin
    change: str | None = Field(default=None, sa_type=Text)  # what changed, in words
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: int | None = Field(default=None, sa_type=BigInteger)  # an admin's Telegram id; None: the bot


class WeeklyReview(SQLModel, table=True):
    """A weekly review as it was sent: the decision, its reasons, and what Apply would store."""

    __tablename__ = "weekly_review"

    __table_args__ = (
        UniqueConstraint("participant_id", "week_last", name="uq_weekly_review_week"),
        CheckConstraint("decision IN ('progress', 'hold', 'deload', 'see_clinician')", name="decision_known"),
        Index("ix_weekly_review_digest_pending", "digest_pending"), IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant", index=False))
    week_first: date
    week_last: date
    decision: str = Field(max_length=16)
    rules: str = Field(max_length=200)  # names of the rules that decided, comma-separated
    reasons: str = Field(sa_type=Text)  # JSON list of plain sentences
    message: str = Field(sa_type=Text)  # the full text the participant got
    proposal: str | None = Field(default=None, sa_type=Text)  # JSON program Apply would store
    change: str | None = Field(default=None, sa_type=Text)  # the proposal, in words
    base_version: int | None = None  # the program version the proposal starts from
    # sending -> proposed (Apply/Keep offered) | informed (nothing to apply) -> applied | kept
    status: str = Field(default="sending", max_length=12)
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    digest_pending: bool = Field(default=False)  # deload / see_clinician, not yet in an admin digest
    created_at: datetime = Field(sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuditEntry(SQLModel, table=True):
    """One change an admin made for a participant: who, when, what, and the before and after in words.

    It is about the participant, so it goes with them when they erase their data.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (IDS_NEVER_REUSED,)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(sa_column=_fk("participant"))
    admin_telegram_id: int = Field(sa_type=BigInteger)
    action: str = Field(max_length=24)  # schedule, pause, resume, program, ack, foot_cleared
    before: str | None = Field(default=None, sa_type=Text)
    after: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)


class InboxUpdate(SQLModel, table=True):
    """An update from Telegram's webhook, stored before Telegram is answered.

    Keyed by Telegram's own update_id, so a redelivered update is stored once. Workers claim rows
    here (one chat's updates strictly in order), and a claim carries a token: the use case that
    handles the update marks it done in its own transaction, fenced by that token, so an update
    taken over after a worker died is never applied twice. The payload (which may hold health
    data) is cleared once handled; the row stays a while only to recognise redeliveries.
    """

    __tablename__ = "inbox_update"

    __table_args__ = (
        Index("ix_inbox_update_status_update_id", "status", "update_id"),
        Index("ix_inbox_update_chat_id_update_id", "chat_id", "update_id"),
    )

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_id: int | None = Field(default=None, sa_type=BigInteger)
    payload: str | None = Field(default=None, sa_type=Text)
    # new -> working -> done | failed (given up after repeated errors)
    status: str = Field(default="new", max_length=8)
    attempts: int = Field(default=0)
    claimed_by: str | None = Field(default=None, max_length=64)
    claim_token: str | None = Field(default=None, max_length=32)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    not_before: datetime | None = Field(default=None, sa_type=UTCDateTime)
    received_at: datetime = Field(sa_type=UTCDateTime)
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class HandledUpdate(SQLModel, table=True):
    """An update long polling delivered that a use case stored something for, recorded in that use case's
    transaction: Telegram delivers an update again when the bot stopped before confirming it, and the second
    delivery must store and say nothing. Only the id and when (no chat, nothing an erasure would have to find),
    kept while Telegram could still deliver it again. (The webhook's updates are recognised in inbox_update.)"""

    __tablename__ = "handled_update"

    # INTEGER PRIMARY KEY on SQLite (the row's own key: one B-tree to write on the check-in's path).
    update_id: int = Field(sa_column=Column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True,
                                            autoincrement=False))
    handled_at: datetime = Field(sa_type=UTCDateTime, index=True)


class Worker(SQLModel, table=True):
    """A running bot process, seen at every tick: workers share Telegram's send rate between them."""

    __tablename__ = "worker"

    name: str = Field(primary_key=True, max_length=64)
    started_at: datetime = Field(sa_type=UTCDateTime)
    seen_at: datetime = Field(sa_type=UTCDateTime)


class DashboardLink(SQLModel, table=True):
    """A one-time sign-in link to the web dashboard, sent to one admin by /dashboard, and the session it started.

    Only a hash of the link's secret is kept, so a copy of the database signs nobody in.
    """

    __tablename__ = "dashboard_link"
    __table_args__ = (IDS_NEVER_REUSED,)

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(sa_type=String(64), unique=True)  # SHA-256 of the link's secret, hex
    admin_telegram_id: int = Field(sa_type=BigInteger)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The session the link started was signed out (its cookie no longer lets anyone in).
    session_ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
class OutboxMessage(SQLModel, table=True):
    """One message the bot decided to send, stored in the same transaction as the change it reports.

    The process that committed it sends it at once; a row left by a process that died is sent by another
    after the lease. A row whose send may have reached Telegram is never sent again (Telegram has no
    idempotency key): it ends sent, or uncertain with its reason. A chat's rows go out in id order.
    """

    __tablename__ = "outbox_message"

    __table_args__ = (
        Index("ix_outbox_message_status_id", "status", "id"),
        Index("ix_outbox_message_chat_id_id", "chat_id", "id"),
        IDS_NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger)
    # The participant whose words or data it carries (their chat id): erasing them erases it too.
    about_chat_id: int | None = Field(default=None, sa_type=BigInteger, index=True)
    kind: str = Field(max_length=12)  # reply, alert, notice, digest, farewell, reminder
    # JSON: what to send (text, buttons, edit, caption, file name); emptied once the send has ended.
    body: str = Field(sa_type=Text)
    # A document's bytes, or the chart's data to render (pickled ChartData): never rendered inside a transaction.
    media: bytes | None = Field(default=None, sa_type=LargeBinary)
    # queued -> sending -> sent | uncertain | failed (back to queued when a 429 said "not now")
    status: str = Field(default="queued", max_length=10)
    detail: str | None = Field(default=None, max_length=64)
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # The reminder whose words this row carries: how the row ends is how the reminder ends. Not a foreign key:
    # both are erased with the participant, and finished rows are pruned on their own schedule.
    reminder_id: int | None = Field(default=None, index=True)


class SendGate(SQLModel, table=True):
    """The bot's one send rate and Telegram's "slow down", shared by every worker: a single row.

    Instants are Unix seconds of the real clock (Telegram's limits are in real time, whatever the bot's
    clock says).
    """

    __tablename__ = "send_gate"

    id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    next_slot: float = Field(sa_column=Column(Float, nullable=False))  # the next free send slot
    paused_until: float = Field(sa_column=Column(Float, nullable=False))  # a 429's pause, for every worker
