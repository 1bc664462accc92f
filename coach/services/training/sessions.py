"""Training sessions: the reminder's buttons, the three questions after Done, and `/log`."""

from __future__ import annotations

from datetime import date, timedelta

from coach.domain import sessions as domain
from coach.domain.schedule import format_hhmm
from coach.domain.states import ReminderKind
from coach.domain.symptoms import MAX_BACKFILL_DAYS, ParseFailure, format_day
from coach.services import texts
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome, Reply, button_rows
from coach.services.reminders import wording as reminder_texts
from coach.services.training import programs
from coach.services.training.callbacks import LogAction, LogPress, SessionAnswer, SessionQuestion
from coach.store import reminders as reminder_store
from coach.store import sessions as store
from coach.store.models import Participant, SessionLog

SESSION_KINDS = (ReminderKind.SESSION, ReminderKind.SESSION_SNOOZE)
SNOOZE = timedelta(minutes=30)
ACTIONS = {"d": "done", "p": "partly", "s": "skipped"}
# Pain during a session at or above this gets a word of care with the confirmation.
PAIN_CARE_FROM = 5



def reminder_button(ctx: UseCaseContext, participant: Participant, reminder_id: int, action: str) -> Outcome:
    """Done, Partly, Skip today or Snooze on a session reminder."""
    reminder = reminder_store.get(connection=ctx.connection, reminder_id=reminder_id)
    if reminder is None or reminder.participant_id != participant.id:
        return Outcome(toast=texts.NOT_YOUR_BUTTON)
    today = ctx.local_today(participant)
    day = reminder.local_date
    if reminder.kind not in SESSION_KINDS or day > today or (today - day).days > MAX_BACKFILL_DAYS:
        return Outcome(toast=texts.STALE_BUTTON)
    pressed = reminder_texts.session_text(participant.first_name, programs.current(ctx.session, participant.id)[1])
    if action == "z":
        return _snooze(ctx, participant, reminder.local_date, pressed)
    status = ACTIONS.get(action)
    if status is None:
        return Outcome(toast=texts.STALE_BUTTON)
    answered = texts.SESSION_ANSWERED_SKIPPED if status == "skipped" else texts.SESSION_ANSWERED
    answered = answered.format(day=format_day(day), status=domain.STATUS_LABELS[status])
    outcome = Outcome(toast=texts.TOAST_SAVED).say(pressed + "\n\n" + answered, edit=True)
    return outcome.extend(_mark(ctx, participant, day, status))


def answer(ctx: UseCaseContext, participant: Participant, log_id: int, question: str, value: int) -> Outcome:
    """A button on one of the questions after Done / Partly (effort, pain during, reps)."""
    log = store.get_log_by_id(session=ctx.session, log_id=log_id)
    if log is None or log.participant_id != participant.id:
        return Outcome(toast=texts.NOT_YOUR_BUTTON)
    if log.asking != question:
        return Outcome(toast=texts.STALE_BUTTON)
    if question == "reps":
        if not 0 <= value < len(domain.REPS):
            return Outcome(toast=texts.STALE_BUTTON)
        log.reps = domain.REPS[value]
    elif 0 <= value <= 10:
        setattr(log, question, value)
    else:
        return Outcome(toast=texts.STALE_BUTTON)
    log.asking = domain.next_question(log.status, _answers(log))
    log.recorded_at = ctx.now
    ctx.session.add(log)
    if log.asking is not None:
        return Outcome(replies=[_question(log, edit=True)], toast=texts.TOAST_GOT_IT)
    return _confirmation(log, edit=True)


def log_command(ctx: UseCaseContext, participant: Participant, text: str) -> Outcome:
    """`/log [date] done|partly|skipped [rpe N] [pain N] [reps fewer|planned|more]`."""
    if not text.strip():
        day = f"{ctx.local_today(participant):%Y%m%d}"

        def press(action: LogAction) -> str:
            return LogPress(action, day).encode()

        return Outcome().say(texts.LOG_ASK.format(usage=domain.LOG_USAGE.removeprefix("Write it like: ")),
                             buttons=button_rows([(texts.BUTTON_DONE, press(LogAction.DONE)),
                                                  (texts.BUTTON_PARTLY, press(LogAction.PARTLY)),
                                                  (texts.BUTTON_SKIPPED, press(LogAction.SKIPPED))]))
    report = domain.parse_log(text, today=ctx.local_today(participant))
    if isinstance(report, ParseFailure):
        return Outcome().say(report.reason)
    log, replaced = store.save_log(session=ctx.session, participant_id=participant.id, local_date=report.day,
                                   status=report.status, rpe=report.rpe, pain=report.pain, reps=report.reps,
                                   source="command", now=ctx.now)
    outcome = _confirmation(log, edit=False, replaced=replaced)
    if report.status != "skipped" and domain.next_question(report.status, _answers(log)) is not None:
        # The example is a command, typed as is: its words are the parser's, not for translation.
        on = "" if report.day == ctx.local_today(participant) else f"{report.day.isoformat()} "
        outcome.say(texts.LOG_ADD_DETAILS.format(example=f"/log {on}{report.status} rpe 6 pain 2 reps planned"))
    return outcome


def log_button(ctx: UseCaseContext, participant: Participant, action: str, day_code: str) -> Outcome:
    """The Done / Partly / Skipped buttons under a bare /log, for the day they were offered on."""
    status = ACTIONS.get(action)
    today = ctx.local_today(participant)
    if status is None or day_code != f"{today:%Y%m%d}":
        return Outcome(toast=texts.STALE_BUTTON)
    logged = texts.SESSION_LOGGED.format(day=format_day(today), status=domain.STATUS_LABELS[status])
    outcome = Outcome(toast=texts.TOAST_SAVED).say(logged, edit=True)
    return outcome.extend(_mark(ctx, participant, today, status))


def _mark(ctx: UseCaseContext, participant: Participant, day: date, status: str) -> Outcome:
    """Done, Partly or Skipped by button: saved at once, then the questions still open.

    Answers already given for that day (by /log, say) are kept rather than wiped by a second tap.
    """
    existing = store.get_log(session=ctx.session, participant_id=participant.id, local_date=day)
    keep = {} if existing is None or status == "skipped" else _answers(existing)
    log, replaced = store.save_log(session=ctx.session, participant_id=participant.id, local_date=day,
                                   status=status, rpe=keep.get("rpe"), pain=keep.get("pain"), reps=keep.get("reps"),
                                   source="buttons", now=ctx.now, asking=domain.next_question(status, keep))
    if status == "skipped":
        return Outcome().say(texts.SESSION_SKIPPED + ("\n" + texts.SESSION_REPLACED if replaced else ""))
    if log.asking is None:
        return _confirmation(log, edit=False, replaced=replaced)
    return Outcome(replies=[_question(log, edit=False)])


def _snooze(ctx: UseCaseContext, participant: Participant, day: date, pressed: str) -> Outcome:
    if day != ctx.local_today(participant):
        return Outcome(toast=texts.TOAST_SNOOZE_OTHER_DAY)
    if store.get_log(session=ctx.session, participant_id=participant.id, local_date=day) is not None:
        return Outcome(toast=texts.TOAST_ALREADY_LOGGED)
    due = ctx.now + SNOOZE
    reminder_store.snooze(connection=ctx.connection, participant_id=participant.id, local_date=day, due_at=due,
                          now=ctx.now)
    local = due.astimezone(ctx.zone(participant))
    snoozed = texts.SESSION_SNOOZED.format(time=format_hhmm(local.time()))
    return Outcome(toast=texts.TOAST_SNOOZED).say(pressed + "\n\n" + snoozed, edit=True)


def _question(log: SessionLog, *, edit: bool) -> Reply:
    question = log.asking
    header = texts.SESSION_HEADER.format(
        session=domain.describe(log.local_date, log.status, rpe=log.rpe, pain=log.pain, reps=log.reps))
    text = header + "\n\n" + domain.QUESTION_TEXT[question]
    if question == "reps":
        buttons = button_rows(*[[(domain.REPS_LABELS[reps], _answer(log, question, index))]
                                for index, reps in enumerate(domain.REPS)])
    else:
        buttons = button_rows([(str(v), _answer(log, question, v)) for v in range(0, 6)],
                              [(str(v), _answer(log, question, v)) for v in range(6, 11)])
    return Reply(text, buttons=buttons, edit=edit)


def _answer(log: SessionLog, question: str, value: int) -> str:
    return SessionAnswer(log.participant_id, log.id, SessionQuestion(question), value).encode()


def _confirmation(log: SessionLog, *, edit: bool, replaced: bool = False) -> Outcome:
    text = texts.SESSION_SAVED.format(
        session=domain.describe(log.local_date, log.status, rpe=log.rpe, pain=log.pain, reps=log.reps))
    if replaced:
        text += "\n" + texts.SESSION_REPLACED
    outcome = Outcome(toast=texts.TOAST_SAVED if edit else None).say(text, edit=edit)
    if log.pain is not None and log.pain >= PAIN_CARE_FROM:
        outcome.say(texts.SESSION_PAIN_CARE)
    elif log.status != "skipped":
        outcome.say(texts.SESSION_WELL_DONE)
    return outcome


def _answers(log: SessionLog) -> dict[str, int | str | None]:
    return {"rpe": log.rpe, "pain": log.pain, "reps": log.reps}

