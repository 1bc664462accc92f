"""Typing, showing and storing schedule days and times (coach.domain.schedule)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.schedule import (
    DEFAULT_CHECKIN_TIME,
    DEFAULT_REVIEW_DAY,
    DEFAULT_REVIEW_TIME,
    DEFAULT_SESSION_DAYS,
    DEFAULT_SESSION_TIME,
    WEEKDAYS,
    decode_weekdays,
    encode_weekdays,
    format_hhmm,
    format_weekdays,
    parse_hhmm,
    parse_weekdays,
)

# --------------------------------------------------------------------------------------
# Defaults
# --------------------------------------------------------------------------------------


def test_weekday_names_follow_date_weekday():
    """WEEKDAYS[d.weekday()] names the day of any date, Monday first."""
    monday = date(2025, 1, 6)
    for offset in range(7):
        day = monday + timedelta(days=offset)
        assert WEEKDAYS[day.weekday()] == day.strftime("%a").lower()


def test_defaults():
    """By default: sessions Mon/Wed/Fri at 18:00, check-in at 20:00, review Sunday 19:00."""
    assert format_weekdays(DEFAULT_SESSION_DAYS) == "Mon, Wed, Fri"
    assert format_hhmm(DEFAULT_SESSION_TIME) == "18:00"
    assert format_hhmm(DEFAULT_CHECKIN_TIME) == "20:00"
    assert WEEKDAYS[DEFAULT_REVIEW_DAY] == "sun"
    assert format_hhmm(DEFAULT_REVIEW_TIME) == "19:00"


# --------------------------------------------------------------------------------------
# Times
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20:00", time(20, 0)),
        ("8:30", time(8, 30)),
        ("08:30", time(8, 30)),
        ("  8:30 ", time(8, 30)),
        ("0:00", time(0, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("8pm", time(20, 0)),
        ("8 PM", time(20, 0)),
        ("8:30am", time(8, 30)),
        ("8:30 a.m.", time(8, 30)),
        ("8:30 p.m.", time(20, 30)),
        ("12am", time(0, 0)),
        ("12:15 am", time(0, 15)),
        ("12pm", time(12, 0)),
        ("11:59 PM", time(23, 59)),
        ("noon", time(12, 0)),
        ("Midnight", time(0, 0)),
    ],
)
def test_parse_hhmm_accepts_clock_times(text, expected):
    """H:MM, HH:MM and 12-hour times with am/pm parse to a wall-clock time."""
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "25:00",
        "24:00",
        "12:60",
        "23:5",
        "8",
        "20",
        "0830",
        "2000",
        "20:00:00",
        "20.00",
        "-1:00",
        "13pm",
        "0am",
        "12:60pm",
        "8 o'clock",
        "eight",
        "８:３０",  # full-width digits
        "20:00 tomorrow",
        "8:30" * 50,
    ],
)
def test_parse_hhmm_rejects_everything_else(text):
    """Out-of-range, bare, four-digit and wordy times are rejected with None."""
    assert parse_hhmm(text) is None


@pytest.mark.parametrize(
    ("t", "text"),
    [(time(8, 30), "08:30"), (time(0, 0), "00:00"), (time(23, 59), "23:59"), (time(18), "18:00")],
)
def test_format_hhmm_is_zero_padded_24_hour(t, text):
    """Times show as zero-padded HH:MM on the 24-hour clock."""
    assert format_hhmm(t) == text


def test_every_formatted_time_parses_back():
    """format_hhmm and parse_hhmm round-trip for every minute of the day."""
    for minutes in range(24 * 60):
        t = time(minutes // 60, minutes % 60)
        assert parse_hhmm(format_hhmm(t)) == t


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_parse_hhmm_never_raises(text):
    """Any text gives a time or None."""
    result = parse_hhmm(text)
    assert result is None or isinstance(result, time)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\s*[0-9]{1,3}(:[0-9]{1,3})?\s*([aApP]\.?\s*[mM]\.?)?\s*", fullmatch=True))
def test_parse_hhmm_never_raises_on_time_like_text(text):
    """Time-like text with any digits gives a valid time or None, never an error."""
    result = parse_hhmm(text)
    assert result is None or isinstance(result, time)


# --------------------------------------------------------------------------------------
# Weekdays
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon,wed,fri", (0, 2, 4)),
        ("mon wed fri", (0, 2, 4)),
        ("Mon, Wed, Fri", (0, 2, 4)),
        ("fri, mon, wed", (0, 2, 4)),
        ("Monday, Wednesday", (0, 2)),
        ("monday and thursday", (0, 3)),
        ("Tue. & Thu.", (1, 3)),
        ("tues/thurs", (1, 3)),
        ("weds", (2,)),
        ("sun", (6,)),
        ("sun, sun, SUN", (6,)),
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("Mon - Fri", (0, 1, 2, 3, 4)),
        ("monday to friday", (0, 1, 2, 3, 4)),
        ("tue–thu", (1, 2, 3)),
        ("fri-mon", (0, 4, 5, 6)),
        ("sat-sun, wed", (2, 5, 6)),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("weekends", (5, 6)),
        ("weekdays, sun", (0, 1, 2, 3, 4, 6)),
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
        ("every day", (0, 1, 2, 3, 4, 5, 6)),
        ("Everyday", (0, 1, 2, 3, 4, 5, 6)),
        ("mon,,wed", (0, 2)),
    ],
)
def test_parse_weekdays_accepts_lists_ranges_and_words(text, expected):
    """Lists, ranges, full names and words like "weekdays" give sorted unique days."""
    assert parse_weekdays(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        ",",
        "funday",
        "mon, funday",
        "m",
        "monday-",
        "-fri",
        "mon-wed-fri",
        "weekdays-sun",
        "1,3,5",
        "mon 18:00",
        "tomorrow",
        "mon," * 40,
    ],
)
def test_parse_weekdays_rejects_anything_not_a_day(text):
    """Empty text, or any part that isn't a day, gives None."""
    assert parse_weekdays(text) is None


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_parse_weekdays_never_raises(text):
    """Any text gives None or a sorted, unique, non-empty tuple of weekday numbers."""
    result = parse_weekdays(text)
    if result is not None:
        assert result and list(result) == sorted(set(result))
        assert all(0 <= day <= 6 for day in result)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["mon", "Tuesday", "weds", "-", ",", " ", "and", "to", "daily", "x"]),
        max_size=8,
    ).map("".join)
)
def test_parse_weekdays_never_raises_on_day_like_text(text):
    """Text built from day-like pieces gives None or valid weekday numbers."""
    result = parse_weekdays(text)
    assert result is None or all(0 <= day <= 6 for day in result)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ((0, 2, 4), "Mon, Wed, Fri"),
        ([4, 0, 2, 2], "Mon, Wed, Fri"),
        (range(7), "Mon, Tue, Wed, Thu, Fri, Sat, Sun"),
        ((6,), "Sun"),
        ((), ""),
    ],
)
def test_format_weekdays_lists_short_names_in_order(days, text):
    """Days show as sorted, unique short names joined by commas."""
    assert format_weekdays(days) == text


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(0, 6), min_size=1))
def test_formatted_weekdays_parse_back(days):
    """Whatever format_weekdays shows, parse_weekdays reads back as the same days."""
    assert parse_weekdays(format_weekdays(days)) == tuple(sorted(days))


@pytest.mark.parametrize(
    ("days", "stored"),
    [
        ((0, 2, 4), "0,2,4"),
        ([4, 2, 0, 0], "0,2,4"),
        ((6,), "6"),
        ((), ""),
        (range(7), "0,1,2,3,4,5,6"),
    ],
)
def test_encode_weekdays_stores_sorted_numbers(days, stored):
    """The storage form is the sorted, unique weekday numbers joined by commas."""
    assert encode_weekdays(days) == stored


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(0, 6)))
def test_stored_weekdays_decode_back(days):
    """decode_weekdays reads back exactly what encode_weekdays stored."""
    assert decode_weekdays(encode_weekdays(days)) == tuple(sorted(days))


@pytest.mark.parametrize(
    ("stored", "days"), [("0,2,4", (0, 2, 4)), (" 0, 2 ,4 ", (0, 2, 4)), ("", ())]
)
def test_decode_weekdays_tolerates_spacing(stored, days):
    """Stored lists decode with or without spaces; the empty string is no days."""
    assert decode_weekdays(stored) == days


@pytest.mark.parametrize("stored", ["7", "0,7", "-1", "mon", "0,,2", "0;2", "1.0", "٣"])
def test_decode_weekdays_rejects_corrupt_storage(stored):
    """Anything encode_weekdays couldn't have written raises ValueError."""
    with pytest.raises(ValueError):
        decode_weekdays(stored)


@pytest.mark.parametrize("days", [(7,), (-1,), (0, 8), (True,), ("1",), (1.0,)])
@pytest.mark.parametrize("function", [format_weekdays, encode_weekdays])
def test_non_weekdays_are_refused_when_formatting_or_encoding(function, days):
    """Only the integers 0–6 are weekdays; anything else raises ValueError."""
    with pytest.raises(ValueError):
        function(days)
