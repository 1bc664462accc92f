"""Symptom scores written anywhere in a sentence: "5/10 pain", "pain is about a 4", "numbness: 3 out of 10",
"the burning is a 7 tonight", "p4 n2", number words, "=" and ":".

Each score is read from an item name and the number nearest to it (after the name, or just before it), within
its sentence. What cannot be read with certainty — a range ("3-4", "5 or 6"), a fraction ("4.5"), a value outside
0–10, one item given two different values — is not read: it comes back as an Ambiguity to ask about. Numbers that
belong to no item ("walked 2 km", "slept 5 hours") are left alone. Pure.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from coach.domain.symptoms import ITEMS, SCORE_MAX, SCORE_MIN
from coach.domain.understanding.lexicon import BODY_WORDS
from coach.domain.understanding.text import Normalised, Token

# Words naming each item. One letter ("p4") counts only right before its number.
ITEM_WORDS: dict[str, str] = {
    **dict.fromkeys(("pain", "pains", "hurt", "hurts", "hurting", "ache", "aches", "aching", "soreness"), "pain"),
    **dict.fromkeys(("numbness", "numb", "numbnes"), "numbness"),
    **dict.fromkeys(("tingling", "tingle", "tingles", "tingly", "ting", "burning", "burn", "burns", "prickling",
                     "electric",
                     "zapping", "tingling/burning"), "tingling"),
    **dict.fromkeys(("balance", "bal", "unsteadiness", "unsteady", "wobbly", "wobbliness", "steadiness"), "balance"),
}
LETTERS: dict[str, str] = {"p": "pain", "n": "numbness", "t": "tingling", "b": "balance"}
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "none": 0, "nil": 0, "nothing": 0, "nought": 0, "nowt": 0, "zilch": 0, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
# Words that may stand between a name and its number ("pain is about a 4", "numbness in my feet is 3").
_BETWEEN = frozenset({
    "is", "was", "at", "about", "around", "roughly", "approximately", "approx", "maybe", "probably", "like", "a", "an",
    "level", "lvl", "score", "of", "=", ":", "-", "–", "—", "my", "the", "in", "both", "left", "right", "today",
    "tonight", "now", "currently", "still", "solid", "definitely", "say", "i", "would", "be", "rate", "rated", "its",
    "it", "are", "feels", "feel", "/", "has", "been", "sitting", "back", "down", "up", "to", "this", "morning",
    "evening", "night", "just", "only", "even", "more", "less", "than", "pretty", "really", "very", "so", "high",
    "low", "s", "also", "too", "and", ",", "somewhere", "between", "reckon", "guess", "think", "id", "d", *BODY_WORDS,
})
# Words that may stand between a number and the name after it ("a 4 for pain", "5/10 for the burning").
_BEFORE_NAME = frozenset({"for", "the", "my", "on", "of", "in", "with", "a", "an"})
_RANGE_JOINS = frozenset({"-", "–", "to", "or", "and", "/"})
_OUT_OF = (("out", "of"), ("/",))
_REACH_AFTER, _REACH_BEFORE = 8, 3


class Doubt(StrEnum):
    RANGE = "range"  # "3-4", "5 or 6", "between 2 and 3"
    FRACTION = "fraction"  # "4.5"
    OUT_OF_RANGE = "out_of_range"  # "12", "15/10"
    TWO_VALUES = "two_values"  # "pain 4 … pain 6"


class Ambiguity(NamedTuple):
    """A score that could not be read for certain, with how it was written."""

    item: str
    doubt: Doubt
    written: str


class ReadScores(NamedTuple):
    scores: dict[str, int]
    ambiguities: tuple[Ambiguity, ...]
    used: frozenset[int]  # token positions that were part of a score (the rest is the note)
    dizzy: bool = False  # "dizzy 3": dizziness given a score, which is not one of the four


# Symptoms people score that are not one of the four: read, not stored, and explained.
NOT_AN_ITEM = frozenset({"dizzy", "dizziness", "lightheaded"})


def read_scores(normalised: Normalised, *, skip: frozenset[int] = frozenset()) -> ReadScores:
    """Every score named in the text, read only where certain; tokens in `skip` (a question) are not read."""
    tokens = normalised.tokens
    number_first = _number_first_sentences(tokens)
    values: dict[str, list[tuple[int | None, Ambiguity | None]]] = {}
    used: set[int] = set()
    taken: set[int] = set()  # number positions already paired
    for i, token in enumerate(tokens):
        if i in skip:
            continue
        item = _item_at(tokens, i)
        if item is None:
            continue
        if token.sentence in number_first:  # "4/10 pain 3/10 numb": each number goes with the name after it
            found = _number_before(tokens, i, taken, number_first=True) or _number_after(tokens, i, taken)
        else:
            found = _number_after(tokens, i, taken) or _number_before(tokens, i, taken)
        if found is None:
            continue
        start, end, value, doubt = found
        taken.update(range(start, end))
        used.update(range(min(i, start), max(i + 1, end)))
        written = normalised.words(min(i, start), max(i + 1, end))
        values.setdefault(item, []).append((value, Ambiguity(item, doubt, written) if doubt else None))
    dizzy = False
    for i, token in enumerate(tokens):
        if token.text in NOT_AN_ITEM and i not in skip:
            found = _number_after(tokens, i, taken)
            if found is not None:
                dizzy = True
                used.update(range(i, found[1]))
    # An item named twice side by side ("tingling/burning 4") is one score: both names belong to it.
    for i in list(used):
        for j in (i - 2, i - 1):
            if j >= 0 and _item_at(tokens, j) is not None and all(k in used or tokens[k].text in ("/", "-")
                                                                   for k in range(j + 1, i)):
                used.add(j)
    scores: dict[str, int] = {}
    ambiguities: list[Ambiguity] = []
    for item in ITEMS:
        readings = values.get(item)
        if not readings:
            continue
        doubts = [doubt for _, doubt in readings if doubt is not None]
        distinct = {value for value, doubt in readings if doubt is None}
        if doubts:
            ambiguities.append(doubts[0])
        elif len(distinct) > 1:
            shown = " and ".join(str(v) for v in sorted(distinct))
            ambiguities.append(Ambiguity(item, Doubt.TWO_VALUES, shown))
        else:
            scores[item] = distinct.pop()
    return ReadScores(scores, tuple(ambiguities), frozenset(used), dizzy)


def _number_first_sentences(tokens: tuple[Token, ...]) -> frozenset[int]:
    """Sentences whose first score-like word is a number followed by a name ("5/10 pain, 3/10 numbness")."""
    first: dict[int, tuple[str, int]] = {}
    for i, token in enumerate(tokens):
        if token.sentence in first:
            continue
        if _is_number(token) and token.kind == "number":
            first[token.sentence] = ("number", i)
        elif _item_at(tokens, i) is not None:
            first[token.sentence] = ("item", i)
    return frozenset(s for s, (kind, i) in first.items() if kind == "number" and _followed_by_item(tokens, i))


def _followed_by_item(tokens: tuple[Token, ...], i: int) -> bool:
    j = i + 1
    while j < len(tokens) and (tokens[j].text in ("/", "out", "of", "10", "for", "the", "my") or
                               (tokens[j].kind == "number" and tokens[j - 1].text == "/")):
        j += 1
    return j < len(tokens) and tokens[j].sentence == tokens[i].sentence and _item_at(tokens, j) is not None


def _item_at(tokens: tuple[Token, ...], i: int) -> str | None:
    token = tokens[i]
    if token.kind != "word":
        return None
    if token.text in ITEM_WORDS:
        return ITEM_WORDS[token.text]
    if token.text == "tingle":  # "pins and needles", joined into one token
        return "tingling"
    if token.text in LETTERS and i + 1 < len(tokens) and tokens[i + 1].sentence == token.sentence:
        nxt = tokens[i + 1]
        if nxt.kind == "number" or (nxt.text in ("=", ":") and i + 2 < len(tokens)
                                    and tokens[i + 2].kind == "number"):
            return LETTERS[token.text]
    return None


def _number_after(tokens: tuple[Token, ...], i: int, taken: set[int]):  # noqa: ANN202 - see _number_at
    sentence = tokens[i].sentence
    for j in range(i + 1, min(len(tokens), i + 1 + _REACH_AFTER)):
        token = tokens[j]
        if token.sentence != sentence:
            return None
        if j not in taken and _is_number(token):
            return _number_at(tokens, j)
        if _item_at(tokens, j) is not None or token.text not in _BETWEEN:
            return None
    return None


def _number_before(tokens: tuple[Token, ...], i: int, taken: set[int],  # noqa: ANN202 - see _number_at
                   *, number_first: bool = False):
    """ "5/10 pain", "a 4 for pain": a number just before the name, not already another item's."""
    sentence = tokens[i].sentence
    j = i - 1
    while j >= 0 and i - j <= _REACH_BEFORE and tokens[j].sentence == sentence and tokens[j].text in _BEFORE_NAME:
        j -= 1
    if j < 0 or tokens[j].sentence != sentence:
        return None
    # Step back over "/10" or "out of 10" to the score itself.
    end = j + 1
    if _is_number(tokens[j]) and j >= 2 and tokens[j - 1].text == "/" and _is_number(tokens[j - 2]):
        j -= 2
    elif _is_number(tokens[j]) and j >= 3 and (tokens[j - 2].text, tokens[j - 1].text) == ("out", "of"):
        j -= 3
    if j < 0 or j in taken or not _is_number(tokens[j]):
        return None
    if not number_first and j > 0 and _item_at(tokens, j - 1) is not None:
        return None  # "pain 4 numbness": the 4 is pain's
    found = _number_at(tokens, j)
    return None if found is None else (found[0], max(found[1], end), found[2], found[3])


def _is_number(token: Token) -> bool:
    return token.kind == "number" or token.text in NUMBER_WORDS


def _value(token: Token) -> float | None:
    if token.text in NUMBER_WORDS:
        return float(NUMBER_WORDS[token.text])
    try:
        return float(token.text.replace(",", "."))
    except ValueError:
        return None


def _number_at(tokens: tuple[Token, ...], j: int) -> tuple[int, int, int | None, Doubt | None] | None:
    """(start, end, value, doubt) of the score written at token j, with its "/10", "out of 10" or range."""
    value = _value(tokens[j])
    if value is None:
        return None
    end = j + 1
    sentence = tokens[j].sentence

    def text(k: int) -> str:
        return tokens[k].text if k < len(tokens) and tokens[k].sentence == sentence else ""

    scale: float | None = None
    if text(end) == "/" and end + 1 < len(tokens) and _is_number(tokens[end + 1]):
        scale, end = _value(tokens[end + 1]), end + 2
    elif (text(end), text(end + 1)) == ("out", "of") and end + 2 < len(tokens) and _is_number(tokens[end + 2]):
        scale, end = _value(tokens[end + 2]), end + 3
    if scale is not None and scale != 10:
        if scale <= 10 and value <= 10:
            return j, end, None, Doubt.RANGE  # "3/4": a range or a fraction, not a score out of ten
        return j, end, None, Doubt.OUT_OF_RANGE
    if scale is None and text(end) in _RANGE_JOINS and end + 1 < len(tokens) and _is_number(tokens[end + 1]) \
            and tokens[end + 1].sentence == sentence and _value(tokens[end + 1]) is not None \
            and _value(tokens[end + 1]) <= SCORE_MAX and text(end) != "/":
        second_is_score = end + 2 < len(tokens) and _item_at(tokens, end + 2) is not None
        if not second_is_score or text(end) in ("-", "–", "to", "or"):
            return j, end + 2, None, Doubt.RANGE
    if value != int(value):
        return j, end, None, Doubt.FRACTION
    if not SCORE_MIN <= value <= SCORE_MAX:
        return j, end, None, Doubt.OUT_OF_RANGE
    return j, end, int(value), None
