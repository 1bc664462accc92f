"""`/log` lines and the follow-up time: what is read, what is refused and why."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.schedule import follow_up_time
from coach.domain.sessions import SessionReport, describe, next_question, parse_log
from coach.domain.symptoms import ParseFailure

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(("text", "expected"), [
    ("done", SessionReport(TODAY, "done")),
    ("done rpe 6 pain 3 reps more", SessionReport(TODAY, "done", 6, 3, "more")),
    ("Partly, effort 7, pain 0, reps as planned", SessionReport(TODAY, "partly", 7, 0, "planned")),
    ("skipped", SessionReport(TODAY, "skipped")),
    ("yesterday done rpe 5", SessionReport(date(2026, 11, 24), "done", 5)),
    ("2026-11-18 skipped", SessionReport(date(2026, 11, 18), "skipped")),
    ("mon done reps fewer", SessionReport(date(2026, 11, 23), "done", reps="fewer")),
    ("DONE RPE 10 PAIN 10 REPS 2+", SessionReport(TODAY, "done", 10, 10, "more")),
    ("done pain 2 rpe 4", SessionReport(TODAY, "done", 4, 2)),
])
def test_readable_lines(text, expected):
    assert parse_log(text, today=TODAY) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("", "How did today's session go?"),
    ("went well", "start with done, partly or skipped"),
    ("done rpe 11", "whole number from 0 to 10"),
    ("done rpe -1", "whole number from 0 to 10"),
    ("done rpe 6.5", "whole number from 0 to 10"),
    ("done pain", "needs a value"),
    ("done reps lots", "fewer, planned or more"),
    ("done rpe 3 rpe 4", "given twice"),
    ("skipped pain 3", "no effort, pain or reps"),
    ("2026-11-17 done", "more than 7 days ago"),
    ("tomorrow done", "in the future"),
    ("2026-13-01 done", "couldn't read the date"),
    ("done " + "x" * 2000, "too long"),
])
def test_unreadable_lines_say_what_was_wrong(text, reason):
    result = parse_log(text, today=TODAY)
    assert isinstance(result, ParseFailure) and reason in result.reason


@given(st.text(max_size=200))
def test_never_raises(text):
    assert isinstance(parse_log(text, today=TODAY), SessionReport | ParseFailure)


def test_questions_come_in_order_and_skipped_has_none():
    assert next_question("done", {}) == "rpe"
    assert next_question("partly", {"rpe": 5}) == "pain"
    assert next_question("done", {"rpe": 5, "pain": 0}) == "reps"
    assert next_question("done", {"rpe": 5, "pain": 0, "reps": "more"}) is None
    assert next_question("skipped", {}) is None


def test_describe_names_each_part():
    assert describe(TODAY, "done", rpe=6, pain=0, reps="planned") == \
        "Wed 25 Nov: done · effort 6 · pain during 0 · reps as planned"


@pytest.mark.parametrize(("checkin", "follow_up"), [
    (time(8, 0), time(11, 0)),    # three hours later
    (time(19, 0), time(22, 0)),
    (time(20, 0), time(22, 0)),   # capped at 22:00: never a late-night nudge
    (time(21, 0), time(22, 0)),   # still an hour after the reminder
    (time(21, 1), None),          # no room left that evening
    (time(23, 30), None),
])
def test_follow_up_is_a_few_hours_later_but_never_late_at_night(checkin, follow_up):
    assert follow_up_time(checkin) == follow_up
