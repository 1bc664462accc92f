"""Questions answered from the help topics: what the scales mean, how to change times, what the bot is and is not."""

from __future__ import annotations

from coach.domain.understanding.topics import Topic
from coach.services import texts
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome
from coach.services.safety.red_flags import contacts_for
from coach.store.models import Participant
from coach.store.participants import ParticipantView


def answer(ctx: UseCaseContext, participant: Participant | ParticipantView | None,
           topics: tuple[Topic, ...]) -> Outcome:
    """One short answer per topic (at most two), with the participant's own emergency numbers where needed."""
    contacts = contacts_for(ctx, participant)
    chosen = [topic for topic in topics if topic != Topic.OTHER] or [Topic.OTHER]
    parts = [texts.ANSWERS[str(topic)].format(emergency=contacts.emergency, crisis=contacts.crisis_line)
             for topic in chosen[:2]]
    return Outcome().say("\n\n".join(parts))
