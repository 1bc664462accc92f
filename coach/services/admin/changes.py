"""Admin changes for one participant: schedule, pause, resume, program.

Each change is written to the audit log (who, when, what, before → after) in the same transaction,
and the participant is told in plain words what changed. Reached only through `gate.for_admin`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.domain import program as program_domain
from coach.domain import program_edit
from coach.domain import schedule as sched
from coach.domain.symptoms import format_day
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Notice, Outcome
from coach.services.reminders import schedules
from coach.services.training import programs
from coach.store import audit as audit_store
from coach.store import participants as participant_store
from coach.store.models import Participant, Schedule

MAX_ID_DIGITS = 15
USAGE_SETSCHEDULE = ("Write it like /setschedule 123456789 checkin 20:00 · /setschedule 123456789 sessions "
                     "mon,wed,fri 18:00 · /setschedule 123456789 review sun 19:00")
USAGE_PAUSEUSER = "Write it like /pauseuser 123456789 7 (days), or /pauseuser 123456789 until /resumeuser."
USAGE_RESUMEUSER = "Write it like /resumeuser 123456789."


@dataclass(frozen=True)
class Target:
    """The participant an admin command names, and the words after their id."""

    participant: Participant
    rest: str


def parse_telegram_id(word: str) -> int | None:
    """A Telegram id as an admin types it ('123456789' or '#123456789'); None if it isn't one."""
    word = word.strip().lstrip("#")
    if not word.isascii() or not word.isdigit() or len(word) > MAX_ID_DIGITS:
        return None
    return int(word)


def find_target(ctx: UseCaseContext, args: str, usage: str) -> Target | Outcome:
    """The participant named by the first word of `args`, or the answer explaining why there is none."""
    words = args.split(maxsplit=1)
    telegram_id = parse_telegram_id(words[0]) if words else None
    if telegram_id is None:
        return Outcome().say(usage)
    participant = participant_store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)
    if participant is None:
        return Outcome().say(f"No participant has the Telegram id {telegram_id}.")
    return Target(participant, words[1].strip() if len(words) > 1 else "")


def label(participant: Participant) -> str:
    return f"{participant.first_name or 'participant'} (id {participant.telegram_id})"


def set_schedule(ctx: UseCaseContext, admin_id: int, args: str) -> Outcome:
    """/setschedule <id> checkin|sessions|review …: one part of their schedule, replanned at once."""
    target = find_target(ctx, args, USAGE_SETSCHEDULE)
    if isinstance(target, Outcome):
        return target
    participant = target.participant
    if participant.onboarding_step is not None:
        return Outcome().say(f"{label(participant)} hasn't finished setting up yet; their schedule comes then.")
    change = sched.parse_schedule_change(target.rest)
    if isinstance(change, sched.ScheduleChangeError):
        return Outcome().say(change.reason.replace("/schedule ", f"/setschedule {participant.telegram_id} "))
    schedule = participant_store.ensure_schedule(session=ctx.session, participant_id=participant.id, now=ctx.now)
    before = schedule_part_words(schedule, change.part)
    if _already(schedule, change):
        # Nothing written, nothing replanned, nobody told: a repeat is not a change.
        return Outcome().say(f"{label(participant)}: {before} already — nothing changed.")
    schedules.apply_change(ctx, participant, schedule, change)
    after = schedule_part_words(schedule, change.part)
    return _changed(ctx, participant, admin_id, "schedule", before, after,
                    participant_text=f"Your coaching team changed your schedule: {before} → {after} "
                                     f"({participant.timezone} time). /schedule shows it all.")


def pause_user(ctx: UseCaseContext, admin_id: int, args: str) -> Outcome:
    """/pauseuser <id> [days]: no reminders for them until then, or until /resumeuser."""
    target = find_target(ctx, args, USAGE_PAUSEUSER)
    if isinstance(target, Outcome):
        return target
    participant, words = target.participant, target.rest.split()
    if len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("day", "days")):
        return Outcome().say(USAGE_PAUSEUSER)
    before = _pause_words(ctx, participant)
    if not words:
        participant.paused_until = schedules.PAUSED_UNTIL_RESUMED
        told = "Your coaching team paused your reminders until further notice"
    else:
        days = int(words[0]) if re.fullmatch(r"\d{1,3}", words[0], re.ASCII) else 0
        if not 1 <= days <= schedules.MAX_PAUSE_DAYS:
            return Outcome().say(f"Give a number of days from 1 to {schedules.MAX_PAUSE_DAYS}. " + USAGE_PAUSEUSER)
        last_day = schedules.pause_for(ctx, participant, days)
        told = f"Your coaching team paused your reminders through {format_day(last_day)}"
    after = _pause_words(ctx, participant)
    if after == before:
        return Outcome().say(f"{label(participant)}: {before} already — nothing changed.")
    participant_store.touch(participant, now=ctx.now)
    return _changed(ctx, participant, admin_id, "pause", before, after,
                    participant_text=told + ". You can still check in whenever you like; /resume starts them "
                                            "again sooner.")


def resume_user(ctx: UseCaseContext, admin_id: int, args: str) -> Outcome:
    """/resumeuser <id>: their reminders again from now."""
    target = find_target(ctx, args, USAGE_RESUMEUSER)
    if isinstance(target, Outcome):
        return target
    participant = target.participant
    if not schedules.is_paused(ctx, participant):
        return Outcome().say(f"{label(participant)}: reminders aren't paused — nothing changed.")
    before = _pause_words(ctx, participant)
    participant.paused_until = None
    participant_store.touch(participant, now=ctx.now)
    return _changed(ctx, participant, admin_id, "resume", before, _pause_words(ctx, participant),
                    participant_text="Your coaching team turned your reminders back on from now. /schedule "
                                     "shows when they come.")


def show_or_edit_program(ctx: UseCaseContext, admin_id: int, args: str) -> Outcome:
    """/program <id>: their program, numbered; /program <id> add|change|remove …: edit it."""
    target = find_target(ctx, args, program_edit.USAGE)
    if isinstance(target, Outcome):
        return target
    participant = target.participant
    version, program = programs.current(ctx.session, participant.id)
    if not target.rest:
        return Outcome().say(_numbered(participant, version, program))
    edit = program_edit.parse_edit(target.rest)
    result = edit if isinstance(edit, program_edit.EditError) else program_edit.apply_edit(program, edit)
    if isinstance(result, program_edit.EditError):
        return Outcome().say(result.reason.replace("<id>", str(participant.telegram_id)))
    edited, change = result
    new_version = programs.change(ctx.session, participant.id, edited, reason="admin", change=change,
                                  now=ctx.now, created_by=admin_id)
    outcome = _changed(ctx, participant, admin_id, "program", f"version {max(version, 1)}",
                       f"version {new_version}: {change}",
                       participant_text=f"Your coaching team updated your program: {change}. Send /program to "
                                        "see it. As always, stop if anything feels wrong.")
    return outcome.say(_numbered(participant, new_version, edited))


def _changed(ctx: UseCaseContext, participant: Participant, admin_id: int, action: str, before: str, after: str,
             *, participant_text: str) -> Outcome:
    """Audit the change, confirm it to the admin, and tell the participant."""
    audit_store.record(session=ctx.session, participant_id=participant.id, admin_id=admin_id, action=action,
                       before=before, after=after, now=ctx.now)
    outcome = Outcome().say(f"✅ {label(participant)}: {before} → {after}. They have been told.")
    outcome.notices.append(Notice(chat_id=participant.chat_id, text=participant_text))
    return outcome


def _already(schedule: Schedule, change: sched.ScheduleChange) -> bool:
    if change.part == "checkin":
        return schedule.checkin_time == change.at
    if change.part == "sessions":
        return (sched.decode_weekdays(schedule.session_days) == tuple(sorted(set(change.days)))
                and schedule.session_time == change.at)
    return (schedule.review_day, schedule.review_time) == (change.days[0], change.at)


def schedule_part_words(schedule: Schedule, part: str) -> str:
    """'check-in at 20:00', 'training Mon, Wed, Fri at 18:00', 'weekly review Sun at 19:00'."""
    if part == "checkin":
        return f"check-in at {sched.format_hhmm(schedule.checkin_time)}"
    if part == "sessions":
        days = sched.format_weekdays(sched.decode_weekdays(schedule.session_days)) or "no days"
        return f"training {days} at {sched.format_hhmm(schedule.session_time)}"
    return (f"weekly review {sched.format_weekdays([schedule.review_day])} at "
            f"{sched.format_hhmm(schedule.review_time)}")


def _pause_words(ctx: UseCaseContext, participant: Participant) -> str:
    if not schedules.is_paused(ctx, participant):
        return "reminders on"
    if participant.paused_until == schedules.PAUSED_UNTIL_RESUMED:
        return "reminders paused until resumed"
    return f"reminders paused through {format_day(schedules.paused_through(ctx, participant))}"


def _numbered(participant: Participant, version: int, program: program_domain.Program) -> str:
    lines = [f"Program of {label(participant)}, version {max(version, 1)}"
             f"{' (starter)' if version == 0 else ''}:"]
    lines += [f"{n}. {program_domain.describe_exercise(e)}" for n, e in enumerate(program, start=1)]
    if participant.foot_care_since is not None:
        lines.append("On seated and lying work because of a foot wound (see /flags).")
    lines.append(f"\nEdit with e.g. /program {participant.telegram_id} change 2 reps 12 · "
                 "add Seated march 2x10 · remove 4")
    return "\n".join(lines)

