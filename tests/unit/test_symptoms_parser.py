"""The check-in parser: every accepted form, every refusal, and that it never crashes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.symptoms import _FALLBACK_REASON as FALLBACK_REASON
from coach.domain.symptoms import (
    ITEM_LABELS,
    ITEMS,
    MAX_BACKFILL_DAYS,
    MAX_TEXT_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    ParsedCheckin,
    ParseFailure,
    format_day,
    format_scores,
    parse_checkin,
    parse_day_prefix,
)

TODAY = date(2026, 11, 21)  # a Saturday
YESTERDAY = TODAY - timedelta(days=1)
S = {"pain": 4, "numbness": 2, "tingling": 3, "balance": 1}
EXAMPLE = "pain 4 numbness 2 tingling 3 balance 1"


@dataclass(frozen=True)
class Ok:
    """What a successful parse should give."""

    scores: dict[str, int]
    note: str | None = None
    day: date = TODAY
    same: bool = False
    foot: bool | None = None


@dataclass(frozen=True)
class Fail:
    """A refusal whose reason contains every keyword (case-insensitive)."""

    keywords: tuple[str, ...]


def ok(scores: dict[str, int] | None = None, **kwargs: object) -> Ok:
    return Ok(S if scores is None else scores, **kwargs)  # type: ignore[arg-type]


def fail(*keywords: str) -> Fail:
    return Fail(keywords)


def same(note: str | None = None, **kwargs: object) -> Ok:
    return Ok({}, note=note, same=True, **kwargs)  # type: ignore[arg-type]


CASES: list[tuple[str, Ok | Fail]] = [
    # --- the basic named form, any order, any separator ---------------------------------------
    ("pain 4 numbness 2 tingling 3 balance 1", ok()),
    ("balance 1 tingling 3 numbness 2 pain 4", ok()),
    ("numbness 2, pain 4, balance 1, tingling 3", ok()),
    ("pain 4; numbness 2; tingling 3; balance 1", ok()),
    ("pain 4 · numbness 2 · tingling 3 · balance 1", ok()),
    ("pain=4 numbness=2 tingling=3 balance=1", ok()),
    ("pain: 4 numbness: 2 tingling: 3 balance: 1", ok()),
    ("pain:4,numbness:2,tingling:3,balance:1", ok()),
    ("pain4 numbness2 tingling3 balance1", ok()),
    ("PAIN 4 NUMBNESS 2 TINGLING 3 BALANCE 1", ok()),
    ("Pain 4 Numbness 2 Tingling 3 Balance 1", ok()),
    ("pain 4\nnumbness 2\ntingling 3\nbalance 1", ok()),
    ("  pain 4   numbness 2 tingling 3 balance 1  ", ok()),
    ("pain is 4 and numbness is 2, tingling 3 and balance 1", ok()),
    ("pain 0 numbness 0 tingling 0 balance 0",
     ok({"pain": 0, "numbness": 0, "tingling": 0, "balance": 0})),
    ("pain 10 numbness 10 tingling 10 balance 10",
     ok({"pain": 10, "numbness": 10, "tingling": 10, "balance": 10})),
    # --- out of ten ---------------------------------------------------------------------------
    ("pain: 4/10 numbness: 2/10 tingling: 3/10 balance: 1/10", ok()),
    ("pain 4 / 10, numbness 2 / 10, tingling 3 / 10, balance 1 / 10", ok()),
    ("pain 4 out of 10 numbness 2 out of 10 tingling 3 of 10 balance 1/10", ok()),
    ("Pain: 4/10, Numbness: 2/10, Tingling/burning: 3/10, Balance/unsteadiness: 1/10", ok()),
    ("pain 10/10 numbness 2 tingling 3 balance 1", ok({**S, "pain": 10})),
    # --- emoji and punctuation around the scores -------------------------------------------------
    ("😣 pain 4 numbness 2 tingling 3 balance 1", ok()),
    ("pain 4 👍 numbness 2 tingling 3 balance 1", ok()),
    ("pain 4 numbness 2 tingling 3 balance 1 👍", ok()),
    ("(pain 4) [numbness 2] {tingling 3} balance 1!", ok()),
    ("🙂🙂 pain: 4 ... numbness: 2 ... tingling: 3 ... balance: 1 🙏", ok()),
    # --- abbreviations ------------------------------------------------------------------------
    ("p4 n2 t3 b1", ok()),
    ("p 4 n 2 t 3 b 1", ok()),
    ("p:4 n:2 t:3 b:1", ok()),
    ("P4 N2 T3 B1", ok()),
    ("b1 t3 n2 p4", ok()),
    # --- synonyms -----------------------------------------------------------------------------
    ("hurt 4 numb 2 burning 3 unsteady 1", ok()),
    ("hurting 4 numbness 2 tingle 3 wobbly 1", ok()),
    ("ache 4 numb 2 tingly 3 unsteadiness 1", ok()),
    ("aching 4 numbness 2 burn 3 wobbliness 1", ok()),
    ("sore 4 numbness 2 pins and needles 3 balance 1", ok()),
    ("pain 4 numbness 2 pins & needles 3 balance 1", ok()),
    ("pain 4 numbness 2 prickling 3 balance 1", ok()),
    ("pain 4 numbness 2 electric 3 balance 1", ok()),
    ("pain 4 numbness 2 zapping 3 balance 1", ok()),
    ("pain 4 numbness 2 tingling or burning 3 balance 1", ok()),
    # --- number words ---------------------------------------------------------------------------
    ("pain four numbness two tingling three balance one", ok()),
    ("pain none numbness zero tingling ten balance 1",
     ok({"pain": 0, "numbness": 0, "tingling": 10, "balance": 1})),
    # --- positional -----------------------------------------------------------------------------
    ("4 2 3 1", ok()),
    ("4,2,3,1", ok()),
    ("4, 2, 3, 1", ok()),
    ("4/2/3/1", ok()),
    ("4 / 2 / 3 / 1", ok()),
    ("4;2;3;1", ok()),
    ("4/10 2/10 3/10 1/10", ok()),
    ("10 0 10 0", ok({"pain": 10, "numbness": 0, "tingling": 10, "balance": 0})),
    ("😣 4 2 3 1", ok()),
    # --- notes ----------------------------------------------------------------------------------
    ("pain 4 numbness 2 tingling 3 balance 1 slept badly", ok(note="slept badly")),
    ("pain 4 numbness 2 tingling 3 balance 1 - walked to the shop", ok(note="walked to the shop")),
    ("pain 4 numbness 2 tingling 3 balance 1 note: feet cold", ok(note="feet cold")),
    ("pain 4 numbness 2 tingling 3 balance 1 — after gardening", ok(note="after gardening")),
    ("pain 4 numbness 2 tingling 3 balance 1\nslept badly", ok(note="slept badly")),
    ("pain 4 numbness 2 tingling 3 balance 1, walked 2 km 🙂", ok(note="walked 2 km 🙂")),
    ("pain 4 numbness 2 tingling 3 balance 1 pain worse at night", ok(note="pain worse at night")),
    ("pain 4 numbness 2 tingling 3 balance 1 2 hours of sleep", ok(note="2 hours of sleep")),
    ("pain 4 numbness 2 tingling 3 balance 1 —", ok(note=None)),
    ("4 2 3 1 slept badly", ok(note="slept badly")),
    ("4 2 3 1 - 2 hours walk", ok(note="2 hours walk")),
    ("4 2 3 1\n5 hours of sleep", ok(note="5 hours of sleep")),
    ("pain 4 numbness 2 pain 4 tingling 3 balance 1", ok()),  # the same value twice is fine
    # --- same as yesterday ------------------------------------------------------------------------
    ("same as yesterday", same()),
    ("same", same()),
    ("Same as yesterday 👍", same()),
    ("same as yesterday, a bit more tired", same(note="a bit more tired")),
    ("same again - tired", same(note="tired")),
    ("same as yesterday, walked 2 km", same(note="walked 2 km")),
    ("same, foot ok, tired", same(note="tired", foot=False)),
    ("yesterday same", same(day=YESTERDAY)),
    ("same as yesterday but pain 5", fail("changed", "all four")),
    ("same 4 2 3 1", fail("changed", "all four")),
    # --- date prefixes ----------------------------------------------------------------------------
    ("yesterday pain 3 numbness 2 tingling 3 balance 1", ok({**S, "pain": 3}, day=YESTERDAY)),
    ("Yesterday: 4 2 3 1", ok(day=YESTERDAY)),
    ("today 4 2 3 1", ok()),
    ("2026-11-18 4 2 3 1", ok(day=date(2026, 11, 18))),
    ("mon p4 n2 t3 b1", ok(day=date(2026, 11, 16))),
    ("Friday pain 4 numbness 2 tingling 3 balance 1", ok(day=date(2026, 11, 20))),
    ("sat 4 2 3 1", ok(day=date(2026, 11, 14))),  # today is Saturday: "sat" means a week ago
    ("2026-11-14 4 2 3 1", ok(day=date(2026, 11, 14))),  # exactly 7 days back
    ("2026-11-21 4 2 3 1", ok()),
    ("2026-11-13 4 2 3 1", fail("7 days")),  # 8 days back
    ("2026-11-22 4 2 3 1", fail("future")),
    ("tomorrow 4 2 3 1", fail("future")),
    ("2026-02-30 4 2 3 1", fail("date", "2026-02-30")),
    ("18.11. 4 2 3 1", fail("date", "18.11.")),
    # --- the foot check ---------------------------------------------------------------------------
    ("pain 4 numbness 2 tingling 3 balance 1 foot ok", ok(foot=False)),
    ("feet ok 4 2 3 1", ok(foot=False)),
    ("pain 4 feet fine numbness 2 tingling 3 balance 1", ok(foot=False)),
    ("pain 4 numbness 2 tingling 3 balance 1 foot: no", ok(foot=False)),
    ("pain 4 numbness 2 tingling 3 balance 1 foot blister", ok(foot=True)),
    ("pain 4 numbness 2 tingling 3 balance 1 foot wound", ok(foot=True)),
    ("pain 4 numbness 2 tingling 3 balance 1 foot red", ok(foot=True)),
    ("foot yes pain 4 numbness 2 tingling 3 balance 1", ok(foot=True)),
    ("pain 4 numbness 2 tingling 3 balance 1 feet are fine, walked a lot",
     ok(foot=False, note="walked a lot")),
    ("pain 4 numbness 2 tingling 3 balance 1 foot sore today", ok(note="foot sore today")),
    ("pain 4 foot ok numbness 2 foot blister tingling 3 balance 1",
     fail("foot ok", "foot blister")),
    ("pain 4 foot numbness 2 tingling 3 balance 1", fail("foot ok")),
    # --- refusals: out of range, not whole, not out of ten ---------------------------------------
    ("pain 14 numbness 2 tingling 3 balance 1", fail("pain", "0 to 10", "14", EXAMPLE)),
    ("pain -1 numbness 2 tingling 3 balance 1", fail("pain", "0 to 10", "-1")),
    ("pain 4 numbness 11 tingling 3 balance 1", fail("numbness", "0 to 10", "11")),
    ("pain 4.5 numbness 2 tingling 3 balance 1", fail("pain", "whole number", "4.5")),
    ("pain 4,5 numbness 2 tingling 3 balance 1", fail("pain", "whole number", "4,5")),
    ("pain 10/5 numbness 2 tingling 3 balance 1", fail("out of 10", "10/5")),
    ("pain 4-5 numbness 2 tingling 3 balance 1", fail("one number", "4-5")),
    ("4 2 3 11", fail("balance", "11")),
    ("4.5 2 3 1", fail("whole numbers", "4.5")),
    ("99999999999999999999 2 3 1", fail("pain", "0 to 10")),
    # --- refusals: contradictions -----------------------------------------------------------------
    ("pain 4 numbness 2 pain 6 tingling 3 balance 1", fail("pain", "twice", "4", "6")),
    ("tingling 3 burning 5 pain 4 numbness 2 balance 1",
     fail("tingling", "burning", "one score", "3", "5")),
    ("4 2 3 1 pain 6", fail("pain", "twice", "4", "6")),
    # --- refusals: missing items, wrong counts ----------------------------------------------------
    ("pain 4 numbness 2", fail("still need tingling and balance")),
    ("pain 4", fail("still need numbness, tingling and balance")),
    ("pain 4 numbness 2 tingling 3", fail("still need balance")),
    ("pain 4 numbness 2 slept badly", fail("still need tingling and balance")),
    ("pain 4 numbness 2 note: tired", fail("still need tingling and balance")),
    ("4 2 3", fail("3 numbers", "four", "in this order")),
    ("4 2 3 1 5", fail("5 numbers", "four")),
    ("4", fail("one number", "four")),
    ("4 2 pain 3 1", fail("names and numbers", "4 2 3 1")),
    ("pain 4 2 3 1", fail("number 2", "without a name")),
    ("pain 4 numbness 2 tingling 3 balance 1 5", fail("number 5", "without a name")),
    # --- refusals: words it can't read ------------------------------------------------------------
    ("pain 4 nmbness 2 tingling 3 balance 1",
     fail("couldn't read", "nmbness", "did you mean numbness")),
    ("pian 4 numbness 2 tingling 3 balance 1", fail("couldn't read", "pian", "did you mean pain")),
    ("pain 4 numbness 2 xyzzy 3 balance 1", fail("couldn't read", "xyzzy")),
    ("slept badly pain 4 numbness 2 tingling 3 balance 1",
     fail("couldn't read", "slept badly", "after")),
    ("hello 4 2 3 1", fail("couldn't read", "hello")),
    ("dizzy 3 pain 4 numbness 2 tingling 3", fail("dizzy", "balance", "clinician")),
    ("pain numbness 2 tingling 3 balance 1", fail("pain needs a number")),
    ("pain 4 numbness 2 tingling 3 balance", fail("balance needs a number")),
    ("pain lots numbness 2 tingling 3 balance 1", fail("pain needs a number", "lots")),
    ("pain fourteen numbness 2 tingling 3 balance 1", fail("pain needs a number", "fourteen")),
    # --- refusals: nothing to read ----------------------------------------------------------------
    ("", fail("couldn't find any scores", EXAMPLE)),
    ("   \n ", fail("couldn't find any scores")),
    ("😣😣😣", fail("couldn't find any scores")),
    ("hello", fail("couldn't find any scores")),
    ("yesterday", fail("couldn't find any scores")),
    ("x" * (MAX_TEXT_LENGTH + 1), fail("too long", str(MAX_TEXT_LENGTH))),
    ("pain 4 numbness 2 tingling 3 balance 1 " + "a" * MAX_TEXT_LENGTH, fail("too long")),
]


def _case_id(case: tuple[str, Ok | Fail]) -> str:
    text = case[0].replace("\n", "⏎")
    return text if len(text) <= 50 else text[:47] + "..."


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_parse_table(case: tuple[str, Ok | Fail]) -> None:
    text, expected = case
    result = parse_checkin(text, today=TODAY)
    if isinstance(expected, Fail):
        assert isinstance(result, ParseFailure), result
        for keyword in expected.keywords:
            assert keyword.lower() in result.reason.lower(), (keyword, result.reason)
        return
    assert isinstance(result, ParsedCheckin), result
    got = (result.scores, result.note, result.day, result.same_as_yesterday, result.foot_problem)
    assert got == (expected.scores, expected.note, expected.day, expected.same, expected.foot)


def test_table_is_large_enough() -> None:
    """The brief asks for at least 80 table cases."""
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", [c for c in CASES if isinstance(c[1], Fail)],
                         ids=[_case_id(c) for c in CASES if isinstance(c[1], Fail)])
def test_every_failure_is_short_and_shows_an_example(case: tuple[str, Ok | Fail]) -> None:
    """Reasons are read by people in pain: short, with a correct example to copy."""
    result = parse_checkin(case[0], today=TODAY)
    assert isinstance(result, ParseFailure)
    assert len(result.reason) <= 400
    assert any(example in result.reason for example in (EXAMPLE, "4 2 3 1", "foot ok"))
    assert result.reason != FALLBACK_REASON


def test_scores_come_back_in_items_order() -> None:
    result = parse_checkin("balance 1 tingling 3 numbness 2 pain 4", today=TODAY)
    assert isinstance(result, ParsedCheckin)
    assert tuple(result.scores) == ITEMS


def test_date_prefix_can_be_switched_off() -> None:
    """Where the day is already known, a date is refused rather than misread."""
    result = parse_checkin("yesterday 4 2 3 1", today=TODAY, allow_date_prefix=False)
    assert isinstance(result, ParseFailure)
    assert "without a date" in result.reason
    assert parse_checkin("4 2 3 1", today=TODAY, allow_date_prefix=False) == ParsedCheckin(
        scores=S, note=None, day=TODAY)


def test_item_labels_cover_every_item() -> None:
    assert set(ITEM_LABELS) == set(ITEMS)
    assert ITEM_LABELS["tingling"] == "tingling/burning"
    assert ITEM_LABELS["balance"] == "balance/unsteadiness"


def test_dizzy_is_never_read_as_balance() -> None:
    """Dizziness can be a cardiac sign, so it must not quietly become a balance score."""
    result = parse_checkin("pain 4 numbness 2 tingling 3 dizzy 1", today=TODAY)
    assert isinstance(result, ParseFailure)
    assert "dizzy" in result.reason


# --- parse_day_prefix ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day", "rest"), [
    ("yesterday pain 4", YESTERDAY, "pain 4"),
    ("today: 4 2 3 1", TODAY, "4 2 3 1"),
    ("2026-11-18, 4 2 3 1", date(2026, 11, 18), "4 2 3 1"),
    ("monday p4", date(2026, 11, 16), "p4"),
    ("Sun 4 2 3 1", date(2026, 11, 15), "4 2 3 1"),
    ("fri 4 2 3 1", date(2026, 11, 20), "4 2 3 1"),
    ("sat 4 2 3 1", date(2026, 11, 14), "4 2 3 1"),
    ("pain 4 numbness 2", TODAY, "pain 4 numbness 2"),
    ("4 2 3 1", TODAY, "4 2 3 1"),
    ("same as yesterday", TODAY, "same as yesterday"),
])
def test_parse_day_prefix(text: str, day: date, rest: str) -> None:
    assert parse_day_prefix(text, today=TODAY) == (day, rest)


def test_weekday_names_always_mean_the_last_seven_days() -> None:
    """Any weekday name, said on any day, lands 1 to 7 days back (never today, never the future)."""
    for offset in range(7):
        today = TODAY + timedelta(days=offset)
        for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            result = parse_day_prefix(f"{name} 4 2 3 1", today=today)
            assert not isinstance(result, ParseFailure)
            assert 1 <= (today - result[0]).days <= MAX_BACKFILL_DAYS
            assert format_day(result[0]).lower().startswith(name)


@pytest.mark.parametrize(("days_back", "accepted"),
                         [(-1, False), (0, True), (1, True), (7, True), (8, False)])
def test_backfill_limit_boundaries(days_back: int, accepted: bool) -> None:
    day = TODAY - timedelta(days=days_back)
    result = parse_day_prefix(f"{day.isoformat()} 4 2 3 1", today=TODAY)
    assert (not isinstance(result, ParseFailure)) is accepted
    if not accepted:
        assert "7 days" in result.reason


# --- formatting ---------------------------------------------------------------------------------

def test_format_scores() -> None:
    assert format_scores({"balance": 1, "tingling": 3, "numbness": 2, "pain": 4}) == (
        "pain 4 · numbness 2 · tingling 3 · balance 1")


def test_format_scores_skips_missing_items() -> None:
    assert format_scores({"tingling": 3, "pain": 0}) == "pain 0 · tingling 3"


@pytest.mark.parametrize(("day", "text"), [
    (date(2026, 11, 21), "Sat 21 Nov"),
    (date(2026, 11, 1), "Sun 1 Nov"),
    (date(2026, 1, 5), "Mon 5 Jan"),
    (date(2024, 2, 29), "Thu 29 Feb"),
])
def test_format_day(day: date, text: str) -> None:
    assert format_day(day) == text


# --- properties ---------------------------------------------------------------------------------

_score = st.integers(min_value=SCORE_MIN, max_value=SCORE_MAX)
_scores = st.fixed_dictionaries({item: _score for item in ITEMS})
# Text built from the parser's own vocabulary finds far more interesting paths than random text.
_pieces = st.sampled_from([
    "pain", "numbness", "tingling", "balance", "p", "n", "t", "b", "numb", "burning", "dizzy",
    "pins and needles", "foot", "ok", "blister", "feet fine", "same", "as", "yesterday", "today",
    "mon", "note:", "-", "—", "/", "/10", ",", ";", ":", "=", "·", "\n", " ", "😣", "👍", "and",
    "is", "four", "ten", "4", "0", "10", "11", "-1", "4.5", "4,5", "4-5", "2026-11-18", "18.11.",
    "slept", "badly", "x", "",
])
_vocab_text = st.lists(_pieces, max_size=30).map(" ".join)


def _check_result(result: object) -> None:
    assert isinstance(result, ParsedCheckin | ParseFailure)
    if isinstance(result, ParseFailure):
        assert result.reason and result.reason != FALLBACK_REASON
        return
    assert (TODAY - result.day).days in range(MAX_BACKFILL_DAYS + 1)
    if result.same_as_yesterday:
        assert result.scores == {}
    else:
        assert tuple(result.scores) == ITEMS
        assert all(SCORE_MIN <= v <= SCORE_MAX and type(v) is int for v in result.scores.values())
    assert result.note is None or result.note == result.note.strip() != ""


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    """Whatever arrives, the answer is a ParsedCheckin or a ParseFailure — never an exception."""
    _check_result(parse_checkin(text, today=TODAY))


@settings(max_examples=600, deadline=None)
@given(_vocab_text, st.booleans())
def test_never_raises_on_check_in_like_text(text: str, allow_date_prefix: bool) -> None:
    """Text made of the parser's own words and separators: valid results, no fallback failures."""
    _check_result(parse_checkin(text, today=TODAY, allow_date_prefix=allow_date_prefix))


@given(_scores)
def test_format_scores_round_trips(scores: dict[str, int]) -> None:
    """What the bot shows can be pasted back and means the same."""
    result = parse_checkin(format_scores(scores), today=TODAY)
    assert isinstance(result, ParsedCheckin)
    assert result.scores == scores


@given(_scores, st.permutations(ITEMS), st.sampled_from([" ", ", ", "; ", " · ", "\n"]),
       st.sampled_from([" ", ": ", "=", "", " is "]))
def test_any_order_and_separator(
    scores: dict[str, int], order: list[str], sep: str, joiner: str
) -> None:
    text = sep.join(f"{item}{joiner}{scores[item]}" for item in order)
    result = parse_checkin(text, today=TODAY)
    assert isinstance(result, ParsedCheckin), (text, result)
    assert result.scores == scores


@given(_scores, st.sampled_from([" ", ",", ", ", "/", ";"]))
def test_positional_any_values(scores: dict[str, int], sep: str) -> None:
    text = sep.join(str(scores[item]) for item in ITEMS)
    result = parse_checkin(text, today=TODAY)
    assert isinstance(result, ParsedCheckin), (text, result)
    assert result.scores == scores


@given(st.sampled_from(ITEMS),
       st.integers(min_value=11, max_value=10**9) | st.integers(min_value=-(10**9), max_value=-1))
def test_out_of_range_names_item_and_value(item: str, value: int) -> None:
    scores = {**S, item: value}
    result = parse_checkin(" ".join(f"{k} {v}" for k, v in scores.items()), today=TODAY)
    assert isinstance(result, ParseFailure)
    assert item in result.reason.lower() and str(value) in result.reason
