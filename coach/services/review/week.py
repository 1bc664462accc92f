"""The week so far, in numbers: `/week` and `/today`."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean

from sqlmodel import Session

from coach.domain.schedule import decode_weekdays, format_hhmm, training_days_between
from coach.domain.sessions import describe as describe_session
from coach.domain.symptoms import ITEMS, format_day, format_scores
from coach.services import texts
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome
from coach.services.reminders import wording as reminder_texts
from coach.services.reminders.schedules import is_paused
from coach.services.safety.training_hold import NOT_CLEARED, OPEN_FLAG, open_flags_note, training_hold
from coach.services.training import programs
from coach.store import checkins as checkin_store
from coach.store import participants as participant_store
from coach.store import sessions as session_store
from coach.store.models import Participant


def week_summary(session: Session, *, participant_id: int, today: date, joined: date) -> str:
    """Monday to `today`, local: sessions done of those planned, check-ins and their averages. Days
    before the participant `joined` are not held against them.
    """
    monday = today - timedelta(days=today.weekday())
    first = max(monday, joined)
    schedule = participant_store.get_schedule(session=session, participant_id=participant_id)
    training_days = decode_weekdays(schedule.session_days) if schedule else ()
    planned = training_days_between(first, today, training_days)
    logs = session_store.logs_between(session=session, participant_id=participant_id, first=monday, last=today)
    done = [log for log in logs if log.status == "done"]
    partly = [log for log in logs if log.status == "partly"]
    skipped = [log for log in logs if log.status == "skipped"]
    # Adherence is against the plan: an extra session on a rest day is welcome but not counted there.
    on_plan = {log.local_date: log.status for log in logs if log.local_date in planned}
    checkins = checkin_store.checkins_between(session=session, participant_id=participant_id, first=monday,
                                              last=today)
    days_so_far = (today - first).days + 1
    if first > monday:
        lines = [texts.WEEK_TITLE_SINCE_JOINED.format(day=format_day(first))]
    else:
        lines = [texts.WEEK_TITLE.format(first=format_day(monday), last=format_day(today))]
    counts = [texts.WEEK_COUNT_DONE.format(count=len(done))]
    if partly:
        counts.append(texts.WEEK_COUNT_PARTLY.format(count=len(partly)))
    if skipped:
        counts.append(texts.WEEK_COUNT_SKIPPED.format(count=len(skipped)))
    if planned:
        kept = sum(1.0 if status == "done" else 0.5 if status == "partly" else 0.0 for status in on_plan.values())
        adherence = round(100 * kept / len(planned))
        lines.append(texts.WEEK_SESSIONS_PLANNED.format(counts=", ".join(counts), planned=len(planned),
                                                        adherence=adherence))
    else:
        lines.append(texts.WEEK_SESSIONS.format(counts=", ".join(counts)))
    efforts = [log.rpe for log in logs if log.rpe is not None]
    pains = [log.pain for log in logs if log.pain is not None]
    if efforts or pains:
        parts = []
        if efforts:
            parts.append(texts.WEEK_AVERAGE_EFFORT.format(value=_mean(efforts)))
        if pains:
            parts.append(texts.WEEK_AVERAGE_PAIN_DURING.format(value=_mean(pains)))
        lines.append(texts.WEEK_SESSION_AVERAGES.format(averages=" · ".join(parts)))
    lines.append(texts.WEEK_CHECKINS.format(count=len(checkins), days=days_so_far))
    if checkins:
        averages = " · ".join(texts.WEEK_AVERAGE_SCORE.format(item=item,
                                                              value=_mean([getattr(c, item) for c in checkins]))
                              for item in ITEMS)
        lines.append(texts.WEEK_AVERAGE_SCORES.format(averages=averages))
        worst = max(checkins, key=lambda c: c.pain)
        lines.append(texts.WEEK_HIGHEST_PAIN.format(pain=worst.pain, day=format_day(worst.local_date)))
    return "\n".join(lines)


def week(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/week."""
    joined = participant.created_at.astimezone(ctx.zone(participant)).date()
    return Outcome().say(week_summary(ctx.session, participant_id=participant.id,
                                      today=ctx.local_today(participant), joined=joined))


def today(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/today: today's plan and what is done — check-in and session."""
    day = ctx.local_today(participant)
    lines = [texts.TODAY_TITLE.format(day=format_day(day))]
    checkin = checkin_store.get_checkin(session=ctx.session, participant_id=participant.id, local_date=day)
    schedule = participant_store.get_schedule(session=ctx.session, participant_id=participant.id)
    if checkin is None:
        lines.append(texts.TODAY_CHECKIN_NOT_YET_AT.format(time=format_hhmm(schedule.checkin_time)) if schedule
                     else texts.TODAY_CHECKIN_NOT_YET)
    else:
        lines.append(texts.TODAY_CHECKIN_DONE.format(
            scores=format_scores({item: getattr(checkin, item) for item in ITEMS})))
        if checkin.note:
            lines.append(texts.TODAY_NOTE.format(note=checkin.note))
    log = session_store.get_log(session=ctx.session, participant_id=participant.id, local_date=day)
    training_day = schedule is not None and day.weekday() in decode_weekdays(schedule.session_days)
    if log is not None:
        described = describe_session(day, log.status, rpe=log.rpe, pain=log.pain, reps=log.reps)
        lines.append(texts.TODAY_SESSION_LOGGED.format(session=described.split(": ", 1)[1]))
    elif training_day:
        hold = training_hold(ctx.session, participant_id=participant.id,
                             clearance_required=participant.clearance_required, cleared_at=participant.cleared_at)
        if hold == OPEN_FLAG:
            lines.append(texts.TODAY_HOLD_ITEM.format(note=open_flags_note(ctx.session, participant_id=participant.id)))
        elif hold == NOT_CLEARED:
            lines.append(texts.TODAY_NOT_CLEARED)
        else:
            exercises = reminder_texts.session_list(programs.current(ctx.session, participant.id)[1])
            lines.append(texts.TODAY_SESSION_PLANNED.format(time=format_hhmm(schedule.session_time),
                                                            exercises=exercises))
            seated = open_flags_note(ctx.session, participant_id=participant.id)
            if seated:
                lines.append(texts.TODAY_SEATED_NOTE.format(note=seated))
    else:
        lines.append(texts.TODAY_REST_DAY)
    if is_paused(ctx, participant):
        lines.append(texts.TODAY_PAUSED)
    return Outcome().say("\n".join(lines))


def _mean(values: list[int]) -> str:
    return f"{fmean(values):.1f}".removesuffix(".0")
