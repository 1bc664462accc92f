"""Red flags: store them, answer the participant at once, alert every admin — once per kind, not per message."""

from __future__ import annotations

from datetime import timedelta

from coach.domain.safety import FOOT_KINDS, FlagKind, RedFlag, detect_red_flags
from coach.domain.safety.numbers import EmergencyContacts, contacts_for_timezone
from coach.domain.safety.replies import admin_alert_text, red_flag_reply
from coach.domain.states import OnboardingStep
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import AdminAlert, Outcome
from coach.services.training import programs
from coach.store import flags as flag_store
from coach.store.models import Participant
from coach.store.participants import ParticipantView

# The same kind again within this long is the same situation: answered again, but not a second alert.
REPEAT_WINDOW = timedelta(minutes=30)


def scan_text(ctx: UseCaseContext, participant: Participant | ParticipantView | None, text: str, *,
              source: str) -> Outcome:
    """Look for red flags in anything a participant wrote; an empty Outcome when there are none."""
    found = detect_red_flags(text)
    if not found:
        return Outcome()
    return raise_flags(ctx, participant, found, source=source)


def contacts_for(ctx: UseCaseContext, participant: Participant | ParticipantView | None) -> EmergencyContacts:
    """The emergency and crisis numbers for the participant's country (from their time zone)."""
    zone = participant.timezone if participant is not None else ctx.default_timezone
    return contacts_for_timezone(zone)


def raise_flags(ctx: UseCaseContext, participant: Participant | ParticipantView | None, found: list[RedFlag], *,
                source: str) -> Outcome:
    """Answer calmly and specifically; store and alert only with consent (before it, store nothing)."""
    contacts = contacts_for(ctx, participant)
    if participant is None or participant.id is None or participant.onboarding_step == OnboardingStep.CONSENT:
        return Outcome().say(red_flag_reply(found, contacts, team_told=False))
    outcome = Outcome().say(red_flag_reply(found, contacts))
    recent = flag_store.kinds_raised_since(session=ctx.session, participant_id=participant.id,
                                           since=ctx.now - REPEAT_WINDOW)
    new = [flag for flag in found if str(flag.kind) not in recent]
    if not new:
        return outcome  # told already, minutes ago: the team has it
    ids = [flag_store.raise_flag(session=ctx.session, participant_id=participant.id, kind=str(flag.kind),
                                 urgent=flag.urgent, source=source, excerpt=flag.matched, now=ctx.now).id
           for flag in new]
    if any(flag.kind in FOOT_KINDS for flag in new):
        # A foot that must not bear weight: seated and lying exercises only, until an admin clears it.
        switched = programs.start_foot_care(ctx, ctx.session.get(Participant, participant.id))
        if switched:
            outcome.say(switched)
    alert = admin_alert_text(new, name=participant.first_name, telegram_id=participant.telegram_id,
                             flag_ids=ids, contacts=contacts)
    outcome.admin_alerts.extend(AdminAlert(chat_id=admin, text=alert) for admin in ctx.admin_ids)
    return outcome


def foot_problem_reported(ctx: UseCaseContext, participant: Participant) -> Outcome:
    flag = RedFlag(kind=FlagKind.FOOT_WOUND, urgent=False, matched="foot check: yes — a new blister, wound or redness")
    return raise_flags(ctx, participant, [flag], source="foot_check")
