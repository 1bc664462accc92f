"""The diary: a symptom report or note in the participant's own words, stored, dated and reflected back."""

from __future__ import annotations

from datetime import date

from coach.domain.symptoms import format_day
from coach.services import texts
from coach.services.checkins.callbacks import StartCheckin
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome, button_rows
from coach.store import checkins as checkin_store
from coach.store import notes as note_store
from coach.store.models import Participant
from coach.store.participants import ParticipantView

# How much of a long note is quoted back (all of it is stored).
QUOTE_LIMIT = 160


def keep(ctx: UseCaseContext, participant: Participant | ParticipantView, text: str, *, day: date,
         offer: bool = True) -> Outcome:
    """Store the note for `day`, say so in the participant's words, and offer today's check-in if it is missing."""
    checkin = checkin_store.get_checkin(session=ctx.session, participant_id=participant.id, local_date=day)
    note_store.add(session=ctx.session, participant_id=participant.id, local_date=day, text=text,
                   checkin_id=checkin.id if checkin is not None else None, now=ctx.now)
    reply = texts.NOTE_SAVED.format(day=format_day(day), note=quote(text))
    if checkin is not None:
        return Outcome().say(reply + "\n" + texts.NOTE_WITH_CHECKIN)
    if not offer or day != ctx.local_today(participant):
        return Outcome().say(reply)
    return Outcome().say(reply + "\n\n" + texts.NOTE_OFFER_CHECKIN,
                         buttons=button_rows([(texts.CHECK_IN_NOW, StartCheckin().encode())]))


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT - 1].rstrip() + "…"
