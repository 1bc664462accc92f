"""Turn what a participant typed into tokens the lexicons can be written against.

Case, curly apostrophes, stretched letters ("sooo"), contractions ("can't", "cant"), text-speak ("u", "im"),
common typos ("bladdder", "numbnes") and inflection ("fainted", "feet") are taken out here, so a lexicon entry
is written once, plainly, and still matches the way people in pain type. Every token keeps where it came from
in the original text, so the participant's own words can be quoted back.

Pure. The lemma dictionary (lemminflect) loads on first use, never at import.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from coach.domain.understanding import vocabulary

# Letters and the combining marks some scripts write their vowels with (Devanagari, Arabic, Hebrew, Thai…).
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u0e31-\u0e4e" \
          r"\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])"
_TOKEN = re.compile(
    rf"""(?P<number>\d+(?:[.,]\d+)?)
      | (?P<word>{_LETTER}+(?:['’‘`´-]{_LETTER}+)*)
      | (?P<stop>[.!?;]+|\n+)
      | (?P<punct>[,:=/()+&%<>~*#@-]|[–—])""",
    re.VERBOSE,
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")


class Token(NamedTuple):
    """One normalised token: its text, the lemmas it stands for, and where it was in the original."""

    text: str
    lemmas: frozenset[str]
    start: int
    end: int
    sentence: int
    kind: str  # word | number | punct


class Normalised(NamedTuple):
    """A message as tokens, with the original text kept for quoting."""

    original: str
    tokens: tuple[Token, ...]
    asked: frozenset[int] = frozenset()  # the sentences that end with a question mark

    def words(self, start: int, end: int) -> str:
        """The participant's own words from token `start` to token `end - 1`."""
        if start >= end:
            return ""
        return " ".join(self.original[self.tokens[start].start:self.tokens[end - 1].end].split())

    def sentences(self) -> int:
        return self.tokens[-1].sentence + 1 if self.tokens else 0


def normalise(text: str) -> Normalised:
    """Tokens with lemmas, contractions expanded, typos corrected and multi-word phrases joined."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer: offsets from the lowered text
        text = lowered
    raw: list[Token] = []
    asked: set[int] = set()
    sentence = 0
    for match in _TOKEN.finditer(lowered):
        kind = match.lastgroup or "punct"
        start, end = match.span()
        if kind == "stop":
            # "Chest. Tight. Now." is one thought: a stop ends a sentence only after a few words.
            words_so_far = sum(1 for token in raw if token.sentence == sentence)
            if raw and raw[-1].sentence == sentence and (words_so_far >= 3 or "\n" in match.group()):
                if "?" in match.group():
                    asked.add(sentence)
                sentence += 1
            continue
        if kind == "word":
            for word in _expand(match.group()):
                raw.append(Token(word, lemmas_of(word), start, end, sentence, "word"))
            continue
        value = match.group()
        raw.append(Token(value, frozenset({value}), start, end, sentence, kind))
    return Normalised(text, tuple(_join_phrases(raw)), frozenset(asked))


def _expand(word: str) -> tuple[str, ...]:
    """One typed word as the words it stands for: "can't" → can not, "im" → i am, "chesst" → chest."""
    word = _STRETCHED.sub(r"\1\1", word.translate(_APOSTROPHES))
    if "-" in word:
        joined = word.replace("-", "")
        if joined in vocabulary.lexicon_words() or joined in vocabulary.EXTRA_LEMMAS:
            return (joined,)
        return tuple(part for piece in word.split("-") for part in _expand(piece))
    expanded = vocabulary.CONTRACTIONS.get(word)
    if expanded is not None:
        return expanded
    if word.endswith("n't"):
        return (vocabulary.CONTRACTIONS.get(word[:-3], (word[:-3],))[0], "not")
    if "'" in word:
        stem, _, suffix = word.partition("'")
        if suffix == "s" and stem in vocabulary.IS_BEFORE_S:
            return (stem, "is")
        tail = vocabulary.CLITICS.get(suffix)
        return (stem,) if tail is None else (stem, tail)
    return (corrected(word),)


@lru_cache(maxsize=20_000)
def corrected(word: str) -> str:
    """A word as the lexicons know it: a known misspelling or a near miss of a lexicon word, else itself."""
    fixed = vocabulary.MISSPELLINGS.get(word)
    if fixed is not None:
        return fixed
    if len(word) < 4 or word in vocabulary.lexicon_words() or _known_english(word):
        return word
    return vocabulary.nearest_lexicon_word(word) or word


def is_function_word(word: str) -> bool:
    """"the", "and", "my": words that carry no content of their own."""
    return word in _function_words()


def _known_english(word: str) -> bool:
    return bool(_lemma_table()(word)) or word in _function_words() or word in vocabulary.CHAT_WORDS


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    # The lemma dictionary holds content words only: "with" must not become "wish".
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=50_000)
def lemmas_of(word: str) -> frozenset[str]:
    """The word and every lemma it can have ("fell" → fell, fall; "feet" → feet, foot)."""
    found = {word}
    for lemmas in _lemma_table()(word).values():
        found.update(lemma.lower() for lemma in lemmas)
    found.update(vocabulary.EXTRA_LEMMAS.get(word, ()))
    return frozenset(found)


@lru_cache(maxsize=1)
def _lemma_table():  # noqa: ANN202 - lemminflect's lookup function
    # Imported here: the dictionary takes about a second to load, which only messages with words need.
    import lemminflect

    return lemminflect.getAllLemmas


def _join_phrases(tokens: list[Token]) -> list[Token]:
    """Multi-word expressions become one canonical token ("pass out" → faint, "can not" → unable).

    Again on the result, so a phrase can be built on another ("could not get up" → unable get up → unable_get_up).
    """
    for _ in range(3):
        joined = _join_once(tokens)
        if len(joined) == len(tokens):
            return joined
        tokens = joined
    return tokens


def _join_once(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        found = vocabulary.match_phrase(tokens, i)
        if found is None:
            out.append(tokens[i])
            i += 1
            continue
        length, canonical = found
        first, last = tokens[i], tokens[i + length - 1]
        out.append(Token(canonical, frozenset({canonical}), first.start, last.end, first.sentence, "word"))
        i += length
    return out
