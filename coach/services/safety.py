"""Red flags: store them, answer the participant at once, alert every admin."""

from __future__ import annotations

from coach.domain.safety import FlagKind, RedFlag, admin_alert_text, detect_red_flags, red_flag_reply
from coach.services import programs
from coach.services.context import UseCaseContext
from coach.services.replies import AdminAlert, Outcome
from coach.store import flags as flag_store
from coach.store.models import Participant


def scan_text(ctx: UseCaseContext, participant: Participant | None, text: str, *, source: str) -> Outcome:
    """Look for red flags in anything a participant wrote; an empty Outcome when there are none."""
    found = detect_red_flags(text)
    if not found:
        return Outcome()
    return raise_flags(ctx, participant, found, source=source)


def raise_flags(ctx: UseCaseContext, participant: Participant | None, found: list[RedFlag], *,
                source: str) -> Outcome:
    """Answer calmly and specifically; store and alert only with consent (before it, store nothing)."""
    outcome = Outcome().say(red_flag_reply(found))
    if participant is None or participant.id is None or participant.onboarding_step == "consent":
        return outcome
    ids = []
    for flag in found:
        row = flag_store.raise_flag(session=ctx.session, participant_id=participant.id, kind=str(flag.kind),
                                    urgent=flag.urgent, source=source, excerpt=flag.matched, now=ctx.now)
        ids.append(row.id)
    label = f"{participant.first_name or 'participant'} (id {participant.telegram_id})"
    alert = admin_alert_text(found, participant_label=label)
    alert += ("\nFlag " + ", ".join(f"#{i}" for i in ids) + " — progression is on hold until acknowledged"
              f" (/ack {ids[0]}).")
    if any(flag.kind == FlagKind.FOOT_WOUND for flag in found):
        # A foot wound: non-weight-bearing work only, until an admin clears it (PRODUCT.md, Safety).
        switched = programs.start_foot_care(ctx, ctx.session.get(Participant, participant.id))
        if switched:
            outcome.say(switched)
            alert += "\nTheir program is now seated and lying exercises only, until you clear the foot."
    outcome.admin_alerts.extend(AdminAlert(chat_id=admin, text=alert) for admin in ctx.admin_ids)
    return outcome


def foot_problem_reported(ctx: UseCaseContext, participant: Participant) -> Outcome:
    flag = RedFlag(kind=FlagKind.FOOT_WOUND, urgent=False, matched="foot check: yes")
    return raise_flags(ctx, participant, [flag], source="foot_check")
