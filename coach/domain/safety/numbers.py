"""Emergency and crisis numbers for a participant's country, found from their IANA time zone.

The numbers live in ``emergency_numbers.csv`` next to this module (data with a source per row,
reviewed yearly); the zone → country mapping comes from tzdata's ``zone.tab``, ``iso3166.tab``
and the links in ``tzdata.zi``. Everything is read lazily on first use and cached, never at
import time. A zone whose country is unknown, or not in the table, gets a calm fallback:
"your local emergency number (112 …, 911 …, 999 …)" and findahelpline.com.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

__all__ = [
    "CRISIS_DIRECTORY",
    "FALLBACK_EMERGENCY",
    "TABLE_COLUMNS",
    "TABLE_FILE",
    "EmergencyContacts",
    "contacts_for_country",
    "contacts_for_timezone",
    "covered_countries",
]

TABLE_FILE = "emergency_numbers.csv"

FALLBACK_EMERGENCY = "your local emergency number (112 in most of Europe, 911 in North America, 999 in the UK)"
CRISIS_DIRECTORY = "findahelpline.com"  # Find A Helpline: an international directory of free crisis lines


@dataclass(frozen=True)
class EmergencyContacts:
    """Who to call in an emergency or a crisis, for one participant's country.

    ``emergency`` is a number ("112") when ``known``, otherwise a short phrase. ``crisis_name`` and
    ``crisis_number`` are a 24/7 crisis line, or None where none is confirmed; then
    :attr:`crisis_line` points to :data:`CRISIS_DIRECTORY` instead.
    """

    country_code: str | None
    country_name: str | None
    emergency: str
    crisis_name: str | None
    crisis_number: str | None
    crisis_text: str | None
    known: bool

    @property
    def crisis_line(self) -> str:
        """One short phrase naming the crisis line to call (or text), or where to find one."""
        if self.crisis_number is None:
            return f"{CRISIS_DIRECTORY} lists free, confidential crisis lines for your country"
        line = f"{self.crisis_name}: {self.crisis_number}"
        return f"{line} (or {self.crisis_text})" if self.crisis_text else line


def contacts_for_timezone(zone: str) -> EmergencyContacts:
    """The emergency and crisis contacts for someone living in IANA time zone ``zone``; never raises."""
    return _contacts_for_zone(zone.strip() if isinstance(zone, str) else "")


def contacts_for_country(country_code: str | None) -> EmergencyContacts:
    """The contacts for an ISO 3166-1 alpha-2 country code (the fallback when unknown or not covered)."""
    code = country_code.strip().upper() if isinstance(country_code, str) else None
    row = _table().get(code) if code else None
    if row is not None:
        return row
    return _fallback(code if code in _iso_names() else None)


def covered_countries() -> frozenset[str]:
    """The country codes the table has numbers for."""
    return frozenset(_table())


# ---------------------------------------------------------------------------------------------
# Zone → country

# Names that stand for an offset or a legacy rule, not a place: no country can be inferred.
# (Since tzdata 2024b several are links to a city, e.g. CET → Europe/Brussels: not a country.)
_NON_GEOGRAPHIC = frozenset({
    "CET", "CST6CDT", "EET", "EST", "EST5EDT", "Factory", "GMT", "GMT+0", "GMT-0", "GMT0", "Greenwich",
    "HST", "MET", "MST", "MST7MDT", "PST8PDT", "UCT", "UTC", "Universal", "WET", "Zulu", "localtime", "posixrules",
})

# Old names whose link target tzdata now shares between several countries (zones merged since
# 2022, e.g. Iceland → Africa/Abidjan): the country each name always meant (tzdata's "backward").
_ALIAS_COUNTRIES = {
    "Africa/Asmera": "ER",
    "Africa/Timbuktu": "ML",
    "America/Coral_Harbour": "CA",
    "America/Montreal": "CA",
    "America/Nipigon": "CA",
    "America/Thunder_Bay": "CA",
    "America/Virgin": "VI",
    "Antarctica/South_Pole": "AQ",
    "Asia/Rangoon": "MM",
    "Atlantic/Jan_Mayen": "SJ",
    "Europe/Belfast": "GB",
    "GB": "GB",
    "GB-Eire": "GB",
    "Iceland": "IS",
    "NZ": "NZ",
    "Pacific/Ponape": "FM",
    "Pacific/Samoa": "AS",
    "Pacific/Truk": "FM",
    "Pacific/Yap": "FM",
    "Singapore": "SG",
}

# Alias families named after one country ("US/Eastern", "Canada/Atlantic", "Australia/ACT", ...).
_COUNTRY_PREFIXES = {"US/": "US", "Canada/": "CA", "Australia/": "AU", "Brazil/": "BR", "Chile/": "CL",
                     "Mexico/": "MX"}


def _is_geographic(zone: str) -> bool:
    return bool(zone) and zone not in _NON_GEOGRAPHIC and not zone.startswith("Etc/")


@lru_cache(maxsize=1024)
def _contacts_for_zone(zone: str) -> EmergencyContacts:
    return contacts_for_country(_country_of_zone(zone))


def _country_of_zone(zone: str) -> str | None:
    zone = _canonical_spelling().get(zone.casefold(), zone)
    if not _is_geographic(zone):
        return None
    zone_countries = _zone_countries()
    if zone in zone_countries:
        return zone_countries[zone]
    if zone in _ALIAS_COUNTRIES:
        return _ALIAS_COUNTRIES[zone]
    for prefix, country in _COUNTRY_PREFIXES.items():
        if zone.startswith(prefix):
            return country
    target = _links().get(zone)
    countries = _countries_by_link_target().get(target, frozenset()) if target else frozenset()
    return next(iter(countries)) if len(countries) == 1 else None


def _tzdata_text(name: str) -> str:
    return files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")


def _tab_rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _tzdata_text(name).splitlines() if line.strip() and not line.startswith("#")]


@cache
def _zone_countries() -> dict[str, str]:
    """zone.tab: one country per zone (``Europe/Zurich`` → ``CH``)."""
    return {row[2]: row[0] for row in _tab_rows("zone.tab")}


@cache
def _iso_names() -> dict[str, str]:
    """iso3166.tab: country code → English short name."""
    return {row[0]: row[1] for row in _tab_rows("iso3166.tab")}


@cache
def _links() -> dict[str, str]:
    """Link name → target zone, from the ``L target link`` lines of tzdata.zi."""
    links = {}
    for line in _tzdata_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, name = line.split()
            links[name] = target
    return links


@cache
def _countries_by_link_target() -> dict[str, frozenset[str]]:
    """For each real zone, the countries of the zone.tab entries that are it or link to it."""
    links = _links()
    by_target: dict[str, set[str]] = {}
    for zone, country in _zone_countries().items():
        by_target.setdefault(links.get(zone, zone), set()).add(country)
    return {target: frozenset(countries) for target, countries in by_target.items()}


@cache
def _canonical_spelling() -> dict[str, str]:
    """Case-insensitive spelling → the zone name as tzdata writes it ("europe/berlin" → "Europe/Berlin")."""
    names = [*_zone_countries(), *_links(), *_ALIAS_COUNTRIES, *_NON_GEOGRAPHIC]
    return {name.casefold(): name for name in names}


# ---------------------------------------------------------------------------------------------
# The table

TABLE_COLUMNS = ("country_code", "country_name", "emergency", "crisis_name", "crisis_number", "crisis_text", "sources",
            "notes")


@cache
def _table() -> dict[str, EmergencyContacts]:
    """The numbers table, read once: country code → contacts. Lines starting with ``#`` are comments."""
    text = files(__package__).joinpath(TABLE_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    table = {}
    for row in csv.DictReader(lines):
        code = row["country_code"].strip()
        table[code] = EmergencyContacts(
            country_code=code,
            country_name=row["country_name"].strip(),
            emergency=row["emergency"].strip(),
            crisis_name=row["crisis_name"].strip() or None,
            crisis_number=row["crisis_number"].strip() or None,
            crisis_text=row["crisis_text"].strip() or None,
            known=True,
        )
    return table


def _fallback(country_code: str | None) -> EmergencyContacts:
    return EmergencyContacts(
        country_code=country_code,
        country_name=_iso_names().get(country_code) if country_code else None,
        emergency=FALLBACK_EMERGENCY,
        crisis_name=None,
        crisis_number=None,
        crisis_text=None,
        known=False,
    )
