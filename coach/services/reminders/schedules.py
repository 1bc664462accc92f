"""Changing when reminders come: `/schedule …` typed or with buttons, `/pause [days]`, `/resume`.

Every change replans the participant's queued reminders, so it takes effect at the next tick.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from coach.domain import schedule as sched
from coach.domain.symptoms import format_day
from coach.services import texts
from coach.services.participants.onboarding import describe_schedule
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome, button_rows
from coach.services.reminders.callbacks import ScheduleAsk, ScheduleChoice, SchedulePart
from coach.store import participants as participant_store
from coach.store import reminders as reminder_store
from coach.store.models import Participant, Schedule

MAX_PAUSE_DAYS = 90
# "/pause" with no number pauses until /resume; stored as a far-off instant so one column says it.
PAUSED_UNTIL_RESUMED = datetime(9999, 12, 31, tzinfo=UTC)

# What the buttons offer: compact codes in the callback data, checked again when pressed.
TIME_CHOICES = ("07:00", "08:00", "09:00", "10:00", "12:00", "15:00", "17:00", "18:00", "19:00", "20:00", "21:00")
DAY_CHOICES = ("024", "135", "03", "14", "25", "0246", "56")


def show(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/schedule: the schedule, with buttons to change it."""
    schedule = participant_store.ensure_schedule(session=ctx.session, participant_id=participant.id, now=ctx.now)
    return Outcome().say(_describe(ctx, participant, schedule) + "\n\n" + texts.SCHEDULE_HOW_TO_CHANGE,
                         buttons=_part_buttons())


def change_typed(ctx: UseCaseContext, participant: Participant, text: str) -> Outcome:
    """`/schedule checkin 20:00`, `/schedule sessions mon,wed,fri 18:00`, `/schedule review sun 19:00`."""
    change = sched.parse_schedule_change(text)
    if isinstance(change, sched.ScheduleChangeError):
        return Outcome().say(change.reason)
    return _apply(ctx, participant, change, edit=False)


def ask_part(ctx: UseCaseContext, participant: Participant, part: str) -> Outcome:
    """A part button: offer its choices."""
    if part == "c":
        return Outcome().say(texts.ASK_CHECKIN_TIME, edit=True, buttons=_time_buttons("c"))
    if part == "t":
        return Outcome().say(texts.ASK_SESSION_TIME, edit=True, buttons=_time_buttons("t"))
    if part == "d":
        rows = [[(sched.format_weekdays(_days(code)), ScheduleChoice(SchedulePart.TRAINING_DAYS, code).encode())]
                for code in DAY_CHOICES]
        return Outcome().say(texts.ASK_TRAINING_DAYS, edit=True, buttons=button_rows(*rows))
    if part == "r":
        return Outcome().say(texts.ASK_REVIEW, edit=True)
    return Outcome(toast=texts.STALE_BUTTON)


def choose(ctx: UseCaseContext, participant: Participant, part: str, code: str) -> Outcome:
    """A choice button: apply it."""
    schedule = participant_store.ensure_schedule(session=ctx.session, participant_id=participant.id, now=ctx.now)
    if part in ("c", "t") and code in {t.replace(":", "") for t in TIME_CHOICES}:
        at = time(int(code[:2]), int(code[2:]))
        if part == "c":
            return _apply(ctx, participant, sched.ScheduleChange("checkin", at), edit=True)
        days = tuple(sched.decode_weekdays(schedule.session_days))
        return _apply(ctx, participant, sched.ScheduleChange("sessions", at, days), edit=True)
    if part == "d" and code in DAY_CHOICES:
        return _apply(ctx, participant, sched.ScheduleChange("sessions", schedule.session_time, _days(code)),
                      edit=True)
    return Outcome(toast=texts.STALE_BUTTON)


def pause(ctx: UseCaseContext, participant: Participant, text: str) -> Outcome:
    """/pause [days]: no reminders until then (or until /resume); check-ins are still welcome."""
    words = text.split()
    if len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("day", "days")):
        return Outcome().say(texts.PAUSE_HOW)
    if not words:
        participant.paused_until = PAUSED_UNTIL_RESUMED
        participant_store.touch(participant, now=ctx.now)
        return Outcome().say(texts.PAUSED_UNTIL_RESUME)
    if not re.fullmatch(r"\d{1,3}", words[0], re.ASCII) or not 1 <= int(words[0]) <= MAX_PAUSE_DAYS:
        return Outcome().say(texts.PAUSE_DAYS_RANGE.format(most=MAX_PAUSE_DAYS))
    days = int(words[0])
    last_day = pause_for(ctx, participant, days)
    participant_store.touch(participant, now=ctx.now)
    paused = texts.PAUSED_FOR_ONE_DAY if days == 1 else texts.PAUSED_FOR_DAYS
    return Outcome().say(paused.format(days=days, day=format_day(last_day)))


def resume(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/resume: reminders again from now on."""
    if participant.paused_until is None or participant.paused_until <= ctx.now:
        return Outcome().say(texts.NOT_PAUSED)
    participant.paused_until = None
    participant_store.touch(participant, now=ctx.now)
    return Outcome().say(texts.RESUMED)


def is_paused(ctx: UseCaseContext, participant: Participant) -> bool:
    return participant.paused_until is not None and participant.paused_until > ctx.now


def pause_for(ctx: UseCaseContext, participant: Participant, days: int) -> date:
    """Pause reminders through the end of the `days`-th local day from today; that last paused day."""
    last_day = ctx.local_today(participant) + timedelta(days=days - 1)
    participant.paused_until = sched.local_occurrence(last_day + timedelta(days=1), time(0, 0), participant.timezone)
    return last_day


def paused_through(ctx: UseCaseContext, participant: Participant) -> date:
    """The last local day of a pause with an end (paused_until is the midnight starting the day after)."""
    return participant.paused_until.astimezone(ctx.zone(participant)).date() - timedelta(days=1)


def _apply(ctx: UseCaseContext, participant: Participant, change: sched.ScheduleChange, *, edit: bool) -> Outcome:
    schedule = participant_store.ensure_schedule(session=ctx.session, participant_id=participant.id, now=ctx.now)
    apply_change(ctx, participant, schedule, change)
    return Outcome(toast=texts.TOAST_SAVED).say(texts.SCHEDULE_UPDATED + "\n" + _describe(ctx, participant, schedule),
                                                edit=edit)


def apply_change(ctx: UseCaseContext, participant: Participant, schedule: Schedule,
                 change: sched.ScheduleChange) -> None:
    """Change one part of the schedule and replan the queued reminders, so it counts from the next tick."""
    if change.part == "checkin":
        schedule.checkin_time = change.at
    elif change.part == "sessions":
        schedule.session_days = sched.encode_weekdays(change.days)
        schedule.session_time = change.at
    else:
        schedule.review_day, schedule.review_time = change.days[0], change.at
    schedule.updated_at = ctx.now
    ctx.session.add(schedule)
    reminder_store.replan(connection=ctx.connection, participant_id=participant.id, now=ctx.now)


def _describe(ctx: UseCaseContext, participant: Participant, schedule: Schedule) -> str:
    parts = [texts.SCHEDULE_TITLE.format(zone=participant.timezone) + "\n" + describe_schedule(schedule)]
    if participant.clearance_required and participant.cleared_at is None:
        parts.append(texts.SCHEDULE_NOT_CLEARED)
    if is_paused(ctx, participant):
        if participant.paused_until == PAUSED_UNTIL_RESUMED:
            parts.append(texts.SCHEDULE_PAUSED_UNTIL_RESUME)
        else:
            parts.append(texts.SCHEDULE_PAUSED_THROUGH.format(day=format_day(paused_through(ctx, participant))))
    return "\n\n".join(parts)


def _part_buttons():  # noqa: ANN202
    def ask(part: SchedulePart) -> str:
        return ScheduleAsk(part).encode()

    return button_rows([(texts.BUTTON_CHECKIN_TIME, ask(SchedulePart.CHECKIN_TIME)),
                        (texts.BUTTON_SESSION_TIME, ask(SchedulePart.SESSION_TIME))],
                       [(texts.BUTTON_TRAINING_DAYS, ask(SchedulePart.TRAINING_DAYS)),
                        (texts.BUTTON_WEEKLY_REVIEW, ask(SchedulePart.REVIEW))])


def _time_buttons(part: str):  # noqa: ANN202
    codes = [(t, ScheduleChoice(SchedulePart(part), t.replace(":", "")).encode()) for t in TIME_CHOICES]
    return button_rows(codes[:4], codes[4:8], codes[8:])


def _days(code: str) -> tuple[int, ...]:
    return tuple(int(c) for c in code)
