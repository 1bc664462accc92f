"""The weekly review as the participant reads it: numbers, one suggestion, its reasons, the change,
and — always, last — the clinician prompt. Pure: no I/O."""

from __future__ import annotations

from coach.domain.progression import (
    DELOAD,
    HOLD,
    ITEMS,
    PROGRESS,
    SEE_CLINICIAN,
    Baseline,
    Review,
    WeekFacts,
    one_decimal,
)
from coach.domain.safety import Training
from coach.domain.safety.replies import TRAINING_NOTES, training_note
from coach.domain.symptoms import format_day

CLINICIAN_PROMPT = ("Please talk this through with your clinician (neurologist, physiotherapist or GP) before "
                    "you change your training. If your symptoms suddenly get worse, stop and seek care.")

URGENT_SIGNS = ("If you notice loss of bladder or bowel control, numbness in the groin or saddle area, chest pain "
                "or fainting, seek emergency care now.")

HEADLINES = {
    PROGRESS: "🌱 Suggestion: a light step up — one small change.",
    HOLD: "✋ Suggestion: keep your plan as it is this week.",
    DELOAD: ("🌙 Suggestion: an easier week — reduce the load by 10–20 % or go one level easier, "
             "or take 2–3 rest days."),
    SEE_CLINICIAN: "🩺 Suggestion: stop progressing for now and contact your clinician soon.",
}

DECISION_LABELS = {PROGRESS: "light progression", HOLD: "hold", DELOAD: "rest / deload",
                   SEE_CLINICIAN: "see a clinician"}


def compose(*, first_name: str, facts: WeekFacts, baseline: Baseline | None, review: Review,
            can_apply: bool) -> str:
    """The whole weekly message; `can_apply` when it comes with Apply / Keep buttons."""
    name = (first_name or "").strip()
    parts = [f"Your weekly review{', ' + name if name else ''} 📋 ({format_day(facts.first)} – "
             f"{format_day(facts.last)})",
             week_in_numbers(facts, baseline, review),
             suggestion(review),
             what_next(facts, review, can_apply=can_apply),
             CLINICIAN_PROMPT]
    return "\n\n".join(part for part in parts if part)


def week_in_numbers(facts: WeekFacts, baseline: Baseline | None, review: Review) -> str:
    numbers = review.numbers
    lines = ["The week in numbers:"]
    sessions = f"• Sessions: {numbers.done} done"
    if numbers.partly:
        sessions += f", {numbers.partly} partly"
    if numbers.skipped:
        sessions += f", {numbers.skipped} skipped"
    lines.append(sessions + f" — of {numbers.planned} planned")
    lines.append(f"• Check-ins: {numbers.checkins} of {numbers.days} days")
    if numbers.checkins:
        usual = f", your usual {one_decimal(baseline.pain)}" if baseline else ""
        lines.append(f"• Pain: average {one_decimal(numbers.mean['pain'])}, worst {numbers.worst_pain}{usual}")
        usual_of = (lambda item: f" (usual {one_decimal(getattr(baseline, item))})") if baseline else (lambda _: "")
        lines.append("• " + " · ".join(f"{item.capitalize()} {one_decimal(numbers.mean[item])}{usual_of(item)}"
                                       for item in ITEMS[1:]))
    if baseline is None:
        lines.append("• Your usual level (baseline) forms after 7 check-ins; until then I judge by the scores alone.")
    else:
        lines.append(f"• Your usual level comes from {baseline.basis}.")
    if numbers.mean_rpe is not None or numbers.mean_session_pain is not None:
        bits = []
        if numbers.mean_rpe is not None:
            bits.append(f"effort {one_decimal(numbers.mean_rpe)} of 10")
        if numbers.mean_session_pain is not None:
            bits.append(f"pain during {one_decimal(numbers.mean_session_pain)}")
        lines.append("• Sessions, on average: " + " · ".join(bits))
    return "\n".join(lines)


def suggestion(review: Review) -> str:
    decision = review.decision
    lines = [HEADLINES[decision.kind]]
    if decision.reasons:
        lines.append("Why:")
        lines.extend(f"• {reason}" for reason in decision.reasons)
    return "\n".join(lines)


def what_next(facts: WeekFacts, review: Review, *, can_apply: bool) -> str:
    kind = review.decision.kind
    lines = []
    if kind == PROGRESS and review.changes:
        lines.append("If you apply it, this one thing changes:")
        lines.extend(f"• {change.describe()}" for change in review.changes)
        lines.append("If the new step brings pain above 5, or pain that lingers into the next day, "
                     "go back to the old one — that is the right call, not a failure.")
    elif kind == DELOAD:
        if review.changes:
            lines.append("If you apply it, each exercise gets one step easier:")
            lines.extend(f"• {change.describe()}" for change in review.changes)
        lines.append("Or simply take 2–3 rest days. Never push through nerve pain.")
    elif kind == SEE_CLINICIAN:
        lines.append("Please don't add anything to your training until you have spoken with your clinician. "
                     + URGENT_SIGNS)
    elif facts.not_cleared:
        lines.append("Training starts once your clinician has given the go-ahead — send /cleared then. "
                     "Until then, your daily check-ins are what counts.")
    elif "not_enough_data" in review.decision.rules:
        lines.append("Keep the plan, and if you can, check in every day this week — "
                     "it makes next week's review more useful.")
    else:
        lines.append("Keep the plan, and notice how your symptoms respond the day after each session.")
    # One situation, one instruction: the same words as the red-flag answer, the reminder and /today.
    note = training_note(facts.red_flags)
    if facts.foot_care and not note:
        note = TRAINING_NOTES[Training.SEATED]
    if note:
        lines.append(note)
    elif facts.open_flag_before:
        lines.append("Progression stays on hold until the coaching team has followed up on what you reported.")
    if can_apply and review.proposed is not None:
        lines.append("Tap Apply to update your program, or keep your current plan — either is fine.")
    return "\n".join(lines)
