"""Which warning signs a weekly review names, and how: only where the week calls for them, and matched to
what happened (the week's red flags) or to the participant's condition. Pure: no I/O.

One line per situation, written to stand anywhere ("situation: what to do"), so that it can become the
single instruction each red-flag kind has everywhere (the immediate reply, reminders, /today, the review
and the admin alert) when the safety module's replies are unified with it.
"""

from __future__ import annotations

from collections.abc import Iterable

# One instruction per red-flag kind (the kinds of coach.domain.safety.FlagKind, as stored).
SIGNS: dict[str, str] = {
    "bladder_bowel": "Loss of bladder or bowel control, or new trouble passing urine: emergency care now.",
    "saddle_numbness": "Numbness in the groin or saddle area: emergency care now.",
    "chest_pain": "Chest pain, pressure or tightness: call emergency services now.",
    "fainting": "Fainting or a blackout: call emergency services now.",
    "foot_wound": ("A foot wound or blister: no weight-bearing exercise (seated and lying only); see your foot "
                   "team within a day."),
    "weakness": "New or spreading weakness (foot drop, dropping things, legs giving way): get it checked today.",
    "fall_injury": "A fall: after a head injury, or if you can't bear weight, get urgent care now.",
    "severe_pain": "Sudden severe pain: stop, and get urgent care if it doesn't ease.",
}

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
