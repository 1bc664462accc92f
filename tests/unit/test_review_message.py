"""The weekly message a participant reads: short beside the chart, the clinician prompt once and last, warning
signs only where the week calls for them and matched to what happened or to the condition, no rule names."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.program import STARTER_PROGRAM
from coach.domain.progression import (
    DECISIONS,
    SEE_CLINICIAN,
    Baseline,
    DayScores,
    Decision,
    Review,
    SessionEntry,
    WeekFacts,
    review,
)
from coach.domain.review_message import MESSAGE_LIMIT, clinician_prompt, compose
from coach.domain.review_signs import SIGNS, week_signs
from tests.unit.test_weekly_rules import programs, weeks

SUN = date(2026, 11, 22)  # the week under review: Sun 22 – Sat 28 Nov 2026
REAL_KINDS = tuple(SIGNS)
CONDITIONS = ("peripheral", "diabetic", "radiculopathy", "nerve_injury", "other", None)
RULE_NAMES = ("red_flag", "pain_far_above_baseline", "mean_pain_above_baseline", "painful_days", "effort_too_high",
              "pain_not_settled", "not_enough_data", "safety_hold", "top_of_range", "numbness_up", "tingling_up")
# "Under about 700 characters" (PRODUCT.md): the message trims its reasons towards MESSAGE_LIMIT, and the rarest
# combinations (a long name, the longest numbers, a foot on seated work and a flag waiting) may pass it by this much.
ABOUT = 20
EMERGENCY_WORDS = ("emergency", "urgent care", "Watch for", "bladder", "saddle", "chest")


def a_week(pains=(2, 2, 2, 2, 2, 2, 2), **extra) -> WeekFacts:
    checkins = tuple(DayScores(SUN + timedelta(days=i), pain, 1, 1, 1) for i, pain in enumerate(pains))
    sessions = tuple(SessionEntry(SUN + timedelta(days=i), "done", 5, 1, "more") for i in (1, 3, 5))
    return WeekFacts(first=SUN, last=SUN + timedelta(days=6), checkins=checkins, sessions=sessions,
                     planned_sessions=3, **extra)


def usual(pain: float) -> Baseline:
    return Baseline(pain=pain, numbness=1, tingling=1, balance=1, checkins=14, basis="your first 14 check-ins")


def message(facts: WeekFacts, baseline: Baseline | None = None, *, condition: str | None = "peripheral",
            name: str = "Ann", recent: int | None = 7) -> tuple[str, Review]:
    result = review(facts, baseline, STARTER_PROGRAM)
    return compose(first_name=name, facts=facts, baseline=baseline, review=result, can_apply=True,
                   condition=condition, recent_checkins=recent), result


@settings(max_examples=300, deadline=None)
@given(weeks(), programs(), st.sampled_from(CONDITIONS), st.text(min_size=0, max_size=64),
       st.lists(st.sampled_from(REAL_KINDS), max_size=2), st.integers(0, 30))
def test_every_message_is_short_with_one_clinician_prompt_last_and_no_rule_names(week_and_baseline, program,
                                                                                 condition, name, flags, recent):
    facts, baseline = week_and_baseline
    facts = facts._replace(red_flags=tuple(flags) or facts.red_flags)
    result = review(facts, baseline, program)
    text = compose(first_name=name, facts=facts, baseline=baseline, review=result, can_apply=True,
                   condition=condition, recent_checkins=recent)
    # A second kind of red flag in one week adds its one instruction; nothing else may go past the limit.
    signs = week_signs(red_flags=facts.red_flags, condition=condition, far_above_usual=False)
    extra = sum(sorted(len(line) + 1 for line in signs)[1:])
    assert len(text) <= MESSAGE_LIMIT + ABOUT + extra, (len(text), text)
    for forced in (result, *(result._replace(decision=Decision(kind, result.decision.reasons,
                                                               result.decision.rules)) for kind in DECISIONS)):
        text = compose(first_name=name, facts=facts, baseline=baseline, review=forced, can_apply=True,
                       condition=condition, recent_checkins=recent)
        assert text.endswith("\n\n" + clinician_prompt(forced.decision.kind))
        assert text.count("talk this through with your clinician") == 1
        assert not any(rule in text for rule in RULE_NAMES), text


def test_a_calm_week_names_no_emergency_signs():
    text, result = message(a_week(), usual(2))
    assert result.decision.kind == "progress"
    assert not any(word in text for word in EMERGENCY_WORDS)


def test_a_foot_wound_week_gives_the_foot_instruction_and_nothing_about_bladder_or_chest():
    """The demo's week: a blister reported on Saturday, a diabetic participant."""
    text, result = message(a_week((3, 4, 3, 3, 3, 3, 2), red_flags=("foot_wound",), foot_care=True),
                           condition="diabetic", recent=7)
    assert result.decision.kind == SEE_CLINICIAN
    assert SIGNS["foot_wound"] in text
    assert not any(word in text for word in ("bladder", "saddle", "chest", "fainting", "Watch for"))
    assert text.lower().count("seated") == 1, "the foot instruction once, not again as a reminder"
    assert text.count("talk this through with your clinician") == 1 and text.endswith(clinician_prompt(SEE_CLINICIAN))
    assert len(text) <= MESSAGE_LIMIT


@pytest.mark.parametrize(("condition", "present", "absent"), [
    ("radiculopathy", ("bladder or bowel", "groin or saddle"), ("foot", "weakness")),
    ("diabetic", ("foot wound",), ("bladder", "weakness")),
    ("peripheral", ("weakness",), ("bladder", "foot wound")),
    (None, ("weakness",), ("bladder", "foot wound")),
])
def test_pain_far_above_the_usual_names_the_signs_of_the_participants_condition(condition, present, absent):
    text, result = message(a_week((6, 6, 6, 5, 5, 5, 5)), usual(2), condition=condition)
    assert result.decision.rules[0] == "pain_far_above_baseline"
    assert "Watch for:" in text
    for words in present:
        assert words in text
    for words in absent:
        assert words not in text


def test_an_urgent_flag_names_its_own_instruction_only():
    text, _ = message(a_week(red_flags=("chest_pain",)), usual(2), condition="radiculopathy")
    assert SIGNS["chest_pain"] in text
    assert "bladder" not in text and "foot" not in text


def test_a_first_week_with_seven_check_ins_promises_the_usual_level_next_week():
    text, _ = message(a_week(), None, recent=7)
    assert "Check-ins 7 of 7 days" in text
    assert "Next week I can compare with your usual level." in text
    assert "needs" not in text
    fewer, _ = message(a_week((2, 2, 2, 2)), None, recent=4)
    assert "Usual level: 3 more check-ins to go." in fewer


def test_a_week_joined_midway_counts_its_days_from_joining():
    joined = SUN + timedelta(days=3)
    facts = a_week()._replace(checkins=tuple(c for c in a_week().checkins if c.day >= joined), since=joined)
    text, _ = message(facts, None, recent=4)
    assert "Check-ins 4 of 4 days" in text
