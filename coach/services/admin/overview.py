"""What admins read: `/users` (everyone, a page at a time), `/user <id>` (one participant in detail) and
`/stats` (delivery health). Nothing here changes anything. Reached only through `gate.for_admin`."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from coach.domain import triage
from coach.domain.review_message import DECISION_LABELS
from coach.domain.safety import kind_label
from coach.domain.sessions import describe as describe_session
from coach.domain.symptoms import format_day, format_scores
from coach.services import texts
from coach.services.admin.changes import find_target, label, schedule_part_words
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome
from coach.services.training import programs
from coach.store import audit as audit_store
from coach.store import checkins as checkin_store
from coach.store import flags as flag_store
from coach.store import overview as store
from coach.store import participants as participant_store
from coach.store import reviews as review_store
from coach.store import sessions as session_store
from coach.store import triage as triage_store
from coach.store.models import Participant

PAGE_SIZE = 25
# A page of 25 lines stays under Telegram's 4,096 characters: names cut to this, and at most this many reasons
# on /users (the most pressing; /user <id> shows everything).
NAME_LENGTH = 24
USERS_REASONS = 2
USAGE_USERS = "Write it like /users, or /users 2 for the next page."
USAGE_USER = "Write it like /user 123456789 (the participant's Telegram id, from /users or an alert)."
# Reminder statuses in the order /stats lists them; "late" is sent, but more than a few minutes after due.
STAT_STATUSES = ("queued", "sending", "handed", "sent", "late", "expired", "skipped", "failed", "uncertain")
STATES = ("active", "paused", "not cleared", "blocked", "setting up")


def state_of(ctx: UseCaseContext, participant: Participant) -> str:
    """active, paused, blocked (they blocked the bot), not cleared, or setting up — as /stats counts them."""
    if participant.onboarding_step is not None:
        return "setting up"
    if participant.status == "inactive":
        return "blocked"
    if participant.paused_until is not None and participant.paused_until > ctx.now:
        return "paused"
    if participant.clearance_required and participant.cleared_at is None:
        return "not cleared"
    return "active"


def users(ctx: UseCaseContext, admin_id: int, args: str) -> Outcome:
    """/users [page]: everyone, most in need first (coach/domain/triage.py), each with the reasons and their
    id as a tappable /user_<id>."""
    page_word = args.strip() or "1"
    if not re.fullmatch(r"[0-9]{1,5}", page_word) or int(page_word) < 1:
        return Outcome().say(USAGE_USERS)
    page = int(page_word)
    ranked = triage.rank(triage_store.triage_facts(connection=ctx.connection, now=ctx.now))
    total = len(ranked)
    if total == 0:
        return Outcome().say("Nobody has started the bot yet.")
    pages = -(-total // PAGE_SIZE)
    if page > pages:
        return Outcome().say(f"There {'is' if pages == 1 else 'are'} only {pages} page{'s' * (pages != 1)}.")
    needing = sum(1 for need in ranked if need.needs_attention)
    shown = ranked[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    lines = [f"Participants {(page - 1) * PAGE_SIZE + 1}–{(page - 1) * PAGE_SIZE + len(shown)} of {total}, most in "
             f"need first ({needing} need{'s' * (needing == 1)} attention):"]
    lines += [need_line(need, most=USERS_REASONS) for need in shown]
    if page < pages:
        lines.append(f"\nMore: /users {page + 1}")
    lines.append("Tap an id for the details.")
    return Outcome().say("\n".join(lines))


def need_line(need: triage.Need, *, most: int | None = None) -> str:
    """'/user_6004 · Kim · active · ⚠️ 1 open flag; 🔕 silent 3 days': the first `most` reasons (all by
    default) and how many more; the name cut short, so that a page of 25 stays within one Telegram message."""
    facts = need.facts
    reasons = "; ".join(need.reasons[:most]) or "no concerns"
    if most is not None and len(need.reasons) > most:
        reasons += f" (+{len(need.reasons) - most} more)"
    return " · ".join((user_link(facts.telegram_id), (facts.name or "—")[:NAME_LENGTH], facts.state, reasons))


def user_link(telegram_id: int) -> str:
    """A command Telegram makes tappable: it sends itself, id included (a space would cut the id off)."""
    return f"/user_{telegram_id}"


def user(ctx: UseCaseContext, admin_id: int, args: str) -> Outcome:
    """/user <id>: one participant: state, schedule, recent scores and sessions, flags, program, last review,
    and the last admin changes."""
    target = find_target(ctx, args, USAGE_USER)
    if isinstance(target, Outcome):
        return target
    person = target.participant
    zone = ctx.zone(person)
    today = ctx.local_today(person)
    condition = dict(texts.CONDITIONS).get(person.condition or "", "not given")
    lines = [f"{label(person)} — {state_of(ctx, person)}",
             f"Condition: {condition} · time zone {person.timezone} · joined "
             f"{format_day(person.created_at.astimezone(zone).date())}"]
    if person.clearance_required:
        lines.append("Clearance: " + (f"cleared {format_day(person.cleared_at.astimezone(zone).date())}"
                                      if person.cleared_at else "waiting for their clinician's go-ahead"))
    schedule = participant_store.get_schedule(session=ctx.session, participant_id=person.id)
    if schedule is not None:
        lines.append("Schedule: " + "; ".join(schedule_part_words(schedule, part)
                                              for part in ("sessions", "checkin", "review")))
    checkins = checkin_store.recent_checkins(session=ctx.session, participant_id=person.id, limit=7)
    lines.append("\nRecent check-ins:" if checkins else "\nNo check-ins yet.")
    lines += [f"• {format_day(c.local_date)}: " + format_scores(
        {"pain": c.pain, "numbness": c.numbness, "tingling": c.tingling, "balance": c.balance}) for c in checkins]
    logs = session_store.logs_between(session=ctx.session, participant_id=person.id,
                                      first=today - timedelta(days=13), last=today)
    if logs:
        lines.append("Sessions, last 2 weeks:")
        lines += ["• " + describe_session(log.local_date, log.status, rpe=log.rpe, pain=log.pain, reps=log.reps)
                  for log in logs]
    open_flags = flag_store.open_flags(session=ctx.session, participant_id=person.id)
    if open_flags:
        lines.append("Open flags: " + ", ".join(f"#{f.id} {kind_label(f.kind)}" for f in open_flags)
                     + " (/ack <number>)")
    version, _ = programs.current(ctx.session, person.id)
    lines.append(f"Program: version {max(version, 1)}{' (starter)' if version == 0 else ''} — "
                 f"/program {person.telegram_id}")
    review = review_store.latest(session=ctx.session, participant_id=person.id)
    if review is not None:
        lines.append(f"Last review: week ending {format_day(review.week_last)} — "
                     f"{DECISION_LABELS.get(review.decision, review.decision)} ({review.status})")
    changes = audit_store.recent(session=ctx.session, participant_id=person.id)
    if changes:
        lines.append("Admin changes:")
        lines += [f"• {format_day(c.created_at.astimezone(zone).date())} by {c.admin_telegram_id}: {c.action} "
                  f"— {c.before or '—'} → {c.after or '—'}" for c in changes]
    return Outcome().say("\n".join(lines))


def stats(ctx: UseCaseContext, admin_id: int) -> Outcome:
    """/stats: participants by state, reminders due in the last 24 hours by outcome, and the dispatcher's lag."""
    states = store.participants_by_state(connection=ctx.connection, now=ctx.now)
    reminders = store.reminder_counts(connection=ctx.connection, due_from=ctx.now - timedelta(hours=24),
                                      due_to=ctx.now)
    oldest = store.oldest_waiting(connection=ctx.connection, now=ctx.now)
    lines = [f"Participants: {sum(states.values())} — "
             + ", ".join(f"{states.get(s, 0)} {s}" for s in STATES)]
    lines.append("Reminders due in the last 24 h: " + ", ".join(
        f"{reminders.get(s, 0)} {s}" for s in STAT_STATUSES))
    lines.append(f"Dispatcher lag: {_lag(ctx.now, oldest)}")
    return Outcome().say("\n".join(lines))


def _lag(now: datetime, oldest: datetime | None) -> str:
    if oldest is None:
        return "none — nothing due is waiting"
    seconds = max(0, int((now - oldest).total_seconds()))
    if seconds < 120:
        return f"{seconds} s (the oldest due reminder is waiting that long)"
    return f"{seconds // 60} min (the oldest due reminder is waiting that long)"
