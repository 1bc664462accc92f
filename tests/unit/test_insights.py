"""Insights from a participant's own entries: shown only with at least 3 days on each side, with the counts, the
right sign on a constructed history, and in words that claim a pattern, never proof."""

from __future__ import annotations

from datetime import date, timedelta

from coach.domain.insights import MIN_DAYS_EACH_SIDE, for_clinician, for_participant, insights
from coach.domain.progression import DayScores

LAST = date(2026, 11, 28)
FIRST = LAST - timedelta(days=27)


def history(pain_after_session: int, pain_after_rest: int, *, session_every: int = 2, skip=()) -> tuple:
    """28 days of check-ins; sessions every `session_every` days; the day after a session scores
    `pain_after_session`, any other day `pain_after_rest`."""
    sessions = [FIRST + timedelta(days=i) for i in range(0, 28, session_every)]
    checkins = []
    for i in range(28):
        day = FIRST + timedelta(days=i)
        if day in skip:
            continue
        pain = pain_after_session if day - timedelta(days=1) in sessions else pain_after_rest
        checkins.append(DayScores(day, pain, pain - 1, pain, 1))
    return checkins, sessions


def test_pain_higher_the_day_after_sessions_reads_higher_with_the_counts():
    checkins, sessions = history(5, 2)
    found = insights(checkins, sessions, last=LAST)
    pain = found.comparisons[0]
    assert (pain.item, pain.after_sessions, pain.after_rest, pain.direction) == ("pain", 5, 2, "higher")
    assert (found.session_days, found.rest_days) == (14, 13)  # the window's first day has no day before it
    lines = for_participant(found)
    assert lines[0] == "What your entries show over 4 weeks — a pattern in your entries, not proof:"
    assert "The day after a session (14 days) against after a rest day (13 days): pain 5 vs 2" in lines[1]
    assert "Pain was higher after sessions." in lines[1]


def test_pain_lower_after_sessions_reads_lower_and_small_differences_read_the_same():
    checkins, sessions = history(2, 4)
    assert insights(checkins, sessions, last=LAST).comparisons[0].direction == "lower"
    checkins, sessions = history(3, 3)
    found = insights(checkins, sessions, last=LAST)
    assert found.comparisons[0].difference == 0 and "Pain was about the same either way." in for_participant(found)[1]


def test_fewer_than_three_days_on_a_side_compares_nothing_and_says_why_to_the_clinician():
    checkins, _ = history(5, 2)
    two_sessions = [FIRST + timedelta(days=3), FIRST + timedelta(days=10)]
    found = insights(checkins, two_sessions, last=LAST)
    assert found.session_days == 2 < MIN_DAYS_EACH_SIDE and found.comparisons == ()
    clinician = for_clinician(found)
    assert "not compared — at least 3 days on each side are needed (there were 2 and 25)" in clinician[0]
    # a session day whose next day has no check-in does not count
    three = [*two_sessions, FIRST + timedelta(days=20)]
    checkins_without = [c for c in checkins if c.day != FIRST + timedelta(days=21)]
    assert insights(checkins_without, three, last=LAST).session_days == 2
    assert insights(checkins, three, last=LAST).session_days == 3


def test_the_four_week_trend_needs_three_check_ins_in_the_first_and_last_week():
    rising = [DayScores(FIRST + timedelta(days=i), 2 + i // 7, 1, 1, 1) for i in range(28)]
    found = insights(rising, [], last=LAST)
    assert [w.pain for w in found.weeks] == [2, 3, 4, 5] and found.trend == "rising"
    assert "• Pain by week: 2 → 3 → 4 → 5 — rising." in for_participant(found)
    sparse = [c for c in rising if c.day >= FIRST + timedelta(days=5)]  # 2 check-ins in the first week
    assert insights(sparse, [], last=LAST).trend is None
    assert for_participant(insights(sparse, [], last=LAST)) == [], "nothing to show: no session days, no trend"
    easing = [c._replace(pain=9 - c.pain) for c in rising]
    assert insights(easing, [], last=LAST).trend == "easing"


def test_the_words_never_claim_cause():
    checkins, sessions = history(6, 2)
    text = " ".join(for_participant(insights(checkins, sessions, last=LAST)) +
                    for_clinician(insights(checkins, sessions, last=LAST)))
    assert "not proof" in text and "not evidence of cause" in text
    for claim in ("because", "causes", "caused", "proves", "due to"):
        assert claim not in text
