"""Which warning signs a weekly review names, and how: only where the week calls for them, and matched to
what happened (the week's red flags) or to the participant's condition. Pure: no I/O.

Each line is the one-line form of the instruction the red-flag answer gives for that kind (SUMMARIES in
coach/domain/safety/replies.py), so the review says what the immediate answer, the reminder and the admin alert say.
"""

from __future__ import annotations

from collections.abc import Iterable

from coach.domain.safety.replies import SUMMARIES

# One line per red-flag kind: the same instruction the immediate answer gives (coach/domain/safety/replies.py).
SIGNS: dict[str, str] = {str(kind): line for kind, line in SUMMARIES.items()}

# The signs worth watching for with each condition, when pain alone has taken a week far past the usual.
CONDITION_WATCH: dict[str, tuple[str, ...]] = {
    "radiculopathy": ("bladder_bowel", "saddle_numbness"),  # cauda equina, with a back-related nerve problem
    "diabetic": ("foot_wound",),  # an unnoticed wound or infection in a foot that feels less
    "peripheral": ("weakness",),
    "nerve_injury": ("weakness",),
}
DEFAULT_WATCH: tuple[str, ...] = ("weakness",)
WATCH_FOR = "Watch for:"


def week_signs(*, red_flags: Iterable[str], condition: str | None, far_above_usual: bool) -> list[str]:
    """The lines a review adds: the instruction for each kind of red flag raised in the week (in the table's
    order); else, when pain alone was far above the usual, the signs that matter for the condition; else none."""
    kinds = set(red_flags)
    if kinds:
        lines = [SIGNS[kind] for kind in SIGNS if kind in kinds]
        lines += [f"{kind.replace('_', ' ').capitalize()}: follow the advice I gave when you told me."
                  for kind in sorted(kinds - SIGNS.keys())]
        return lines
    if far_above_usual:
        return [WATCH_FOR, *(SIGNS[kind] for kind in CONDITION_WATCH.get(condition or "", DEFAULT_WATCH))]
    return []
