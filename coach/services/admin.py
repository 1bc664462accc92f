"""Admin use cases about safety and reviews: open flags, acknowledging one, clearing a foot, a review on demand.

Every one of them is reached through `gate.for_admin`, the single check of who is an admin.
"""

from __future__ import annotations

from coach.domain.safety import FlagKind, kind_label
from coach.domain.symptoms import format_day
from coach.services import programs, review
from coach.services.admin_changes import find_target, label, parse_telegram_id
from coach.services.context import UseCaseContext
from coach.services.replies import Notice, Outcome, button_rows
from coach.store import audit as audit_store
from coach.store import flags as flag_store
from coach.store.models import Participant, SafetyFlag

USAGE_REVIEW = "Write it like /review 123456789 (the participant's Telegram id, as in their alerts)."
USAGE_ACK = "Write it like /ack 12 (the flag number from the alert, or from /flags)."


def review_participant(ctx: UseCaseContext, admin_id: int, args: str) -> Outcome:
    """/review <telegram id>: the review of the 7 days ending today, as the participant would get it."""
    target = find_target(ctx, args, USAGE_REVIEW)
    if isinstance(target, Outcome):
        return target
    return review.admin_preview(ctx, target.participant)


def open_flags(ctx: UseCaseContext, admin_id: int) -> Outcome:
    """/flags: every red flag still waiting for an acknowledgement, oldest first."""
    flags = flag_store.open_flags(session=ctx.session)
    if not flags:
        return Outcome().say("No open flags. 🌿")
    lines = [f"Open flags ({len(flags)}) — acknowledge one with /ack <number>:"]
    for flag in flags[:50]:
        participant = ctx.session.get(Participant, flag.participant_id)
        raised = flag.raised_at.astimezone(ctx.zone(participant))
        lines.append(f"#{flag.id} {label(participant)}: {kind_label(flag.kind)}"
                     f"{' (urgent)' if flag.urgent else ''} — {format_day(raised.date())} {raised:%H:%M}")
    if len(flags) > 50:
        lines.append(f"…and {len(flags) - 50} more.")
    return Outcome().say("\n".join(lines))


def acknowledge(ctx: UseCaseContext, admin_id: int, args: str) -> Outcome:
    """/ack <flag>: the flag was followed up; with no other open flag, training (and progression) resume."""
    flag_id = parse_telegram_id(args)  # a flag number reads the same way as an id
    if flag_id is None:
        return Outcome().say(USAGE_ACK)
    # Flag numbers are 32-bit keys: a longer number names no flag (and PostgreSQL would refuse to look).
    flag = ctx.session.get(SafetyFlag, flag_id) if flag_id < 2**31 else None
    if flag is None:
        return Outcome().say(f"There is no flag #{flag_id}. Send /flags to see the open ones.")
    participant = ctx.session.get(Participant, flag.participant_id)
    if flag.acknowledged_at is not None:
        return Outcome().say(f"Flag #{flag_id} was already acknowledged on "
                             f"{format_day(flag.acknowledged_at.astimezone(ctx.zone(participant)).date())}.")
    flag.acknowledged_at, flag.acknowledged_by = ctx.now, admin_id
    ctx.session.add(flag)
    audit_store.record(session=ctx.session, participant_id=participant.id, admin_id=admin_id, action="ack",
                       before=f"flag #{flag_id} ({kind_label(flag.kind)}) open", after="acknowledged", now=ctx.now)
    ctx.session.flush()
    still_open = flag_store.open_flags(session=ctx.session, participant_id=participant.id)
    text = f"Flag #{flag_id} ({kind_label(flag.kind)}) for {label(participant)} acknowledged."
    outcome = Outcome()
    if still_open:
        text += (f" {len(still_open)} more still open ({', '.join('#' + str(f.id) for f in still_open)}), "
                 "so training stays on hold.")
    else:
        text += " Their training and weekly progression can resume."
        resume = "The coaching team has followed up on what you reported — thank you for telling me. "
        if participant.clearance_required and participant.cleared_at is None:
            resume += ("Training starts once your clinician has given the go-ahead (send /cleared then); until "
                       "then, your check-ins are what counts.")
        elif participant.foot_care_since is not None:
            resume += ("Your sessions can start again gently, with seated and lying exercises only until your foot "
                       "has been seen and cleared.")
        else:
            resume += "Your sessions can start again, gently. Stop if anything feels wrong."
        outcome.notices.append(Notice(chat_id=participant.chat_id, text=resume))
    if participant.foot_care_since is not None:
        text += (" They are on seated and lying exercises because of a foot wound; once a clinician has seen the "
                 "foot, tap below to bring their usual program back.")
        wound = flag_store.newest_of_kind(session=ctx.session, participant_id=participant.id,
                                          kind=FlagKind.FOOT_WOUND) or flag.id
        return outcome.say(text, buttons=button_rows(
            [("Foot cleared — usual program", f"a1:foot:{wound}:{participant.id}")]))
    return outcome.say(text)


def clear_foot(ctx: UseCaseContext, admin_id: int, wound_flag_id: int, *, participant_id: int | None = None) -> Outcome:
    """The foot-cleared button, naming the newest foot-wound flag when it was offered (and the participant it
    was offered for): the program from before the wound comes back — unless a newer wound has been reported
    since, which nobody has seen yet."""
    flag = ctx.session.get(SafetyFlag, wound_flag_id)
    participant = ctx.session.get(Participant, flag.participant_id) if flag is not None else None
    if participant is None or (participant_id is not None and participant.id != participant_id):
        return Outcome(toast="That participant is no longer here.")
    newest = flag_store.newest_of_kind(session=ctx.session, participant_id=participant.id, kind=FlagKind.FOOT_WOUND)
    if newest != wound_flag_id:
        return Outcome(toast=f"A newer foot wound (flag #{newest}) has been reported since; acknowledge it first.")
    if not programs.end_foot_care(ctx, participant, admin_id=admin_id):
        return Outcome(toast="Already cleared.")
    audit_store.record(session=ctx.session, participant_id=participant.id, admin_id=admin_id, action="foot_cleared",
                       before="seated and lying exercises (foot care)", after="usual program", now=ctx.now)
    outcome = Outcome(toast="Cleared").say(f"{label(participant)}: foot cleared, usual program restored.",
                                          edit=True)
    outcome.notices.append(Notice(chat_id=participant.chat_id, text=programs.FOOT_CARE_ENDED))
    return outcome
