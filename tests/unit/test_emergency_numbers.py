"""Emergency and crisis numbers from a participant's time zone (coach.domain.safety.numbers)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import zoneinfo
from importlib.resources import files

import pytest

from coach.domain.safety import numbers
from coach.domain.safety.numbers import (
    CRISIS_DIRECTORY,
    FALLBACK_EMERGENCY,
    EmergencyContacts,
    contacts_for_country,
    contacts_for_timezone,
    covered_countries,
)


def _table_text() -> str:
    return files("coach.domain.safety").joinpath(numbers.TABLE_FILE).read_text(encoding="utf-8")


def _table_rows() -> list[dict[str, str]]:
    lines = [line for line in _table_text().splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


# -- Where people live -> what they are told to call ------------------------------------------------

@pytest.mark.parametrize(
    ("zone", "country", "emergency", "crisis_number", "crisis_text"),
    [
        ("Europe/Berlin", "DE", "112", "0800 111 0 111", None),
        ("America/New_York", "US", "911", "988", "text 988"),
        ("America/Los_Angeles", "US", "911", "988", "text 988"),
        ("Europe/London", "GB", "999", "116 123", "text SHOUT to 85258"),
        ("Europe/Dublin", "IE", "999", "116 123", "text HELLO to 50808"),
        ("Australia/Sydney", "AU", "000", "13 11 14", None),
        ("Asia/Kolkata", "IN", "112", "14416", None),
        ("America/Toronto", "CA", "911", "988", "text 988"),
        ("America/Vancouver", "CA", "911", "988", "text 988"),
        ("America/Sao_Paulo", "BR", "192", "188", None),
        ("Europe/Zurich", "CH", "144", "143", None),
        ("Europe/Paris", "FR", "112", "3114", None),
        ("Europe/Madrid", "ES", "112", "024", None),
        ("Europe/Amsterdam", "NL", "112", "113", None),
        ("Europe/Vienna", "AT", "112", "142", None),
        ("Europe/Oslo", "NO", "113", "116 123", None),
        ("Europe/Stockholm", "SE", "112", "90101", None),
        ("Pacific/Auckland", "NZ", "111", "1737", "text 1737"),
        ("Asia/Tokyo", "JP", "119", "0120-279-338", None),
        ("Asia/Seoul", "KR", "119", "109", None),
        ("Asia/Taipei", "TW", "119", "1925", None),
        ("Asia/Hong_Kong", "HK", "999", "18111", None),
        ("Asia/Singapore", "SG", "995", "1767", "WhatsApp 9151 1767"),
        ("Africa/Johannesburg", "ZA", "10177", "0800 567 567", None),
        ("Asia/Jerusalem", "IL", "101", "1201", None),
        ("America/Santiago", "CL", "131", "*4141", None),
        ("America/Mexico_City", "MX", "911", "800 911 2000", None),
    ],
)
def test_a_participant_gets_their_countrys_emergency_and_crisis_numbers(
    zone: str, country: str, emergency: str, crisis_number: str, crisis_text: str | None
) -> None:
    contacts = contacts_for_timezone(zone)
    assert contacts.known
    assert contacts.country_code == country
    assert contacts.emergency == emergency
    assert contacts.crisis_number == crisis_number
    assert contacts.crisis_text == crisis_text
    assert contacts.crisis_name
    assert crisis_number in contacts.crisis_line


@pytest.mark.parametrize(
    ("zone", "country"),
    [("Europe/Rome", "IT"), ("Europe/Kyiv", "UA"), ("Africa/Lagos", "NG"), ("Asia/Karachi", "PK")],
)
def test_a_covered_country_without_a_confirmed_crisis_line_points_to_the_directory(zone: str, country: str) -> None:
    contacts = contacts_for_timezone(zone)
    assert contacts.known and contacts.country_code == country
    assert contacts.emergency.isdigit()
    assert contacts.crisis_number is None and contacts.crisis_name is None
    assert CRISIS_DIRECTORY in contacts.crisis_line


def test_the_crisis_line_reads_as_one_phrase_with_the_text_option() -> None:
    assert contacts_for_timezone("America/Chicago").crisis_line == "988 Suicide & Crisis Lifeline: 988 (or text 988)"
    assert contacts_for_timezone("Europe/Berlin").crisis_line == "TelefonSeelsorge: 0800 111 0 111"


# -- Old names and spellings -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Asia/Calcutta", "IN"),
        ("US/Eastern", "US"),
        ("US/Arizona", "US"),  # its link target is shared with Canada: the US/ family decides
        ("Canada/Eastern", "CA"),
        ("America/Montreal", "CA"),
        ("Australia/ACT", "AU"),
        ("Europe/Kiev", "UA"),
        ("Asia/Saigon", "VN"),
        ("GB", "GB"),
        ("Europe/Belfast", "GB"),
        ("Eire", "IE"),
        ("Japan", "JP"),
        ("ROK", "KR"),
        ("NZ", "NZ"),
        ("Iceland", "IS"),  # a link to Africa/Abidjan since 2022: must not become Côte d'Ivoire
        ("Singapore", "SG"),
        ("europe/berlin", "DE"),
        (" Europe/Berlin ", "DE"),
    ],
)
def test_old_and_alias_zone_names_resolve_to_the_right_country(zone: str, country: str) -> None:
    assert contacts_for_timezone(zone).country_code == country


def test_every_place_zone_that_zoneinfo_knows_has_a_country() -> None:
    """A tzdata upgrade that merges zones across countries must fail here, not silently misplace someone."""
    unresolved = [
        zone for zone in sorted(zoneinfo.available_timezones())
        if numbers._is_geographic(zone) and numbers._country_of_zone(zone) is None
    ]
    assert unresolved == []


# -- The fallback ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "zone", ["UTC", "Etc/UTC", "Etc/GMT+5", "GMT", "Factory", "CET", "EST5EDT", "", "Not/AZone", "Mars/Olympus"]
)
def test_a_zone_with_no_country_gets_the_fallback(zone: str) -> None:
    contacts = contacts_for_timezone(zone)
    assert contacts == EmergencyContacts(
        country_code=None, country_name=None, emergency=FALLBACK_EMERGENCY, crisis_name=None, crisis_number=None,
        crisis_text=None, known=False,
    )


def test_a_country_not_in_the_table_gets_the_fallback_with_its_name() -> None:
    contacts = contacts_for_timezone("America/Lima")
    assert not contacts.known
    assert (contacts.country_code, contacts.country_name) == ("PE", "Peru")
    assert contacts.emergency == FALLBACK_EMERGENCY
    assert contacts.crisis_number is None


def test_the_fallback_is_short_calm_and_names_the_common_numbers_and_the_directory() -> None:
    contacts = contacts_for_timezone("UTC")
    for number in ("112", "911", "999"):
        assert number in contacts.emergency
    assert "findahelpline.com" in contacts.crisis_line
    assert len(contacts.emergency) < 100 and len(contacts.crisis_line) < 100
    assert "!" not in contacts.emergency + contacts.crisis_line


def test_a_non_string_zone_never_raises() -> None:
    assert not contacts_for_timezone(None).known  # type: ignore[arg-type]


def test_contacts_by_country_code() -> None:
    assert contacts_for_country("de").emergency == "112"
    assert contacts_for_country("PE").country_name == "Peru" and not contacts_for_country("PE").known
    assert contacts_for_country("ZZ").country_code is None
    assert contacts_for_country(None).emergency == FALLBACK_EMERGENCY


# -- The table itself --------------------------------------------------------------------------------

REQUIRED_COUNTRIES = {
    # EU
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    # EEA and the rest of Europe asked for
    "IS", "LI", "NO", "GB", "CH", "UA", "RU", "TR",
    # Americas, Oceania
    "US", "CA", "MX", "BR", "AR", "CL", "CO", "AU", "NZ",
    # Asia
    "IN", "PK", "BD", "LK", "NP", "PH", "SG", "MY", "ID", "TH", "VN", "JP", "KR", "CN", "HK", "TW",
    # Africa, Middle East
    "ZA", "NG", "KE", "EG", "MA", "IL", "AE", "SA",
}


def test_the_table_covers_every_country_asked_for() -> None:
    assert REQUIRED_COUNTRIES - covered_countries() == set()
    assert len(covered_countries()) >= 60


def test_the_table_has_the_documented_columns_and_one_row_per_country() -> None:
    rows = _table_rows()
    assert tuple(rows[0]) == numbers.TABLE_COLUMNS
    codes = [row["country_code"] for row in rows]
    assert len(codes) == len(set(codes))


def test_the_table_header_says_when_it_was_compiled_and_to_review_it_yearly() -> None:
    header = "\n".join(line for line in _table_text().splitlines() if line.startswith("#"))
    assert re.search(r"Compiled \d{4}-\d{2}-\d{2}", header)
    assert "REVIEW YEARLY" in header


@pytest.mark.parametrize("row", _table_rows(), ids=lambda row: row["country_code"])
def test_every_row_has_a_dialable_emergency_number_a_source_and_a_consistent_crisis_line(row: dict[str, str]) -> None:
    assert re.fullmatch(r"\d{2,5}", row["emergency"]), row["emergency"]
    assert row["country_name"].strip()
    sources = row["sources"].split()
    assert sources and all(re.fullmatch(r"https?://\S+\.\S+", url) for url in sources)
    number, name, text = row["crisis_number"], row["crisis_name"], row["crisis_text"]
    assert bool(number) == bool(name), "a crisis line needs both a name and a number"
    assert not text or number, "a text option belongs to a crisis line"
    if number:
        assert re.fullmatch(r"\*?\d[\d -]*\d", number), number
    else:
        assert row["notes"].strip(), "say why there is no crisis line"


def test_every_country_code_in_the_table_is_a_real_iso_code_with_a_zone() -> None:
    iso = numbers._iso_names()
    zone_countries = set(numbers._zone_countries().values())
    for code in covered_countries():
        assert code in iso, code
        assert code in zone_countries, f"{code} has no zone in zone.tab, so no participant can reach its row"


# -- Loaded lazily, once -----------------------------------------------------------------------------

def test_importing_the_module_reads_no_data() -> None:
    probe = (
        "import coach.domain.safety.numbers as n\n"
        "caches = [n._table, n._zone_countries, n._iso_names, n._links, n._canonical_spelling]\n"
        "assert all(c.cache_info().currsize == 0 for c in caches), [c.cache_info() for c in caches]\n"
        "n.contacts_for_timezone('Europe/Berlin')\n"
        "assert n._table.cache_info().currsize == 1\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_table_is_read_once_and_lookups_are_cached() -> None:
    contacts_for_timezone("Europe/Berlin")
    misses = numbers._table.cache_info().misses
    first = contacts_for_timezone("Asia/Tokyo")
    assert contacts_for_timezone("Asia/Tokyo") is first
    assert numbers._table.cache_info().misses == misses
