"""The planner: turns schedules into reminder rows, a day ahead, idempotently."""

from __future__ import annotations

from datetime import time, timedelta

from coach.domain.schedule import decode_weekdays, local_date_of, local_occurrence, occurrences_on
from coach.domain.states import ReminderStatus
from coach.services.plumbing.context import UseCaseContext
from coach.store import reminders as store

# Plans today and tomorrow (local): enough to ride out a restart, little to redo on a change.
DAYS_AHEAD = 1
PAGE = 2000


def plan_page(ctx: UseCaseContext, *, after_id: int = 0) -> int | None:
    """Queue the coming reminders of up to PAGE participants with ids above `after_id`.

    Returns the last participant id looked at (to continue from), or None when none was left.
    """
    targets = store.plan_targets(connection=ctx.connection, now=ctx.now, after_id=after_id, limit=PAGE)
    rows, plans = [], []
    for target in targets:
        today = local_date_of(ctx.now, target.timezone)
        through = today + timedelta(days=DAYS_AHEAD)
        start = today if target.planned_through is None else max(today, target.planned_through + timedelta(days=1))
        days = decode_weekdays(target.session_days)
        day = start
        while day <= through:
            for occurrence in occurrences_on(day, zone=target.timezone, session_days=days,
                                             session_time=target.session_time, checkin_time=target.checkin_time,
                                             review=(target.review_day, target.review_time)):
                # An occurrence already past when the schedule was set (or changed) is not owed.
                if occurrence.due_at >= target.schedule_updated_at:
                    rows.append({"participant_id": target.participant_id, "kind": occurrence.kind,
                                 "local_date": occurrence.local_date, "due_at": occurrence.due_at,
                                 "status": ReminderStatus.QUEUED, "created_at": ctx.now})
            day += timedelta(days=1)
        # Look again when `through` begins locally: then the day after it needs planning.
        plans.append((target.schedule_id, through, local_occurrence(through, time(0, 0), target.timezone)))
    store.queue(connection=ctx.connection, rows=rows)
    store.mark_planned(connection=ctx.connection, plans=plans)
    return targets[-1].participant_id if targets else None
