"""The week so far, in numbers: `/week`, `/today`, and the weekly message the review trigger sends."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean

from sqlmodel import Session

from coach.domain.schedule import decode_weekdays, format_hhmm, zone_info
from coach.domain.sessions import describe as describe_session
from coach.domain.symptoms import ITEMS, format_day, format_scores
from coach.services import reminder_texts
from coach.services.context import UseCaseContext
from coach.services.replies import Outcome
from coach.services.schedules import is_paused
from coach.services.training import NOT_CLEARED, OPEN_FLAG, training_hold
from coach.store import checkins as checkin_store
from coach.store import participants as participant_store
from coach.store import sessions as session_store
from coach.store.models import Participant

CLINICIAN_PROMPT = ("Please talk this through with your clinician (neurologist, physiotherapist or GP) before "
                    "you change your training. If your symptoms suddenly get worse, stop and seek care.")


def week_summary(session: Session, *, participant_id: int, today: date, joined: date,
                 last_seven_days: bool = False) -> str:
    """Monday (or, with `last_seven_days`, six days before) to `today`, local: sessions done of those
    planned, check-ins and their averages. Days before the participant `joined` are not held against them.
    """
    monday = today - timedelta(days=6 if last_seven_days else today.weekday())
    first = max(monday, joined)
    schedule = participant_store.get_schedule(session=session, participant_id=participant_id)
    training_days = decode_weekdays(schedule.session_days) if schedule else ()
    planned = [first + timedelta(days=d) for d in range((today - first).days + 1)
               if (first + timedelta(days=d)).weekday() in training_days]
    logs = session_store.logs_between(session=session, participant_id=participant_id, first=monday, last=today)
    done = [log for log in logs if log.status == "done"]
    partly = [log for log in logs if log.status == "partly"]
    skipped = [log for log in logs if log.status == "skipped"]
    # Adherence is against the plan: an extra session on a rest day is welcome but not counted there.
    on_plan = {log.local_date: log.status for log in logs if log.local_date in planned}
    checkins = checkin_store.checkins_between(session=session, participant_id=participant_id, first=monday,
                                              last=today)
    days_so_far = (today - first).days + 1
    title = "The last 7 days" if last_seven_days else "Your week so far"
    lines = [f"{title} ({format_day(monday)} – {format_day(today)}):"]
    if first > monday:
        lines[0] = f"{title} (since you joined on {format_day(first)}):"
    session_line = f"• Sessions: {len(done)} done"
    if partly:
        session_line += f", {len(partly)} partly"
    if skipped:
        session_line += f", {len(skipped)} skipped"
    if planned:
        kept = sum(1.0 if status == "done" else 0.5 if status == "partly" else 0.0 for status in on_plan.values())
        adherence = round(100 * kept / len(planned))
        session_line += f" — of {len(planned)} planned so far ({adherence}%)"
    lines.append(session_line)
    efforts = [log.rpe for log in logs if log.rpe is not None]
    pains = [log.pain for log in logs if log.pain is not None]
    if efforts or pains:
        parts = []
        if efforts:
            parts.append(f"effort {_mean(efforts)}")
        if pains:
            parts.append(f"pain during {_mean(pains)}")
        lines.append("• Session averages: " + " · ".join(parts))
    lines.append(f"• Check-ins: {len(checkins)} of {days_so_far} days")
    if checkins:
        averages = " · ".join(f"{item} {_mean([getattr(c, item) for c in checkins])}"
                              for item in ITEMS)
        lines.append(f"• Average scores: {averages}")
        worst = max(checkins, key=lambda c: c.pain)
        lines.append(f"• Highest pain: {worst.pain} on {format_day(worst.local_date)}")
    return "\n".join(lines)


def week(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/week."""
    joined = participant.created_at.astimezone(ctx.zone(participant)).date()
    return Outcome().say(week_summary(ctx.session, participant_id=participant.id,
                                      today=ctx.local_today(participant), joined=joined))


# A look back needs a few days to look back on.
MIN_DAYS_FOR_A_LOOK_BACK = 3


def weekly_message(session: Session, *, participant_id: int, first_name: str, today: date) -> str | None:
    """What the weekly trigger sends: the week in numbers and, always, the clinician prompt.

    None when the participant joined too recently for a week to look back on.
    """
    participant = session.get(Participant, participant_id)
    joined = participant.created_at.astimezone(zone_info(participant.timezone)).date()
    if (today - joined).days < MIN_DAYS_FOR_A_LOOK_BACK:
        return None
    greeting = f"Your weekly look back{', ' + first_name if first_name else ''} 📋"
    summary = week_summary(session, participant_id=participant_id, today=today, joined=joined, last_seven_days=True)
    hold = training_hold(session, participant_id=participant_id, clearance_required=participant.clearance_required,
                         cleared_at=participant.cleared_at)
    if hold == OPEN_FLAG:
        advice = ("Training stays on hold until the coaching team has followed up on what you told me — "
                  "please rest, and contact your clinician if you haven't yet.")
    elif hold == NOT_CLEARED:
        advice = ("Training starts once your clinician has given the go-ahead (send /cleared then); "
                  "until then, your check-ins are what counts.")
    else:
        advice = "Keep the plan as it is for now, and notice how your symptoms respond after sessions."
    return f"{greeting}\n\n{summary}\n\n{advice} {CLINICIAN_PROMPT}"


def today(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/today: today's plan and what is done — check-in and session."""
    day = ctx.local_today(participant)
    lines = [f"Today, {format_day(day)}:"]
    checkin = checkin_store.get_checkin(session=ctx.session, participant_id=participant.id, local_date=day)
    schedule = participant_store.get_schedule(session=ctx.session, participant_id=participant.id)
    if checkin is None:
        at = f" (reminder at {format_hhmm(schedule.checkin_time)})" if schedule else ""
        lines.append(f"• Check-in: not yet{at} — send /checkin when you're ready.")
    else:
        lines.append("• Check-in: ✅ " + format_scores({item: getattr(checkin, item) for item in ITEMS}))
        if checkin.note:
            lines.append(f"  Note: {checkin.note}")
    log = session_store.get_log(session=ctx.session, participant_id=participant.id, local_date=day)
    training_day = schedule is not None and day.weekday() in decode_weekdays(schedule.session_days)
    if log is not None:
        lines.append("• Session: " + describe_session(day, log.status, rpe=log.rpe, pain=log.pain, reps=log.reps)
                     .split(": ", 1)[1])
    elif training_day:
        hold = training_hold(ctx.session, participant_id=participant.id,
                             clearance_required=participant.clearance_required, cleared_at=participant.cleared_at)
        if hold == OPEN_FLAG:
            lines.append("• Training is on hold until the coaching team has followed up on what you told me. "
                         "Rest, and contact your clinician if you haven't yet.")
        elif hold == NOT_CLEARED:
            lines.append("• Training day, but sessions start once your clinician gives the go-ahead (/cleared).")
        else:
            lines.append(f"• Session at {format_hhmm(schedule.session_time)}, not logged yet:\n"
                         + reminder_texts.session_list()
                         + "\n  When you've finished: /log done (or partly, or skipped).")
    else:
        lines.append("• No session planned today — a rest day.")
    if is_paused(ctx, participant):
        lines.append("Reminders are paused; send /resume to restart them.")
    return Outcome().say("\n".join(lines))


def _mean(values: list[int]) -> str:
    return f"{fmean(values):.1f}".removesuffix(".0")
