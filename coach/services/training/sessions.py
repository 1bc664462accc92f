"""Training sessions: the reminder's buttons, the three questions after Done, and `/log`."""

from __future__ import annotations

from datetime import date, timedelta

from coach.domain import sessions as domain
from coach.domain.schedule import format_hhmm
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

SESSION_KINDS = ("session", reminder_store.SNOOZED_SESSION)
SNOOZE = timedelta(minutes=30)
ACTIONS = {"d": "done", "p": "partly", "s": "skipped"}
# Pain during a session at or above this gets a word of care with the confirmation.
PAIN_CARE_FROM = 5

SKIPPED_REPLY = ("Skipped for today — noted. Rest is part of training too; "
                 "if something is bothering you, a check-in helps us both see it.")
PAIN_CARE = ("That's more nerve pain than we want during a session. Next time, try fewer reps or a lighter "
             "load, and stop when pain rises — never push through it. If it doesn't settle within a day, "
             "or keeps happening, please talk to your clinician.")


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
    answered = f"\n\n→ {format_day(day)}: {domain.STATUS_LABELS[status]}" + (" ✅" if status != "skipped" else "")
    return Outcome(toast="Saved").say(pressed + answered, edit=True).extend(_mark(ctx, participant, day, status))


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
        return Outcome(replies=[_question(log, edit=True)], toast="Got it")
    return _confirmation(log, edit=True)


def log_command(ctx: UseCaseContext, participant: Participant, text: str) -> Outcome:
    """`/log [date] done|partly|skipped [rpe N] [pain N] [reps fewer|planned|more]`."""
    if not text.strip():
        day = f"{ctx.local_today(participant):%Y%m%d}"

        def press(action: LogAction) -> str:
            return LogPress(action, day).encode()

        return Outcome().say("How did today's session go? Tap below, or type it after /log — "
                             + domain.LOG_USAGE.removeprefix("Write it like: "),
                             buttons=button_rows([("✅ Done", press(LogAction.DONE)),
                                                  ("🌓 Partly", press(LogAction.PARTLY)),
                                                  ("Skipped", press(LogAction.SKIPPED))]))
    report = domain.parse_log(text, today=ctx.local_today(participant))
    if isinstance(report, ParseFailure):
        return Outcome().say(report.reason)
    log, replaced = store.save_log(session=ctx.session, participant_id=participant.id, local_date=report.day,
                                   status=report.status, rpe=report.rpe, pain=report.pain, reps=report.reps,
                                   source="command", now=ctx.now)
    outcome = _confirmation(log, edit=False, replaced=replaced)
    if report.status != "skipped" and domain.next_question(report.status, _answers(log)) is not None:
        outcome.say("If you like, add how hard it felt, pain during it and your reps, e.g. /log "
                    + ("" if report.day == ctx.local_today(participant) else f"{report.day.isoformat()} ")
                    + f"{report.status} rpe 6 pain 2 reps planned")
    return outcome


def log_button(ctx: UseCaseContext, participant: Participant, action: str, day_code: str) -> Outcome:
    """The Done / Partly / Skipped buttons under a bare /log, for the day they were offered on."""
    status = ACTIONS.get(action)
    today = ctx.local_today(participant)
    if status is None or day_code != f"{today:%Y%m%d}":
        return Outcome(toast=texts.STALE_BUTTON)
    outcome = Outcome(toast="Saved").say(f"Session {format_day(today)}: {domain.STATUS_LABELS[status]}.", edit=True)
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
        return Outcome().say(SKIPPED_REPLY + (_REPLACED if replaced else ""))
    if log.asking is None:
        return _confirmation(log, edit=False, replaced=replaced)
    return Outcome(replies=[_question(log, edit=False)])


_REPLACED = "\n(This replaces your earlier entry for that day.)"


def _snooze(ctx: UseCaseContext, participant: Participant, day: date, pressed: str) -> Outcome:
    if day != ctx.local_today(participant):
        return Outcome(toast="That reminder is from another day, so there's nothing to snooze.")
    if store.get_log(session=ctx.session, participant_id=participant.id, local_date=day) is not None:
        return Outcome(toast="You've already logged today's session.")
    due = ctx.now + SNOOZE
    reminder_store.snooze(connection=ctx.connection, participant_id=participant.id, local_date=day, due_at=due,
                          now=ctx.now)
    local = due.astimezone(ctx.zone(participant))
    return Outcome(toast="Snoozed").say(
        pressed + f"\n\n→ Snoozed: I'll remind you again at {format_hhmm(local.time())}.", edit=True)


def _question(log: SessionLog, *, edit: bool) -> Reply:
    question = log.asking
    header = f"Session {domain.describe(log.local_date, log.status, rpe=log.rpe, pain=log.pain, reps=log.reps)}"
    text = f"{header}\n\n{domain.QUESTION_TEXT[question]}"
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
    text = "Saved: session " + domain.describe(log.local_date, log.status, rpe=log.rpe, pain=log.pain, reps=log.reps)
    if replaced:
        text += _REPLACED
    outcome = Outcome(toast="Saved" if edit else None).say(text, edit=edit)
    if log.pain is not None and log.pain >= PAIN_CARE_FROM:
        outcome.say(PAIN_CARE)
    elif log.status != "skipped":
        outcome.say("Well done for looking after yourself. 🌿")
    return outcome


def _answers(log: SessionLog) -> dict[str, int | str | None]:
    return {"rpe": log.rpe, "pain": log.pain, "reps": log.reps}

