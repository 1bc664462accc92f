"""Queries about weekly reviews, and the rows a review reads — for one participant or for everyone."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import Connection, Integer, and_, case, cast, func, literal_column, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from coach.store.models import CheckIn, Participant, ProgramVersion, SafetyFlag, Schedule, SessionLog, WeeklyReview
from coach.store.types import as_utc


def get(*, session: Session, review_id: int) -> WeeklyReview | None:
    return session.get(WeeklyReview, review_id)


def for_week(*, session: Session, participant_id: int, week_last: date) -> WeeklyReview | None:
    return session.exec(select(WeeklyReview).where(WeeklyReview.participant_id == participant_id,
                                                   WeeklyReview.week_last == week_last)).first()


def reviewed_between(*, session: Session, participant_id: int, first: date, last: date) -> bool:
    """Whether a review of a week ending in [first, last] exists (one review per week)."""
    return session.exec(select(WeeklyReview.id).where(
        WeeklyReview.participant_id == participant_id, WeeklyReview.week_last >= first,
        WeeklyReview.week_last <= last).limit(1)).first() is not None


def latest(*, session: Session, participant_id: int) -> WeeklyReview | None:
    return session.exec(select(WeeklyReview).where(WeeklyReview.participant_id == participant_id)
                        .order_by(WeeklyReview.week_last.desc()).limit(1)).first()  # type: ignore[attr-defined]


def save(*, session: Session, participant_id: int, week_first: date, week_last: date, now: datetime,
         **values: object) -> WeeklyReview:
    """Write the week's review, or rewrite it if it was decided before but not yet sent."""
    row = for_week(session=session, participant_id=participant_id, week_last=week_last)
    if row is None:
        row = WeeklyReview(participant_id=participant_id, week_first=week_first, week_last=week_last,
                           created_at=now, **values)
    else:
        for name, value in values.items():
            setattr(row, name, value)
        row.week_first, row.created_at = week_first, now
    session.add(row)
    session.flush()
    return row


_W = WeeklyReview.__table__


def mark_sent(*, connection: Connection, participant_id: int, week_last: date, message_id: int,
              follow_up: Sequence[str]) -> None:
    """The review went out: Apply / Keep now wait for an answer (or nothing does, without a proposal), and
    a decision in `follow_up` waits for the admins' digest."""
    connection.execute(update(_W).where(_W.c.participant_id == participant_id, _W.c.week_last == week_last,
                                        _W.c.status == "sending")
                       .values(message_id=message_id, digest_pending=_W.c.decision.in_(follow_up),
                               status=case((_W.c.proposal.is_(None), "informed"), else_="proposed")))


def answer_once(*, connection: Connection, review_id: int, status: str, now: datetime) -> bool:
    """Record Apply or Keep; False when the review was answered already (by a press a moment earlier)."""
    return connection.execute(update(_W).where(_W.c.id == review_id, _W.c.status.in_(("sending", "proposed")))
                              .values(status=status, answered_at=now)).rowcount == 1


@dataclass(frozen=True)
class DigestLine:
    review_id: int
    telegram_id: int
    first_name: str
    decision: str
    rules: str
    week_last: date


def claim_digest(*, connection: Connection, created_before: datetime) -> list[DigestLine]:
    """Take the deload / see-a-clinician reviews not yet in an admin digest (each one only once)."""
    pending = list(connection.execute(sa_select(_W.c.id).where(
        _W.c.digest_pending.is_(True), _W.c.created_at < created_before)).scalars())
    if not pending:
        return []  # the usual case on every tick: a read, no write lock taken
    # Re-checked in the UPDATE, so two workers never both claim a line.
    ids = list(connection.execute(
        update(_W).where(_W.c.id.in_(pending), _W.c.digest_pending.is_(True))
        .values(digest_pending=False).returning(_W.c.id)).scalars())
    if not ids:
        return []
    p = Participant.__table__
    rows = connection.execute(
        sa_select(_W.c.id, p.c.telegram_id, p.c.first_name, _W.c.decision, _W.c.rules, _W.c.week_last)
        .join(p, p.c.id == _W.c.participant_id).where(_W.c.id.in_(ids)).order_by(_W.c.decision.desc(), _W.c.id))
    return [DigestLine(*row) for row in rows]


def release_digest(*, connection: Connection, review_ids: Sequence[int]) -> None:
    """Put lines back for the next digest (no admin could be told)."""
    connection.execute(update(_W).where(_W.c.id.in_(review_ids)).values(digest_pending=True))


# --- what a review reads, in bulk -----------------------------------------------------------------


class CheckInColumns(NamedTuple):
    """One participant's check-ins as columns, oldest first: the days as day numbers (date.toordinal()), and
    each score of those days (a bytes object is a sequence of small ints: sliced, summed and sorted in C)."""

    days: list[int]
    pain: Sequence[int]
    numbness: Sequence[int]
    tingling: Sequence[int]
    balance: Sequence[int]


NO_CHECKINS = CheckInColumns([], b"", b"", b"", b"")


class ReviewInputs(NamedTuple):
    """One participant's rows for a review, as plain tuples (cheap to build for 100,000 at once)."""

    participant: tuple  # id, telegram_id, first_name, timezone, created_at, clearance_required, cleared_at,
    #                     foot_care_since, session_days, condition
    checkins: CheckInColumns
    sessions: list  # (day number, status, rpe, pain, reps) of each session logged, oldest first
    flags: list  # (kind, raised_at, acknowledged_at)
    program: tuple | None  # (version, exercises JSON) of the newest version, None: the starter
    progressions: int  # how many versions a progression made (to rotate which exercise is next)


_P, _S, _C, _L, _F, _V = (Participant.__table__, Schedule.__table__, CheckIn.__table__, SessionLog.__table__,
                          SafetyFlag.__table__, ProgramVersion.__table__)


def review_inputs(*, connection: Connection, checkins_from: date, checkins_to: date, sessions_from: date,
                  last: date, flags_since: datetime, participant_ids: Sequence[int] | None = None,
                  id_range: tuple[int, int] | None = None) -> Iterator[ReviewInputs]:
    """Every onboarded participant's rows (or the ones named, or those whose ids lie in `id_range`,
    both ends included), one participant at a time, in id order.

    Each table is read in one ordered pass and the passes are merged, so the cost grows with the
    rows, not with round trips per participant.
    """
    def only(column):  # noqa: ANN001, ANN202
        if participant_ids is not None:
            return column.in_(participant_ids)
        return column.between(*id_range) if id_range is not None else True

    people = _driver_rows(connection, (
        sa_select(_P.c.id, _P.c.telegram_id, _P.c.first_name, _P.c.timezone, _P.c.created_at,
                  _P.c.clearance_required, _P.c.cleared_at, _P.c.foot_care_since, _S.c.session_days, _P.c.condition)
        .outerjoin(_S, _S.c.participant_id == _P.c.id)
        .where(only(_P.c.id), _P.c.onboarding_step.is_(None)).order_by(_P.c.id)))
    checkins = dict(_driver_rows(connection, _checkins_as_text(connection.dialect.name, only(_C.c.participant_id),
                                                               checkins_from, checkins_to)))
    sessions = dict(_driver_rows(connection, _sessions_as_text(connection.dialect.name, only(_L.c.participant_id),
                                                               sessions_from, last)))
    flags: dict[int, list] = {}
    for pid, kind, raised, acknowledged in connection.execute(
            sa_select(_F.c.participant_id, _F.c.kind, _F.c.raised_at, _F.c.acknowledged_at)
            .where(only(_F.c.participant_id), or_(_F.c.acknowledged_at.is_(None), _F.c.raised_at >= flags_since))):
        flags.setdefault(pid, []).append((kind, raised, acknowledged))
    newest = sa_select(_V.c.participant_id, func.max(_V.c.version).label("version")).where(
        only(_V.c.participant_id)).group_by(_V.c.participant_id).subquery()
    programs = {pid: (version, exercises) for pid, version, exercises in connection.execute(
        sa_select(_V.c.participant_id, _V.c.version, _V.c.exercises).join(
            newest, and_(newest.c.participant_id == _V.c.participant_id, newest.c.version == _V.c.version)))}
    progressions = dict(connection.execute(
        sa_select(_V.c.participant_id, func.count()).where(only(_V.c.participant_id), _V.c.reason == "progress")
        .group_by(_V.c.participant_id)).all())
    first_day, first_session_day = checkins_from.toordinal(), sessions_from.toordinal()
    for (pid, telegram_id, first_name, timezone, created_at, clearance_required, cleared_at, foot_care, days,
         condition) in people:
        person = (pid, telegram_id, first_name, timezone, as_utc(created_at), bool(clearance_required),
                  as_utc(cleared_at), as_utc(foot_care), days, condition)
        text, logged = checkins.get(pid), sessions.get(pid)
        yield ReviewInputs(person, _checkin_columns(text, first_day) if text else NO_CHECKINS,
                           _session_rows(logged, first_session_day) if logged else [], flags.get(pid, []),
                           programs.get(pid), progressions.get(pid, 0))


# Each participant's check-ins come as one text, five characters a day: the day (days since the first day
# read) and the four scores, each as the character with that code plus 48 (so '0' is 0, and no character is
# one PostgreSQL refuses). A review reads some 36 check-ins per participant, and the database driver makes a
# Python object of every value it returns: one text instead of 216 values costs a third of the reading,
# which is most of a bulk review's time (bench/weekly.py). Sessions come the same way: the day, the status,
# effort and pain (NULL as code 15) and the reps, as codes.
_CODE_BASE = 48
_FROM_CODES = bytes((code - _CODE_BASE) % 256 for code in range(256))
_MAX_DAYS_READ = 200  # the highest day code is then 247, still one byte


def _checkins_as_text(dialect: str, only, first: date, last: date):  # noqa: ANN001, ANN202
    """participant_id and the check-ins from `first` to `last` as text (see _CODE_BASE), days in order."""
    if (last - first).days >= _MAX_DAYS_READ:
        raise ValueError(f"a review reads at most {_MAX_DAYS_READ} days of check-ins")
    scores = (_C.c.pain, _C.c.numbness, _C.c.tingling, _C.c.balance)
    if dialect == "sqlite":
        day = cast(func.julianday(_C.c.local_date) - func.julianday(first.isoformat()), Integer)
        # The index on (participant_id, local_date) hands each participant's rows over in date order;
        # _checkin_columns checks that, rather than trust it.
        text = func.group_concat(func.char(*(_CODE_BASE + value for value in (day, *scores))), "")
    else:  # PostgreSQL: a date minus a date is a whole number of days
        day = _C.c.local_date - literal_column(f"DATE '{first.isoformat()}'")
        text = func.string_agg(func.concat(*(func.chr(_CODE_BASE + value) for value in (day, *scores))),
                               aggregate_order_by(literal_column("''"), _C.c.local_date))
    return (sa_select(_C.c.participant_id, text)
            .where(only, _C.c.local_date >= first, _C.c.local_date <= last).group_by(_C.c.participant_id))


_STATUSES = ("done", "partly", "skipped")
_REPS = (None, "fewer", "planned", "more")
_NULL_CODE = 15
_SCORES = (*range(11), *(None,) * (_NULL_CODE - 10))  # a score code → the score (None for NULL)


def _sessions_as_text(dialect: str, only, first: date, last: date):  # noqa: ANN001, ANN202
    """participant_id and the sessions logged from `first` to `last` as text (see _CODE_BASE), days in order."""
    if (last - first).days >= _MAX_DAYS_READ:
        raise ValueError(f"a review reads at most {_MAX_DAYS_READ} days of sessions")
    codes = (case(*((_L.c.status == status, code) for code, status in enumerate(_STATUSES))),
             func.coalesce(_L.c.rpe, _NULL_CODE), func.coalesce(_L.c.pain, _NULL_CODE),
             case(*((_L.c.reps == reps, code) for code, reps in enumerate(_REPS) if reps), else_=0))
    if dialect == "sqlite":
        day = cast(func.julianday(_L.c.local_date) - func.julianday(first.isoformat()), Integer)
        text = func.group_concat(func.char(*(_CODE_BASE + value for value in (day, *codes))), "")
    else:
        day = _L.c.local_date - literal_column(f"DATE '{first.isoformat()}'")
        text = func.string_agg(func.concat(*(func.chr(_CODE_BASE + value) for value in (day, *codes))),
                               aggregate_order_by(literal_column("''"), _L.c.local_date))
    return (sa_select(_L.c.participant_id, text)
            .where(only, _L.c.local_date >= first, _L.c.local_date <= last).group_by(_L.c.participant_id))


def _session_rows(text: str, first_day: int) -> list[tuple]:
    """One participant's sessions as _sessions_as_text wrote them: (day number, status, rpe, pain, reps)."""
    values = _ordered(text.encode("ascii").translate(_FROM_CODES))
    return [(first_day + values[at], _STATUSES[values[at + 1]], _SCORES[values[at + 2]], _SCORES[values[at + 3]],
             _REPS[values[at + 4]]) for at in range(0, len(values), 5)]


def _ordered(values: bytes) -> bytes:
    """Five-byte records, day first, in day order: as the database handed them over, unless it changed its
    ways (each day is there once)."""
    days = values[0::5]
    if days == bytes(sorted(days)):
        return values
    return b"".join(sorted(values[start:start + 5] for start in range(0, len(values), 5)))


def _checkin_columns(text: str, first_day: int) -> CheckInColumns:
    """The columns of one participant's check-ins as _checkins_as_text wrote them."""
    values = _ordered(text.encode("ascii").translate(_FROM_CODES))
    return CheckInColumns([first_day + day for day in values[0::5]], values[1::5], values[2::5], values[3::5],
                          values[4::5])


class ChartMarks(NamedTuple):
    flags: list  # (raised_at, urgent) of the red flags raised in the range
    versions: list  # (version, created_at, reason) of the program versions made in the range


def chart_marks(*, connection: Connection, participant_id: int, since: datetime, until: datetime) -> ChartMarks:
    """What a chart marks besides the scores: flags raised and program versions made in [since, until)."""
    flags = connection.execute(
        sa_select(_F.c.raised_at, _F.c.urgent).where(_F.c.participant_id == participant_id,
                                                     _F.c.raised_at >= since, _F.c.raised_at < until)
        .order_by(_F.c.raised_at)).all()
    versions = connection.execute(
        sa_select(_V.c.version, _V.c.created_at, _V.c.reason).where(
            _V.c.participant_id == participant_id, _V.c.created_at >= since, _V.c.created_at < until)
        .order_by(_V.c.version)).all()
    return ChartMarks([(as_utc(at), bool(urgent)) for at, urgent in flags],
                      [(version, as_utc(at), reason) for version, at, reason in versions])


def reviewable_id_ranges(*, connection: Connection, size: int) -> list[tuple[int, int]]:
    """The onboarded participants' ids cut into ranges of `size` participants each (first and last id of
    each), in order: the shares of a bulk review."""
    ids = connection.execute(
        sa_select(_P.c.id).where(_P.c.onboarding_step.is_(None)).order_by(_P.c.id)).scalars().all()
    return [(ids[start], ids[min(start + size, len(ids)) - 1]) for start in range(0, len(ids), size)]


def _driver_rows(connection: Connection, statement) -> list[tuple]:  # noqa: ANN001
    """The statement's rows straight from the database driver, all at once (a share of a bulk review reads
    a few hundred thousand small rows).

    A bulk review reads some fifty rows per participant; SQLAlchemy's result rows and type conversions cost
    more than the review itself there, and so does handing rows out one by one from a generator (measured
    with bench/weekly.py). The statement's values are dates and ids this module computed, so they are
    rendered into the SQL as literals.
    """
    sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    driver_error = connection.dialect.loaded_dbapi.Error
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    except driver_error as exc:
        # As SQLAlchemy would have raised it, so the runner's retry of a locked or lost database applies.
        raise DBAPIError.instance(None, None, exc, driver_error) from exc
    finally:
        cursor.close()


@lru_cache(maxsize=4096)
def as_date(value: date | str) -> date:
    """SQLite's driver returns dates as ISO text, PostgreSQL's as dates."""
    return value if isinstance(value, date) else date.fromisoformat(value)
