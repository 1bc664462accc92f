"""The kinds of red flag, how urgent each is, and what it means for training: one table, as PRODUCT.md lists them."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class FlagKind(StrEnum):
    """The kinds of red flag the product watches for (stored as these strings)."""

    BLADDER_BOWEL = "bladder_bowel"
    SADDLE_NUMBNESS = "saddle_numbness"
    CHEST_PAIN = "chest_pain"
    ARM_JAW_PAIN = "arm_jaw_pain"
    BREATHLESS_DIZZY = "breathless_dizzy"
    FAINTING = "fainting"
    FALL_INJURY = "fall_injury"
    HYPOGLYCAEMIA = "hypoglycaemia"
    SELF_HARM = "self_harm"
    FOOT_WOUND = "foot_wound"
    FOOT_INFECTION = "foot_infection"
    BLEEDING = "bleeding"
    WEAKNESS = "weakness"
    SEVERE_PAIN = "severe_pain"
    FALL = "fall"


class Urgency(StrEnum):
    """How soon someone must act, most urgent first."""

    CRISIS = "crisis"  # thoughts of suicide or self-harm: someone to talk to now
    EMERGENCY = "emergency"  # emergency care now
    ACT_NOW = "act_now"  # low blood sugar: treat it now, urgent help if it does not improve
    SAME_DAY = "same_day"  # a clinician today
    ASK = "ask"  # a gentle question (a fall without a known injury)


class Training(StrEnum):
    """What a flag means for training until the coaching team has followed it up."""

    STOP = "stop"  # no training: reminders are held
    SEATED = "seated"  # seated and lying exercises only (a foot that must not bear weight)
    REST_TODAY = "rest_today"  # rest today, then gently, once the team has checked in


class KindInfo(NamedTuple):
    label: str  # for admins and the clinician: short and exact
    spoken: str  # for the participant: plain words
    urgency: Urgency
    training: Training


KINDS: dict[FlagKind, KindInfo] = {
    FlagKind.BLADDER_BOWEL: KindInfo("bladder/bowel control", "losing control of your bladder or bowel, or new "
                                     "trouble passing urine", Urgency.EMERGENCY, Training.STOP),
    FlagKind.SADDLE_NUMBNESS: KindInfo("groin/saddle numbness", "numbness in the groin or saddle area",
                                       Urgency.EMERGENCY, Training.STOP),
    FlagKind.CHEST_PAIN: KindInfo("chest pain", "chest pain, pressure or tightness", Urgency.EMERGENCY,
                                  Training.STOP),
    FlagKind.ARM_JAW_PAIN: KindInfo("pain spreading to arm/jaw", "pain spreading to your arm or jaw",
                                    Urgency.EMERGENCY, Training.STOP),
    FlagKind.BREATHLESS_DIZZY: KindInfo("breathless/racing heart with dizziness",
                                        "breathlessness or a racing heart with dizziness", Urgency.EMERGENCY,
                                        Training.STOP),
    FlagKind.FAINTING: KindInfo("fainting/collapse", "fainting, collapsing or blacking out", Urgency.EMERGENCY,
                                Training.STOP),
    FlagKind.FALL_INJURY: KindInfo("fall with head injury/can't bear weight",
                                   "a fall with a head injury, or not being able to put weight on a leg",
                                   Urgency.EMERGENCY, Training.STOP),
    FlagKind.HYPOGLYCAEMIA: KindInfo("low blood sugar", "low blood sugar", Urgency.ACT_NOW, Training.STOP),
    FlagKind.SELF_HARM: KindInfo("thoughts of suicide/self-harm", "thoughts of suicide or of harming yourself",
                                 Urgency.CRISIS, Training.STOP),
    FlagKind.FOOT_WOUND: KindInfo("foot wound/blister", "a wound, blister or cut on your foot", Urgency.SAME_DAY,
                                  Training.SEATED),
    FlagKind.FOOT_INFECTION: KindInfo("hot/red/swollen foot or dark toe",
                                      "a hot, red or swollen foot, or a toe turning dark", Urgency.SAME_DAY,
                                      Training.SEATED),
    FlagKind.BLEEDING: KindInfo("bleeding", "bleeding", Urgency.SAME_DAY, Training.STOP),
    FlagKind.WEAKNESS: KindInfo("new or spreading weakness", "new or spreading weakness", Urgency.SAME_DAY,
                                Training.STOP),
    FlagKind.SEVERE_PAIN: KindInfo("sudden severe pain", "sudden severe pain", Urgency.SAME_DAY, Training.STOP),
    FlagKind.FALL: KindInfo("fall", "a fall", Urgency.ASK, Training.REST_TODAY),
}
URGENCY_ORDER: tuple[Urgency, ...] = tuple(Urgency)
# Kinds that need help now (crisis, emergency, act now): what "urgent" means on a stored flag.
URGENT_KINDS: frozenset[FlagKind] = frozenset(
    kind for kind, info in KINDS.items() if info.urgency in (Urgency.CRISIS, Urgency.EMERGENCY, Urgency.ACT_NOW))
# The foot kinds: the program switches to seated and lying exercises until an admin clears the foot.
FOOT_KINDS: frozenset[FlagKind] = frozenset(
    kind for kind, info in KINDS.items() if info.training == Training.SEATED)


def as_kind(kind: str) -> FlagKind | None:
    """A stored kind as a FlagKind; None for a kind no longer known."""
    try:
        return FlagKind(kind)
    except ValueError:
        return None


def kind_label(kind: str) -> str:
    """A stored flag kind in words ('foot wound/blister'); an unknown kind as stored."""
    known = as_kind(kind)
    return KINDS[known].label if known is not None else kind


def urgency_of(kind: str) -> Urgency:
    known = as_kind(kind)
    return KINDS[known].urgency if known is not None else Urgency.SAME_DAY


def most_urgent(kinds: list[FlagKind] | set[FlagKind] | tuple[FlagKind, ...]) -> Urgency | None:
    urgencies = {KINDS[kind].urgency for kind in kinds}
    return next((u for u in URGENCY_ORDER if u in urgencies), None)
