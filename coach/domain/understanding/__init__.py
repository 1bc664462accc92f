"""Understanding what participants write: normalise, find concepts, judge them in context, classify."""

from datetime import date


def warm_up() -> None:
    """Load the lemma dictionary, spaCy and medspaCy now (about two seconds), not on a participant's message."""
    from coach.domain.understanding.classify import understand
    from coach.domain.understanding.context import warm_up as load_context

    load_context()
    understand("warm up: I fainted, pain 4", today=date(2026, 1, 1))
