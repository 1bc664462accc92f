"""Red flags in what a participant wrote, found the way clinical NLP finds them.

normalise (lemmas, typos, contractions, phrases) → find lexicon concepts by proximity → judge each in context
with ConText (denied, gone, long ago, only feared, someone else's) → combine (a fall with an injury is one
flag) → the kinds, with the participant's own words. Pure.

A cheap pre-filter comes first: a message made only of check-in words and numbers (the everyday
"pain 4 numbness 2 tingling 3 balance 1") cannot hold a red flag and costs nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from coach.domain.safety.kinds import KINDS, URGENT_KINDS, FlagKind, Urgency
from coach.domain.safety.lexicon import CONCEPTS, Concept
from coach.domain.understanding import context
from coach.domain.understanding.concepts import ConceptIndex, Hit
from coach.domain.understanding.lexicon import EVERYDAY_WORDS
from coach.domain.understanding.text import Normalised, Token, normalise

EXCERPT_LIMIT = 200
_WORD = re.compile(r"[^\W\d_]+")
# Readings below these are low blood sugar: 4.0 mmol/L (NHS, ADA "level 1" 3.9) or 70 mg/dL.
LOW_GLUCOSE_MMOL = 4.0
LOW_GLUCOSE_MG_DL = (20, 70)
_SUGAR_WORDS = frozenset({"sugar", "glucose", "meter", "reading", "level", "mmol", "bm", "finger"})
_UNITS_AFTER = frozenset({"mmol", "mg", "mmol/l", "mg/dl"})
_ACUTE = frozenset({Urgency.CRISIS, Urgency.EMERGENCY, Urgency.ACT_NOW})
_PAST_PERIODS = frozenset({"week", "weeks", "month", "months", "year", "years", "ago", "summer", "winter", "spring",
                           "autumn", "christmas", "january", "february", "march", "april", "may", "june", "july",
                           "august", "september", "october", "november", "december"})
_JUST_NOW = frozenset({"during", "exercise", "exercises", "exercising", "session", "workout", "set", "sets", "today",
                       "tonight", "morning", "afternoon", "walk", "walking", "stairs", "squats", "step",
                       "steps", "training", "gym"})
_PAST_HABITS = frozenset({("was", "getting"), ("were", "getting"), ("used", "to"), ("once", "the")})
_CARER_PAIRS = frozenset({("carer", "here"), ("her", "carer"), ("his", "carer")})
_CARER_TRIPLES = frozenset({("i", "look", "after"), ("i", "care", "for"), ("am", "looking", "after")})
_PROXY_VERBS = frozenset({"typing", "writing", "messaging", "texting", "answering", "replying", "sending"})
_QUESTION_STARTS = frozenset({"what", "why", "how", "when", "where", "which", "who", "can", "could", "should",
                              "would", "will", "is", "are", "does", "do", "am", "whats"})
_FIRST_PERSON = frozenset({"i", "my", "me", "mine", "myself", "unable", "im"})


class RedFlag(NamedTuple):
    """One red flag: its kind, whether it needs help now, and the participant's own words."""

    kind: FlagKind
    urgent: bool
    matched: str

    @property
    def urgency(self) -> Urgency:
        return KINDS[self.kind].urgency


def detect_red_flags(text: str) -> list[RedFlag]:
    """Every red-flag kind the participant has now, at most one per kind, in FlagKind order; [] if none."""
    if not isinstance(text, str) or not could_hold_a_flag(text):
        return []
    normalised = normalise(text)
    hits = _index().find(normalised)
    if not hits:
        return []
    # Each finding is judged at its symptom word and at its place ("numb in my feet but nothing down below").
    findings = [context.Finding(str(hit.concept.kind), hit.head, hit.head) for hit in hits]
    findings += [context.Finding(str(hit.concept.kind), hit.body, hit.body) for hit in hits]
    judged_both = context.judge(normalised, findings)
    judged = [head | body for head, body in zip(judged_both[:len(hits)], judged_both[len(hits):], strict=True)]
    judged = [_recent_stays(normalised, hit, contexts) for hit, contexts in zip(hits, judged, strict=True)]
    if _written_for_the_participant(normalised):
        # "Typing for mum: she fainted": the one she is the participant; someone else's is theirs — and the carer's
        # own ("I fainted myself in the queue") is the carer's, not the participant's.
        judged = [contexts - {context.Context.OTHER_PERSON} for contexts in judged]
        judged = [contexts | ({context.Context.OTHER_PERSON} if _the_writers_own(normalised, hit) else frozenset())
                  for hit, contexts in zip(hits, judged, strict=True)]
    affirmed = [hit for hit, contexts in zip(hits, judged, strict=True)
                if not contexts and not _general_question(normalised, hit)]
    return _combine(normalised, affirmed)


def could_hold_a_flag(text: str) -> bool:
    """False when every word is a check-in word (scores, item names, a foot answer): the pre-filter."""
    return any(word not in EVERYDAY_WORDS for word in _WORD.findall(text.lower()))


def _recent_stays(normalised: Normalised, hit: Hit, contexts: frozenset[context.Context]) -> frozenset[context.Context]:
    """An emergency that has settled is still an emergency to report when it happened just now or on exertion
    ("chest pressure during the step-ups, settled after ten minutes"), unless the message places it well in the
    past ("last week", "months ago")."""
    if contexts != {context.Context.RESOLVED} or KINDS[hit.concept.kind].urgency not in _ACUTE:  # type: ignore[attr-defined]
        return contexts
    sentence = [token.text for token in normalised.tokens if token.sentence == hit.sentence]
    words = set(sentence)
    past = bool(words & _PAST_PERIODS) or any(pair in _PAST_HABITS for pair in pairwise(sentence))
    if past or not words & _JUST_NOW:
        return contexts
    return frozenset()


def _the_writers_own(normalised: Normalised, hit: Hit) -> bool:
    """In a carer's message, a finding told in the first person ("I had a hypo myself", "it's me who slipped")."""
    sentence = [token.text for token in normalised.tokens if token.sentence == hit.sentence]
    pairs = set(pairwise(sentence))
    if "myself" in sentence or ("me", "who") in pairs or ("my", "own") in pairs or ("my", "problem") in pairs:
        return True
    before = [token.text for token in normalised.tokens[max(0, hit.first - 2):hit.first]]
    return "i" in before


def _written_for_the_participant(normalised: Normalised) -> bool:
    """A carer writing for the participant ("typing for mum", "on behalf of my dad", "he uses the bot")."""
    words = [token.text for token in normalised.tokens]
    pairs = set(pairwise(words))
    triples = set(zip(words, words[1:], words[2:], strict=False))
    if pairs & _CARER_PAIRS or triples & _CARER_TRIPLES:
        return True
    for i, word in enumerate(words[:-1]):
        if word in _PROXY_VERBS and ("for" in words[i + 1:i + 3] or words[i + 1] == "on"):
            return True
        if word == "behalf" and i > 0 and words[i - 1] == "on":
            return True
        if word in ("uses", "using") and "bot" in words[i + 1:i + 4]:
            return True
    return False


def _general_question(normalised: Normalised, hit: Hit) -> bool:
    """A question about a symptom that is not about the participant ("what is saddle numbness?").

    Never for thoughts of suicide: "what's the point in carrying on" is not a question about the bot."""
    if hit.concept.kind == FlagKind.SELF_HARM:  # type: ignore[attr-defined]
        return False
    sentence = hit.sentence
    words = [token.text for token in normalised.tokens if token.sentence == sentence]
    if not words or (sentence not in normalised.asked and words[0] not in _QUESTION_STARTS):
        return False
    # Up to the finding: "how low is too low for blood sugar before I exercise" asks about sugar, not about me.
    start = next(i for i, token in enumerate(normalised.tokens) if token.sentence == sentence)
    return not any(word in _FIRST_PERSON for word in words[:hit.last - start + 1])


def _combine(normalised: Normalised, hits: Sequence[Hit]) -> list[RedFlag]:
    """The kinds found, with a fall and an injury joined into one 'fall with injury' flag."""
    first_hit: dict[FlagKind, Hit] = {}
    injury: Hit | None = None
    for hit in hits:
        kind = hit.concept.kind  # type: ignore[attr-defined]
        if kind == FlagKind.FALL_INJURY:
            injury = injury or hit
        else:
            first_hit.setdefault(kind, hit)
    went_down = first_hit.get(FlagKind.FALL) or first_hit.get(FlagKind.FAINTING)
    if injury is not None and went_down is not None:
        first_hit[FlagKind.FALL_INJURY] = injury
        first_hit.pop(FlagKind.FALL, None)
    return [RedFlag(kind, kind in URGENT_KINDS, _excerpt(normalised, first_hit[kind]))
            for kind in FlagKind if kind in first_hit]


def _excerpt(normalised: Normalised, hit: Hit) -> str:
    """The sentence the flag was found in, in the participant's own words, cut to fit the flag's column."""
    tokens = normalised.tokens
    first = hit.first
    while first > 0 and tokens[first - 1].sentence == hit.sentence:
        first -= 1
    last = hit.last
    while last + 1 < len(tokens) and tokens[last + 1].sentence == hit.sentence:
        last += 1
    words = normalised.words(first, last + 1)
    if len(words) <= EXCERPT_LIMIT:
        return words
    around = normalised.words(hit.first, hit.last + 1)
    return ("…" + around)[:EXCERPT_LIMIT] if len(around) < EXCERPT_LIMIT else around[:EXCERPT_LIMIT - 1] + "…"


def _low_glucose(tokens: Sequence[Token], position: int) -> bool:
    """A number that reads as a low blood sugar: below 4.0 (mmol/L) or 20–70 (mg/dL), beside a sugar word."""
    try:
        value = float(tokens[position].text.replace(",", "."))
    except ValueError:
        return False
    low = value < LOW_GLUCOSE_MMOL or LOW_GLUCOSE_MG_DL[0] <= value <= LOW_GLUCOSE_MG_DL[1]
    if not low:
        return False
    before = tokens[max(0, position - 4):position]
    after = tokens[position + 1:position + 4]
    return any(t.lemmas & _SUGAR_WORDS for t in (*before, *after)) or any(t.text in _UNITS_AFTER for t in after[:1])


def _severe_score(tokens: Sequence[Token], position: int) -> bool:
    """A pain score at the top of the scale: 9 or 10 (out of 10)."""
    return tokens[position].text in ("9", "10")


@lru_cache(maxsize=1)
def _index() -> ConceptIndex:
    return ConceptIndex(CONCEPTS, tests={"#low_glucose": _low_glucose, "#severe_score": _severe_score})


def concepts_of(kind: FlagKind) -> tuple[Concept, ...]:
    return tuple(c for c in CONCEPTS if c.kind == kind)
