"""What the triage ranking (coach/domain/triage.py) reads about everyone, in a handful of ordered reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from statistics import mean

from sqlalchemy import Connection, and_, case, func, select, true

from coach.domain import triage
from coach.domain.progression import DayScores, baseline_from
from coach.domain.schedule import decode_weekdays, training_day_count, zone_info
from coach.store.models import CheckIn, Participant, SafetyFlag, Schedule, SessionLog, WeeklyReview
from coach.store.reviews import as_date
from coach.store.types import as_utc

_P, _C, _F, _S, _L, _W = (m.__table__ for m in (Participant, CheckIn, SafetyFlag, Schedule, SessionLog,
                                                 WeeklyReview))
RECENT_DAYS = 7
BASELINE_DAYS = 28


def triage_facts(*, connection: Connection, now: datetime,
                 participant_ids: Sequence[int] | None = None) -> list[triage.TriageFacts]:
    """Every participant's facts as of `now` (each judged on their own local date); or only those of
    `participant_ids` (the dashboard, after changing one participant)."""
    def only(column):  # noqa: ANN001, ANN202 - a participant id column; the condition for the chosen ones
        return column.in_(participant_ids) if participant_ids is not None else true()

    people = connection.execute(select(
        _P.c.id, _P.c.telegram_id, _P.c.first_name, _P.c.timezone, _P.c.created_at, _P.c.onboarding_step,
        _P.c.status, _P.c.paused_until, _P.c.clearance_required, _P.c.cleared_at, _S.c.session_days)
        .outerjoin(_S, _S.c.participant_id == _P.c.id).where(only(_P.c.id)).order_by(_P.c.id)).all()
    if not people:
        return []
    todays = {row.id: now.astimezone(zone_info(row.timezone)).date() for row in people}
    earliest = min(todays.values()) - timedelta(days=RECENT_DAYS + BASELINE_DAYS)
    scores: dict[int, list[DayScores]] = defaultdict(list)
    for pid, day, pain, numbness, tingling, balance in connection.execute(
            select(_C.c.participant_id, _C.c.local_date, _C.c.pain, _C.c.numbness, _C.c.tingling, _C.c.balance)
            .where(_C.c.local_date >= earliest, only(_C.c.participant_id))
            .order_by(_C.c.participant_id, _C.c.local_date)):
        scores[pid].append(DayScores(as_date(day), pain, numbness, tingling, balance))
    last_checkin = dict(connection.execute(select(_C.c.participant_id, func.max(_C.c.local_date))
                                           .where(only(_C.c.participant_id)).group_by(_C.c.participant_id)).all())
    flags: dict[int, tuple[int, int]] = {}
    for pid, count, urgent in connection.execute(
            select(_F.c.participant_id, func.count(), func.sum(case((_F.c.urgent, 1), else_=0)))
            .where(_F.c.acknowledged_at.is_(None), only(_F.c.participant_id)).group_by(_F.c.participant_id)):
        flags[pid] = (count, int(urgent or 0))
    trained: dict[int, list[date]] = defaultdict(list)
    adherence_from = min(todays.values()) - timedelta(days=triage.ADHERENCE_DAYS)
    for pid, day in connection.execute(select(_L.c.participant_id, _L.c.local_date).where(
            _L.c.local_date >= adherence_from, _L.c.status != "skipped", only(_L.c.participant_id))):
        trained[pid].append(as_date(day))
    newest = select(_W.c.participant_id, func.max(_W.c.week_last).label("week_last")).where(
        only(_W.c.participant_id)).group_by(_W.c.participant_id).subquery()
    reviews = {pid: (decision, as_date(week)) for pid, decision, week in connection.execute(
        select(_W.c.participant_id, _W.c.decision, _W.c.week_last).join(
            newest, and_(newest.c.participant_id == _W.c.participant_id, newest.c.week_last == _W.c.week_last)))}
    facts = []
    for row in people:
        today, zone = todays[row.id], zone_info(row.timezone)
        joined = as_utc(row.created_at).astimezone(zone).date()
        recent_first = today - timedelta(days=RECENT_DAYS - 1)
        mine = scores.get(row.id, [])
        recent = [s.pain for s in mine if recent_first <= s.day <= today]
        baseline = baseline_from([s for s in mine if s.day < recent_first], week_first=recent_first, joined=joined)
        window_first = max(joined, today - timedelta(days=triage.ADHERENCE_DAYS - 1))
        planned = training_day_count(window_first, today, decode_weekdays(row.session_days)) if row.session_days \
            else 0
        review = reviews.get(row.id)
        fresh = review is not None and (today - review[1]).days <= triage.REVIEW_FRESH_DAYS
        last = last_checkin.get(row.id)
        open_count, urgent_count = flags.get(row.id, (0, 0))
        facts.append(triage.TriageFacts(
            participant_id=row.id, telegram_id=row.telegram_id, name=row.first_name or "", today=today,
            state=_state(row, now), joined=joined, last_checkin=as_date(last) if last is not None else None,
            open_flags=open_count, urgent_flags=urgent_count,
            recent_pain=mean(recent) if len(recent) >= triage.PAIN_MIN_CHECKINS else None,
            baseline_pain=baseline.pain if baseline is not None else None,
            planned_sessions=planned,
            trained_sessions=sum(1 for day in trained.get(row.id, ()) if window_first <= day <= today),
            last_review=review[0] if fresh else None, last_review_week=review[1] if fresh else None))
    return facts


def _state(row, now: datetime) -> str:  # noqa: ANN001 - a participant row
    """As /stats counts participants: setting up, blocked, paused, not cleared or active (first that applies)."""
    if row.onboarding_step is not None:
        return "setting up"
    if row.status == "inactive":
        return "blocked"
    if row.paused_until is not None and as_utc(row.paused_until) > now:
        return "paused"
    if row.clearance_required and row.cleared_at is None:
        return "not cleared"
    return "active"
