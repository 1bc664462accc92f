"""When schedule occurrences fall (DST-correct) and typed schedule changes (coach.domain.schedule)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.schedule import (
    ScheduleChange,
    ScheduleChangeError,
    local_occurrence,
    parse_schedule_change,
)

# --------------------------------------------------------------------------------------
# local_occurrence: a hand-checked table
# --------------------------------------------------------------------------------------
#
# Offsets used below (tz database, 2026):
#   Europe/Berlin        CET +01:00, CEST +02:00. Spring: Sun 2026-03-29 02:00 CET -> 03:00 CEST
#                        (02:00-02:59 never happens). Autumn: Sun 2026-10-25 03:00 CEST -> 02:00 CET
#                        (02:00-02:59 happens twice; the first time is CEST).
#   America/New_York     EST -05:00, EDT -04:00. Spring: Sun 2026-03-08 02:00 EST -> 03:00 EDT.
#                        Autumn: Sun 2026-11-01 02:00 EDT -> 01:00 EST (01:00-01:59 happens twice;
#                        02:00 itself then happens once, in EST).
#   Asia/Kolkata         IST +05:30 all year.
#   Australia/Lord_Howe  +10:30 standard, +11:00 summer. Spring: Sun 2026-10-04 02:00 -> 02:30
#                        (02:00-02:29 never happens). Autumn: Sun 2026-04-05 02:00 -> 01:30
#                        (01:30-01:59 happens twice; the first time is +11:00).
#   Pacific/Chatham      +12:45 standard, +13:45 summer. Spring: Sun 2026-09-27 02:45 -> 03:45.
#   America/Sao_Paulo    -03:00 all year (no DST since 2019).


BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
KOLKATA = "Asia/Kolkata"
LORD_HOWE = "Australia/Lord_Howe"
CHATHAM = "Pacific/Chatham"
SAO_PAULO = "America/Sao_Paulo"

_case = pytest.param


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


OCCURRENCE_CASES = [
    # Europe/Berlin, spring forward on 2026-03-29
    _case(date(2026, 3, 28), time(2, 30), BERLIN, _utc(2026, 3, 28, 1, 30), id="berlin-day-before-spring"),
    _case(date(2026, 3, 29), time(0, 0), BERLIN, _utc(2026, 3, 28, 23, 0), id="berlin-spring-midnight"),
    _case(date(2026, 3, 29), time(1, 59), BERLIN, _utc(2026, 3, 29, 0, 59), id="berlin-spring-before-gap"),
    _case(date(2026, 3, 29), time(2, 0), BERLIN, _utc(2026, 3, 29, 1, 0), id="berlin-spring-gap-start"),
    _case(date(2026, 3, 29), time(2, 30), BERLIN, _utc(2026, 3, 29, 1, 0), id="berlin-spring-in-gap"),
    _case(date(2026, 3, 29), time(2, 59), BERLIN, _utc(2026, 3, 29, 1, 0), id="berlin-spring-gap-end"),
    _case(date(2026, 3, 29), time(3, 0), BERLIN, _utc(2026, 3, 29, 1, 0), id="berlin-spring-after-gap"),
    _case(date(2026, 3, 29), time(23, 59), BERLIN, _utc(2026, 3, 29, 21, 59), id="berlin-spring-2359"),
    _case(date(2026, 3, 30), time(2, 30), BERLIN, _utc(2026, 3, 30, 0, 30), id="berlin-day-after-spring"),
    # Europe/Berlin, fall back on 2026-10-25
    _case(date(2026, 10, 24), time(2, 30), BERLIN, _utc(2026, 10, 24, 0, 30), id="berlin-day-before-autumn"),
    _case(date(2026, 10, 25), time(0, 0), BERLIN, _utc(2026, 10, 24, 22, 0), id="berlin-autumn-midnight"),
    _case(date(2026, 10, 25), time(1, 59), BERLIN, _utc(2026, 10, 24, 23, 59), id="berlin-autumn-before-overlap"),
    _case(date(2026, 10, 25), time(2, 0), BERLIN, _utc(2026, 10, 25, 0, 0), id="berlin-autumn-overlap-start"),
    _case(date(2026, 10, 25), time(2, 30), BERLIN, _utc(2026, 10, 25, 0, 30), id="berlin-autumn-in-overlap"),
    _case(date(2026, 10, 25), time(2, 59), BERLIN, _utc(2026, 10, 25, 0, 59), id="berlin-autumn-overlap-end"),
    _case(date(2026, 10, 25), time(3, 0), BERLIN, _utc(2026, 10, 25, 2, 0), id="berlin-autumn-after-overlap"),
    _case(date(2026, 10, 26), time(2, 30), BERLIN, _utc(2026, 10, 26, 1, 30), id="berlin-day-after-autumn"),
    # America/New_York, spring forward on 2026-03-08
    _case(date(2026, 3, 7), time(2, 30), NEW_YORK, _utc(2026, 3, 7, 7, 30), id="ny-day-before-spring"),
    _case(date(2026, 3, 8), time(1, 59), NEW_YORK, _utc(2026, 3, 8, 6, 59), id="ny-spring-before-gap"),
    _case(date(2026, 3, 8), time(2, 30), NEW_YORK, _utc(2026, 3, 8, 7, 0), id="ny-spring-in-gap"),
    _case(date(2026, 3, 8), time(3, 0), NEW_YORK, _utc(2026, 3, 8, 7, 0), id="ny-spring-after-gap"),
    _case(date(2026, 3, 9), time(2, 30), NEW_YORK, _utc(2026, 3, 9, 6, 30), id="ny-day-after-spring"),
    # America/New_York, fall back on 2026-11-01
    _case(date(2026, 11, 1), time(0, 0), NEW_YORK, _utc(2026, 11, 1, 4, 0), id="ny-autumn-midnight"),
    _case(date(2026, 11, 1), time(0, 59), NEW_YORK, _utc(2026, 11, 1, 4, 59), id="ny-autumn-before-overlap"),
    _case(date(2026, 11, 1), time(1, 0), NEW_YORK, _utc(2026, 11, 1, 5, 0), id="ny-autumn-overlap-start"),
    _case(date(2026, 11, 1), time(1, 30), NEW_YORK, _utc(2026, 11, 1, 5, 30), id="ny-autumn-in-overlap"),
    _case(date(2026, 11, 1), time(2, 0), NEW_YORK, _utc(2026, 11, 1, 7, 0), id="ny-autumn-0200-once-est"),
    _case(date(2026, 11, 1), time(23, 59), NEW_YORK, _utc(2026, 11, 2, 4, 59), id="ny-autumn-2359"),
    _case(date(2026, 10, 31), time(1, 30), NEW_YORK, _utc(2026, 10, 31, 5, 30), id="ny-day-before-autumn"),
    _case(date(2026, 11, 2), time(1, 30), NEW_YORK, _utc(2026, 11, 2, 6, 30), id="ny-day-after-autumn"),
    # Asia/Kolkata: +05:30, no DST
    _case(date(2026, 6, 15), time(18, 0), KOLKATA, _utc(2026, 6, 15, 12, 30), id="kolkata-1800"),
    _case(date(2026, 1, 1), time(0, 0), KOLKATA, _utc(2025, 12, 31, 18, 30), id="kolkata-midnight-new-year"),
    _case(date(2026, 12, 31), time(23, 59), KOLKATA, _utc(2026, 12, 31, 18, 29), id="kolkata-2359"),
    _case(date(2026, 3, 29), time(2, 30), KOLKATA, _utc(2026, 3, 28, 21, 0), id="kolkata-on-eu-dst-day"),
    # Australia/Lord_Howe: 30-minute DST. Spring (2026-10-04): 02:00 -> 02:30.
    _case(date(2026, 10, 4), time(1, 59), LORD_HOWE, _utc(2026, 10, 3, 15, 29), id="lhi-spring-before-gap"),
    _case(date(2026, 10, 4), time(2, 0), LORD_HOWE, _utc(2026, 10, 3, 15, 30), id="lhi-spring-gap-start"),
    _case(date(2026, 10, 4), time(2, 15), LORD_HOWE, _utc(2026, 10, 3, 15, 30), id="lhi-spring-in-gap"),
    _case(date(2026, 10, 4), time(2, 30), LORD_HOWE, _utc(2026, 10, 3, 15, 30), id="lhi-spring-after-gap"),
    _case(date(2026, 10, 4), time(3, 0), LORD_HOWE, _utc(2026, 10, 3, 16, 0), id="lhi-spring-0300"),
    # Australia/Lord_Howe, autumn (2026-04-05): 02:00 -> 01:30.
    _case(date(2026, 4, 5), time(1, 29), LORD_HOWE, _utc(2026, 4, 4, 14, 29), id="lhi-autumn-before-overlap"),
    _case(date(2026, 4, 5), time(1, 30), LORD_HOWE, _utc(2026, 4, 4, 14, 30), id="lhi-autumn-overlap-start"),
    _case(date(2026, 4, 5), time(1, 45), LORD_HOWE, _utc(2026, 4, 4, 14, 45), id="lhi-autumn-in-overlap"),
    _case(date(2026, 4, 5), time(2, 0), LORD_HOWE, _utc(2026, 4, 4, 15, 30), id="lhi-autumn-after-overlap"),
    _case(date(2026, 4, 5), time(0, 0), LORD_HOWE, _utc(2026, 4, 4, 13, 0), id="lhi-autumn-midnight"),
    # Pacific/Chatham: spring (2026-09-27) 02:45 -> 03:45, a one-hour gap at a quarter-hour offset.
    _case(date(2026, 9, 27), time(3, 0), CHATHAM, _utc(2026, 9, 26, 14, 0), id="chatham-spring-in-gap"),
    _case(date(2026, 9, 27), time(2, 44), CHATHAM, _utc(2026, 9, 26, 13, 59), id="chatham-spring-before-gap"),
    # America/Sao_Paulo: -03:00, no DST
    _case(date(2026, 1, 15), time(8, 0), SAO_PAULO, _utc(2026, 1, 15, 11, 0), id="sao-paulo-0800"),
    # UTC itself
    _case(date(2026, 6, 15), time(9, 15), "UTC", _utc(2026, 6, 15, 9, 15), id="utc-normal-day"),
    _case(date(2026, 6, 15), time(0, 0), "UTC", _utc(2026, 6, 15, 0, 0), id="utc-midnight"),
    _case(date(2026, 6, 15), time(23, 59), "UTC", _utc(2026, 6, 15, 23, 59), id="utc-2359"),
]


@pytest.mark.parametrize(("day", "at", "zone", "expected"), OCCURRENCE_CASES)
def test_local_occurrence_table(day: date, at: time, zone: str, expected: datetime):
    """The occurrence is the hand-checked UTC instant, with gaps moved forward and overlaps taking the first."""
    result = local_occurrence(day, at, zone)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


def test_local_occurrence_returns_utc_tzinfo():
    """The result carries the UTC tzinfo itself, not just a zero offset."""
    assert local_occurrence(date(2026, 3, 29), time(2, 30), "Europe/Berlin").tzinfo is UTC


# --------------------------------------------------------------------------------------
# local_occurrence: properties
# --------------------------------------------------------------------------------------

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "UTC",
    "America/Sao_Paulo",
    "Pacific/Chatham",
]

_dates = st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31))
_times = st.times()
_minute_times = st.builds(time, st.integers(0, 23), st.integers(0, 59))
_zones = st.sampled_from(ZONES)


@settings(max_examples=400, deadline=None)
@given(day=_dates, at=_times, zone=_zones)
def test_occurrence_is_aware_utc_on_the_same_local_date(day: date, at: time, zone: str):
    """The occurrence is an aware UTC instant that falls on the requested local date."""
    result = local_occurrence(day, at, zone)
    assert result.tzinfo is not None
    assert result.utcoffset() == timedelta(0)
    assert result.astimezone(ZoneInfo(zone)).date() == day


@settings(max_examples=400, deadline=None)
@given(day=_dates, at=_times, zone=_zones)
def test_occurrence_shows_the_time_or_at_most_two_hours_later(day: date, at: time, zone: str):
    """The wall clock at the occurrence shows the requested time, or (in a gap) a time less than 2 hours later."""
    shown = local_occurrence(day, at, zone).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    wanted = datetime.combine(day, at)
    assert shown >= wanted
    if shown != wanted:
        assert shown - wanted <= timedelta(hours=2)


@settings(max_examples=400, deadline=None)
@given(day=_dates, at=_minute_times, zone=_zones)
def test_consecutive_daily_occurrences_are_22_to_26_hours_apart(day: date, at: time, zone: str):
    """A daily time's occurrences on consecutive days are 22–26 hours apart, so none is skipped or doubled."""
    today = local_occurrence(day, at, zone)
    tomorrow = local_occurrence(day + timedelta(days=1), at, zone)
    assert timedelta(hours=22) <= tomorrow - today <= timedelta(hours=26)


@pytest.mark.parametrize("zone", ZONES)
def test_every_minute_of_transition_days_fires_once_per_day(zone: str):
    """Across all of 2026, every minute of every day yields an instant 22–26 hours after the day before's."""
    tz = ZoneInfo(zone)
    # Only the days around an offset change are interesting; find them from the zone itself.
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    offsets = [datetime.combine(d, time(0), tz).utcoffset() for d in [*days, days[-1] + timedelta(days=1)]]
    changes = [d for d, before, after in zip(days, offsets, offsets[1:], strict=False) if before != after]
    for change in changes:
        for day in (change, change + timedelta(days=1)):
            for minute in range(0, 24 * 60, 5):
                at = time(minute // 60, minute % 60)
                gap = local_occurrence(day, at, zone) - local_occurrence(day - timedelta(days=1), at, zone)
                assert timedelta(hours=22) <= gap <= timedelta(hours=26), (zone, day, at)


# --------------------------------------------------------------------------------------
# parse_schedule_change: accepted
# --------------------------------------------------------------------------------------

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("checkin 20:00", ScheduleChange("checkin", time(20, 0)), id="checkin-24h"),
        pytest.param("checkin 8pm", ScheduleChange("checkin", time(20, 0)), id="checkin-8pm"),
        pytest.param("checkin 8 pm", ScheduleChange("checkin", time(20, 0)), id="checkin-8-space-pm"),
        pytest.param("checkin 7:45", ScheduleChange("checkin", time(7, 45)), id="checkin-single-digit-hour"),
        pytest.param("Check-in 21:30", ScheduleChange("checkin", time(21, 30)), id="check-in-hyphen-capital"),
        pytest.param("CHECKIN noon", ScheduleChange("checkin", time(12, 0)), id="checkin-noon-upper"),
        pytest.param("  checkin   20:00  ", ScheduleChange("checkin", time(20, 0)), id="checkin-extra-spaces"),
        pytest.param("checkin 12am", ScheduleChange("checkin", time(0, 0)), id="checkin-12am-midnight"),
        pytest.param(
            "sessions mon,wed,fri 18:00", ScheduleChange("sessions", time(18, 0), (MON, WED, FRI)), id="sessions-csv"
        ),
        pytest.param(
            "sessions Monday, Wednesday 7:30",
            ScheduleChange("sessions", time(7, 30), (MON, WED)),
            id="sessions-full-names",
        ),
        pytest.param(
            "sessions weekdays 18:00",
            ScheduleChange("sessions", time(18, 0), (MON, TUE, WED, THU, FRI)),
            id="sessions-weekdays",
        ),
        pytest.param(
            "sessions mon-fri 6:30 am",
            ScheduleChange("sessions", time(6, 30), (MON, TUE, WED, THU, FRI)),
            id="sessions-range-ampm",
        ),
        pytest.param(
            "sessions tue and thu 17:15", ScheduleChange("sessions", time(17, 15), (TUE, THU)), id="sessions-and"
        ),
        pytest.param(
            "sessions sat sun 10:00", ScheduleChange("sessions", time(10, 0), (SAT, SUN)), id="sessions-spaces"
        ),
        pytest.param(
            "sessions fri,mon,fri 18:00", ScheduleChange("sessions", time(18, 0), (MON, FRI)), id="sessions-unique"
        ),
        pytest.param("session tue 18:00", ScheduleChange("sessions", time(18, 0), (TUE,)), id="session-singular"),
        pytest.param("training thu 19:00", ScheduleChange("sessions", time(19, 0), (THU,)), id="training-alias"),
        pytest.param("review sun 19:00", ScheduleChange("review", time(19, 0), (SUN,)), id="review-sun"),
        pytest.param("Review Saturday 9am", ScheduleChange("review", time(9, 0), (SAT,)), id="review-saturday-9am"),
    ],
)
def test_parse_schedule_change_accepts(text: str, expected: ScheduleChange):
    """A well-formed change is read into the part, the time and (for sessions and review) the days."""
    assert parse_schedule_change(text) == expected


# --------------------------------------------------------------------------------------
# parse_schedule_change: refused
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        pytest.param("lunch 12:00", "lunch", id="unknown-part"),
        pytest.param("weigh-in mon 08:00", "weigh-in", id="unknown-part-with-days"),
        pytest.param("checkin", "time", id="checkin-no-time"),
        pytest.param("sessions mon,wed,fri", "time", id="sessions-no-time"),
        pytest.param("review sun", "time", id="review-no-time"),
        pytest.param("checkin 25:00", "time", id="bad-hour"),
        pytest.param("checkin 20:60", "time", id="bad-minute"),
        pytest.param("sessions mon 13pm", "time", id="bad-12h-hour"),
        pytest.param("checkin 8", "time", id="bare-hour"),
        pytest.param("review sat,sun 19:00", "one day", id="review-two-days"),
        pytest.param("review weekends 19:00", "one day", id="review-group-of-days"),
        pytest.param("checkin mon 20:00", "daily", id="checkin-with-days"),
        pytest.param("sessions 18:00", "days", id="sessions-no-days"),
        pytest.param("review 19:00", "days", id="review-no-days"),
        pytest.param("sessions someday 18:00", "days", id="sessions-bad-day"),
        pytest.param("", "change", id="empty"),
        pytest.param("   \n\t ", "change", id="whitespace-only"),
        pytest.param("checkin " + "x" * 4992, "too long", id="5000-characters"),
    ],
)
def test_parse_schedule_change_refuses_with_a_helpful_sentence(text: str, mentions: str):
    """A change that can't be read is refused with a non-empty sentence saying what was wrong."""
    result = parse_schedule_change(text)
    assert isinstance(result, ScheduleChangeError), result
    reason = result.reason.strip()
    assert reason
    assert reason[0].isupper(), "should read as a sentence"
    assert re.search(r"[.?!](\s|$)", reason), "should contain at least one finished sentence"
    assert len(reason.split()) >= 4
    assert "/schedule" in reason, "should show an example of what works"
    assert mentions.lower() in reason.lower()


def test_five_thousand_characters_is_refused_quickly():
    """A 5,000-character message is exactly that long and is refused, not parsed."""
    text = "sessions " + "mon," * 1247 + " 18:00"
    assert len(text) >= 5000
    result = parse_schedule_change(text[:5000])
    assert isinstance(result, ScheduleChangeError)
    assert "too long" in result.reason.lower()


def test_refusal_for_unknown_part_quotes_it_shortly():
    """An unknown part is quoted back, cut to 30 characters so a long word can't flood the reply."""
    result = parse_schedule_change("a" * 80 + " 18:00")
    assert isinstance(result, ScheduleChangeError)
    assert "a" * 30 in result.reason
    assert "a" * 31 not in result.reason


@pytest.mark.parametrize("value", [None, 42, b"checkin 20:00", ["checkin", "20:00"]], ids=repr)
def test_parse_schedule_change_refuses_non_text(value: object):
    """Something other than a string is refused, not raised on."""
    assert isinstance(parse_schedule_change(value), ScheduleChangeError)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# parse_schedule_change: never raises
# --------------------------------------------------------------------------------------

_words = st.sampled_from(
    ["checkin", "check-in", "sessions", "session", "training", "review", "mon", "Tue,", "wed-fri", "weekdays",
     "daily", "and", "to", "8", "pm", "8pm", "18:00", "25:00", "12:60", "noon", "a.m.", "-", ",", "every", "day"]
)


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=200))
def test_parse_schedule_change_never_raises_on_any_text(text: str):
    """Arbitrary text gives a ScheduleChange or a ScheduleChangeError, never an exception."""
    result = parse_schedule_change(text)
    assert isinstance(result, ScheduleChange | ScheduleChangeError)
    if isinstance(result, ScheduleChangeError):
        assert result.reason.strip()


@settings(max_examples=500, deadline=None)
@given(words=st.lists(_words, max_size=8))
def test_parse_schedule_change_is_consistent_on_schedule_like_text(words: list[str]):
    """Near-miss schedule text never raises, and anything accepted is a well-formed change."""
    result = parse_schedule_change(" ".join(words))
    assert isinstance(result, ScheduleChange | ScheduleChangeError)
    if isinstance(result, ScheduleChange):
        assert result.part in ("checkin", "sessions", "review")
        assert isinstance(result.at, time)
        if result.part == "checkin":
            assert result.days is None
        else:
            assert result.days
            assert list(result.days) == sorted(set(result.days))
            assert all(0 <= d <= 6 for d in result.days)
            if result.part == "review":
                assert len(result.days) == 1
    else:
        assert result.reason.strip()
