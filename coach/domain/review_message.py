"""The weekly review as the participant reads it: the week in a few numbers, one suggestion with its
reasons, the one change, warning signs only where the week calls for them, and — once, last — the
clinician prompt. About 700 characters at most beside the chart. Pure: no I/O."""

from __future__ import annotations

from datetime import date

from coach.domain.progression import (
    DELOAD,
    HOLD,
    ITEMS,
    PROGRESS,
    RULES,
    SEE_CLINICIAN,
    Baseline,
    Review,
    WeekFacts,
    one_decimal,
)
from coach.domain.review_signs import week_signs
from coach.domain.safety import Training
from coach.domain.safety.replies import TRAINING_NOTES, training_note
from coach.domain.symptoms import format_day

CLINICIAN_PROMPT = ("Please talk this through with your clinician (neurologist, physio or GP) before you change "
                    "your training. If symptoms suddenly get worse, stop and seek care.")
# The same prompt when the week itself calls for the clinician: "soon" is the whole point.
CLINICIAN_PROMPT_SOON = ("Please talk this through with your clinician (neurologist, physio or GP) soon, before "
                         "changing your training. If symptoms suddenly get worse, stop and seek care.")
MESSAGE_LIMIT = 700  # characters of text beside the chart (PRODUCT.md, "The participant's week")
NAME_LIMIT = 12  # a long Telegram name is cut in the greeting

HEADLINES = {
    PROGRESS: "🌱 Suggestion: a light step up — one small change.",
    HOLD: "✋ Suggestion: keep your plan as it is.",
    DELOAD: "🌙 Suggestion: an easier week — 10–20 % less load, or 2–3 rest days.",
    SEE_CLINICIAN: "🩺 Suggestion: no step up — get this checked soon.",
}

DECISION_LABELS = {PROGRESS: "light progression", HOLD: "hold", DELOAD: "rest / deload",
                   SEE_CLINICIAN: "see a clinician"}


def clinician_prompt(kind: str) -> str:
    """The one clinician prompt that ends a review with this decision."""
    return CLINICIAN_PROMPT_SOON if kind == SEE_CLINICIAN else CLINICIAN_PROMPT


def compose(*, first_name: str, facts: WeekFacts, baseline: Baseline | None, review: Review, can_apply: bool,
            condition: str | None = None, recent_checkins: int | None = None) -> str:
    """The whole weekly message; `can_apply` when it comes with Apply / Keep buttons. `condition` matches the
    warning signs to it; `recent_checkins` (those in the baseline's reach up to the week's end) says when a
    participant without a usual level yet will have one."""
    name = " ".join((first_name or "").split())[:NAME_LIMIT]
    head = [f"Your weekly review{', ' + name if name else ''} 📋 {_days(facts.first, facts.last)}",
            week_in_numbers(facts, baseline, review, recent_checkins=recent_checkins)]
    tail = [what_next(facts, review, can_apply=can_apply, condition=condition), clinician_prompt(review.decision.kind)]
    text = "\n\n".join(part for part in (*head, suggestion(review), *tail) if part)
    # Past the limit, the last reasons give way to a count (all of them are kept with the review).
    for shown in range(len(review.decision.reasons) - 1, 0, -1):
        if len(text) <= MESSAGE_LIMIT:
            break
        shorter = "\n\n".join(part for part in (*head, suggestion(review, shown), *tail) if part)
        if len(shorter) < len(text):
            text = shorter
    return text


def _days(first: date, last: date) -> str:
    """'Sun 22 – Sat 28 Nov', or 'Sun 29 Nov – Sat 5 Dec' across a month."""
    start = format_day(first)
    if (first.year, first.month) == (last.year, last.month):
        start = start.rsplit(" ", 1)[0]
    return f"{start} – {format_day(last)}"


def week_in_numbers(facts: WeekFacts, baseline: Baseline | None, review: Review, *,
                    recent_checkins: int | None = None) -> str:
    numbers = review.numbers
    sessions = f"sessions {numbers.done} of {numbers.planned} done"
    if numbers.partly:
        sessions += f" ({numbers.partly} partly)"
    if not numbers.planned and not numbers.done + numbers.partly + numbers.skipped:
        sessions = "no sessions planned"
    if numbers.mean_rpe is not None:
        sessions += f", effort {one_decimal(numbers.mean_rpe)}/10"
    lines = [f"Check-ins {numbers.checkins} of {numbers.days} days · {sessions}"]
    if numbers.checkins:
        usual = f" (usual {one_decimal(baseline.pain)})" if baseline else ""
        others = " · ".join(f"{item} {one_decimal(numbers.mean[item])}" for item in ITEMS[1:])
        lines.append(f"Pain {one_decimal(numbers.mean['pain'])} on average{usual}, worst {numbers.worst_pain} "
                     f"· {others}")
    if baseline is None:
        lines.append(_no_baseline_yet(recent_checkins))
    return "\n".join(lines)


def _no_baseline_yet(recent_checkins: int | None) -> str:
    needed = RULES.baseline_min_checkins
    if recent_checkins is not None and recent_checkins >= needed:
        return "Next week I can compare with your usual level."
    if recent_checkins is not None:
        more = needed - recent_checkins
        return f"Usual level: {more} more check-in{'s' * (more != 1)} to go."
    return "No usual level yet."


def suggestion(review: Review, shown: int | None = None) -> str:
    """The headline and the first `shown` reasons (all by default), with a count of the rest."""
    decision = review.decision
    reasons = decision.reasons
    if decision.rules[:1] == ("red_flag",):
        reasons = reasons[1:]  # what was reported is named just below, each with what to do about it
    lines = [HEADLINES[decision.kind], *(f"• {reason}" for reason in reasons[:shown])]
    if shown is not None and len(reasons) > shown:
        rest = len(reasons) - shown
        lines.append(f"• …and {rest} more.")
    return "\n".join(lines)


def what_next(facts: WeekFacts, review: Review, *, can_apply: bool, condition: str | None = None) -> str:
    kind = review.decision.kind
    held = review.decision.rules == ("safety_hold",)  # its reasons say already what waits for what
    lines = []
    if kind == PROGRESS and review.changes:
        lines.extend(f"The change: {change.describe()}" for change in review.changes)
        lines.append("If it brings pain above 5, or pain into the next day, go back — that's the right call.")
    elif kind == DELOAD:
        if review.changes:
            count = len(review.changes)
            lines.append(f"Apply: {count} exercise{'s' * (count != 1)} one step easier"
                         + (" — or keep your plan." if can_apply else "."))
    elif kind == SEE_CLINICIAN:
        pass  # the headline says it: nothing is added, and the signs below say what to watch for
    elif held:
        lines.append("Keep the plan meanwhile.")
    elif facts.not_cleared:
        lines.append("Training starts once you send /cleared; until then, your check-ins count.")
    elif "not_enough_data" in review.decision.rules:
        lines.append("Keep the plan, and check in every day if you can: next week's review gets clearer.")
    else:
        lines.append("Keep the plan, and notice how you feel the day after each session.")
    lines += week_signs(red_flags=facts.red_flags, condition=condition,
                        far_above_usual="pain_far_above_baseline" in review.decision.rules)
    # What open flags mean for training, in the words every message uses (coach/domain/safety/replies.py).
    note = training_note(facts.red_flags) or (TRAINING_NOTES[Training.SEATED] if facts.foot_care else "")
    if note:
        lines.append(note)
    elif facts.open_flag_before and not held:
        lines.append("Progression waits for the team's follow-up.")
    if can_apply and review.proposed is not None and kind != DELOAD:
        lines.append("Apply it, or keep your plan — either is fine.")
    return "\n".join(lines)
