"""What the bot says about a red flag: one instruction per situation, the same everywhere.

The immediate answer, the session reminder, /today, the weekly review and the admin alert all take their words
from INSTRUCTIONS and TRAINING_NOTES here, so a foot wound is never "stop training" in one message and "seated
exercises only" in the next. Pure; the emergency and crisis numbers come in as an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coach.domain.safety.detect import RedFlag
from coach.domain.safety.kinds import KINDS, FlagKind, Training, Urgency, most_urgent
from coach.domain.safety.numbers import EmergencyContacts

K = FlagKind

# What to do, per situation. {emergency} is the participant's emergency number (or "your local emergency number").
INSTRUCTIONS: dict[FlagKind, str] = {
    K.BLADDER_BOWEL: (
        "Changes in bladder or bowel control with back or leg symptoms can mean pressure on the nerves at the base "
        "of the spine (cauda equina), which needs treatment within hours. Please go to an emergency department or "
        "call {emergency} now — don't wait for an appointment."),
    K.SADDLE_NUMBNESS: (
        "Numbness in the groin or saddle area can mean pressure on the nerves at the base of the spine (cauda "
        "equina), which needs treatment within hours. Please go to an emergency department or call {emergency} "
        "now — don't wait for an appointment."),
    K.CHEST_PAIN: (
        "Chest pain, pressure or tightness needs checking straight away. Stop, sit down, and call {emergency} now. "
        "If you can, ask someone to stay with you."),
    K.ARM_JAW_PAIN: (
        "Pain spreading to your arm or jaw can come from the heart. Stop, sit down, and call {emergency} now. "
        "If you can, ask someone to stay with you."),
    K.BREATHLESS_DIZZY: (
        "Breathlessness or a racing heart with dizziness needs checking straight away. Stop, sit or lie down, and "
        "call {emergency} now. If you can, ask someone to stay with you."),
    K.FAINTING: (
        "Fainting or collapsing needs checking straight away. Stay sitting or lying down and call {emergency} now, "
        "or ask someone to take you to an emergency department."),
    K.FALL_INJURY: (
        "After a fall with a head injury, or when you can't put weight on a leg, please call {emergency} now. "
        "Don't try to get up if it hurts to move; keep warm and, if you can, ask someone to stay with you."),
    K.HYPOGLYCAEMIA: (
        "This sounds like low blood sugar. Stop exercising and sit down. Take 15 g of fast-acting sugar now (for "
        "example 150 ml of fruit juice or non-diet fizzy drink, or 4–5 glucose tablets), then check your sugar "
        "again in 15 minutes and repeat if it is still under 4 mmol/L (70 mg/dL). If it doesn't improve, or you "
        "feel confused or drowsy, call {emergency}."),
    K.FOOT_WOUND: (
        "For a wound, blister or cut on your foot: keep weight off it, keep it clean and covered, and contact your "
        "foot team, GP or podiatrist today. Until a clinician has seen it: seated and lying exercises only."),
    K.FOOT_INFECTION: (
        "A hot, red or swollen foot or toe, or a toe turning dark, can mean infection or a Charcot foot and needs "
        "seeing today: contact your foot team, GP or podiatrist today, or urgent care if you can't reach them. "
        "Until a clinician has seen it: seated and lying exercises only."),
    K.BLEEDING: (
        "For bleeding: press firmly on it with a clean cloth for 10 minutes. If it won't stop, or there is a lot of "
        "blood, call {emergency}; otherwise please contact your clinician today."),
    K.WEAKNESS: (
        "New or spreading weakness needs a clinician's check: please contact your clinician today, and go to urgent "
        "care if it is getting worse quickly."),
    K.SEVERE_PAIN: (
        "Sudden severe pain needs a clinician's check: stop and rest, please contact your clinician today, and go to "
        "urgent care or call {emergency} if it is very bad or getting worse."),
    K.FALL: (
        "I'm sorry you fell. Are you hurt at all? If you hit your head, can't put weight on a leg, or think something "
        "might be broken, please get checked today — and call {emergency} if you feel drowsy, sick or confused. If "
        "you're not hurt, rest today and take it gently. Falls are exactly what this training aims to prevent, so "
        "you did the right thing telling me."),
}
# The same instruction in one line, for the weekly review and other short places: what to do, not why.
SUMMARIES: dict[FlagKind, str] = {
    K.BLADDER_BOWEL: "Loss of bladder or bowel control, or new trouble passing urine: emergency care now.",
    K.SADDLE_NUMBNESS: "Numbness in the groin or saddle area: emergency care now.",
    K.CHEST_PAIN: "Chest pain, pressure or tightness: call the emergency number now.",
    K.ARM_JAW_PAIN: "Pain spreading to the arm or jaw: call the emergency number now.",
    K.BREATHLESS_DIZZY: "Breathless or a racing heart with dizziness: call the emergency number now.",
    K.FAINTING: "Fainting or a blackout: call the emergency number now.",
    K.FALL_INJURY: "A fall with a head injury, or not able to bear weight: call the emergency number now.",
    K.HYPOGLYCAEMIA: "Low blood sugar: stop, take 15 g of fast sugar, recheck in 15 minutes; help if no better.",
    K.SELF_HARM: "Thoughts of harming yourself: please talk to someone today — a crisis line, or the emergency number.",
    K.FOOT_WOUND: "A foot wound or blister: see your foot team, GP or podiatrist today.",
    K.FOOT_INFECTION: "A hot, red or swollen foot, or a darkening toe: see your foot team or GP today.",
    K.BLEEDING: "Bleeding: press on it for 10 minutes; emergency number if it won't stop; clinician today.",
    K.WEAKNESS: "New or spreading weakness: contact your clinician today.",
    K.SEVERE_PAIN: "Sudden severe pain: contact your clinician today; urgent care if it is very bad.",
    K.FALL: "A fall: if you hit your head or can't bear weight, get checked today.",
}
# What it means for training until the team has followed up: said in the reply, the reminder, /today, the review.
TRAINING_NOTES: dict[Training, str] = {
    Training.STOP: "Please don't train until the coaching team has followed up with you.",
    Training.SEATED: "Seated and lying exercises only — no weight through your feet — until your foot has been seen "
                     "and cleared.",
    Training.REST_TODAY: "Rest today; the coaching team will check in with you before your next session.",
}
CRISIS = (
    "I'm really sorry you're feeling this way, and I'm glad you told me. You deserve support right now, from a "
    "person. Please talk to someone today: {crisis}. If you might act on these thoughts, or you are in danger, call "
    "{emergency} now. If you can, tell someone near you how you feel.\n\n"
    "This matters more than any training. I've let the coaching team know, so someone can reach out to you.")
OPENING = "Thank you for telling me."
CLOSING = "I've let the coaching team know, so someone can follow up with you."
CLOSING_STOP = ("I've let the coaching team know, so someone can follow up with you — please don't train until they "
                "have.")
CLOSING_NOT_STORED = "Please tell your clinician, too."
_TRAINING_ORDER = (Training.STOP, Training.SEATED, Training.REST_TODAY)


def red_flag_reply(flags: Sequence[RedFlag], contacts: EmergencyContacts, *, team_told: bool = True) -> str:
    """The immediate, calm and specific answer to the participant; '' when there are no flags."""
    kinds = _in_order(flag.kind for flag in flags)
    if not kinds:
        return ""
    numbers = {"emergency": contacts.emergency, "crisis": contacts.crisis_line}
    parts: list[str] = []
    if K.SELF_HARM in kinds:
        parts.append(CRISIS.format(**numbers))
        kinds = [kind for kind in kinds if kind != K.SELF_HARM]
        if not kinds:
            return "\n\n".join(parts)
    else:
        parts.append(OPENING)
    seen: set[str] = set()
    for kind in kinds:
        text = INSTRUCTIONS[kind].format(**numbers)
        if text not in seen:
            seen.add(text)
            parts.append(text)
    note = training_note(kinds)
    self_harm = K.SELF_HARM in {flag.kind for flag in flags}
    if note == TRAINING_NOTES[Training.STOP] and team_told and not self_harm:
        parts.append(CLOSING_STOP)
        return "\n\n".join(parts)
    if note and team_told and not (note == TRAINING_NOTES[Training.SEATED]
                                   and all(KINDS[k].training == Training.SEATED for k in kinds)):
        parts.append(note)  # a foot's instruction already says "seated and lying exercises only"
    if not self_harm:
        parts.append(CLOSING if team_told else CLOSING_NOT_STORED)
    return "\n\n".join(parts)


def training_note(kinds: Iterable[FlagKind | str]) -> str:
    """The one line about training for these open flags (most restrictive first); '' for none."""
    policies = {KINDS[kind].training for kind in _known(kinds)}
    return next((TRAINING_NOTES[p] for p in _TRAINING_ORDER if p in policies), "")


def training_policy(kinds: Iterable[FlagKind | str]) -> Training | None:
    """The most restrictive training policy of these flags; None for none."""
    policies = {KINDS[kind].training for kind in _known(kinds)}
    return next((p for p in _TRAINING_ORDER if p in policies), None)


# --- for the coaching team -------------------------------------------------------------------------------------

_HEADS = {
    Urgency.CRISIS: "🆘 CRISIS — thoughts of suicide or self-harm",
    Urgency.EMERGENCY: "🚨 URGENT — emergency care now",
    Urgency.ACT_NOW: "🚨 URGENT — act now",
    Urgency.SAME_DAY: "⚠️ Red flag — clinician today",
    Urgency.ASK: "⚠️ Red flag — please check in",
}
_TOLD = {
    Urgency.CRISIS: "They were given the crisis line ({crisis}) and the emergency number ({emergency}).",
    Urgency.EMERGENCY: "They were told to seek emergency care now ({emergency}).",
    Urgency.ACT_NOW: "They were told how to treat low blood sugar now, and to call {emergency} if it doesn't improve.",
    Urgency.SAME_DAY: "They were told to contact their clinician today.",
    Urgency.ASK: "They were asked whether they are hurt, and to rest today.",
}


def admin_alert_text(flags: Sequence[RedFlag], *, name: str, telegram_id: int, flag_ids: Sequence[int],
                     contacts: EmergencyContacts) -> str:
    """A short alert for the coaching team: who, what, how urgent, their own words, what they were told."""
    kinds = _in_order(flag.kind for flag in flags)
    if not kinds:
        return ""
    urgency = most_urgent(kinds) or Urgency.SAME_DAY
    who = " ".join((name or "").split()) or "A participant"
    lines = [f"{_HEADS[urgency]}", f"{who} · /user_{telegram_id}",
             "Kind: " + ", ".join(KINDS[kind].label for kind in kinds)]
    words = _quotes(flags)
    if words:
        lines.append("Their words: " + words)
    lines.append(_TOLD[urgency].format(emergency=contacts.emergency, crisis=contacts.crisis_line))
    note = training_note(kinds)
    if note:
        lines.append("Training: " + _for_admin(note))
    if flag_ids:
        lines.append("Flag " + ", ".join(f"#{i}" for i in flag_ids) + " · progression on hold until acknowledged: "
                     + " ".join(f"/ack_{i}" for i in flag_ids))
    return "\n".join(lines)


def _for_admin(note: str) -> str:
    return {TRAINING_NOTES[Training.STOP]: "none until you have followed up.",
            TRAINING_NOTES[Training.SEATED]: "seated and lying exercises only, until you clear the foot (their "
                                             "program has switched; clear it once a clinician has seen it).",
            TRAINING_NOTES[Training.REST_TODAY]: "rest today; please check in before their next session."}[note]


def _quotes(flags: Sequence[RedFlag]) -> str:
    seen: list[str] = []
    for flag in flags:
        if flag.matched and flag.matched not in seen:
            seen.append(flag.matched)
    return " … ".join(f"“{words}”" for words in seen)


def _known(kinds: Iterable[FlagKind | str]) -> list[FlagKind]:
    out = []
    for kind in kinds:
        try:
            out.append(FlagKind(kind))
        except ValueError:
            continue
    return out


def _in_order(kinds: Iterable[FlagKind | str]) -> list[FlagKind]:
    """Most urgent first, then in FlagKind order, each once."""
    known = set(_known(kinds))
    order = {urgency: i for i, urgency in enumerate(Urgency)}
    return sorted(known, key=lambda kind: (order[KINDS[kind].urgency], list(FlagKind).index(kind)))
