"""Find lexicon concepts in normalised tokens: one word of each group, near each other, in one sentence.

Word order does not matter ("bladder control gone" and "lost control of my bladder" are the same concept);
distance does. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from coach.domain.understanding.text import Normalised, Token


class ConceptLike(Protocol):
    """What the matcher needs of a lexicon entry (coach/domain/safety/lexicon.py's Concept is one)."""

    groups: tuple[frozenset[str], ...]
    window: int
    unless: frozenset[str]
    unless_window: int


class Hit(NamedTuple):
    """One concept found: the entry, the token positions it spans (first to last, inclusive), and its head —
    the word of its last group (the symptom itself: "swelling" in "feet … no swelling"), which context judges."""

    concept: ConceptLike
    first: int
    last: int
    sentence: int
    head: int
    body: int  # the word of its first group (usually the place: "feet" in "feet … no swelling")


# A group word starting with "#" matches a token by a test rather than by its lemmas (a low reading, say).
TokenTest = Callable[[Sequence[Token], int], bool]


class ConceptIndex:
    """A lexicon compiled for matching: which (concept, group) each word belongs to, built once."""

    def __init__(self, concepts: Sequence[ConceptLike], tests: dict[str, TokenTest] | None = None):
        self.concepts = tuple(concepts)
        self.tests = tests or {}
        self.by_word: dict[str, list[tuple[int, int]]] = {}
        self.by_test: dict[str, list[tuple[int, int]]] = {}
        for c, concept in enumerate(self.concepts):
            for g, group in enumerate(concept.groups):
                for word in group:
                    target = self.by_test if word.startswith("#") else self.by_word
                    target.setdefault(word, []).append((c, g))
        self.unless = {c: tuple(tuple(entry.split()) for entry in sorted(concept.unless))
                       for c, concept in enumerate(self.concepts) if concept.unless}

    def words(self) -> frozenset[str]:
        return frozenset(self.by_word)

    def find(self, normalised: Normalised) -> list[Hit]:
        """Every concept found, at most once per concept and sentence (its tightest match)."""
        tokens = normalised.tokens
        # (concept, sentence) -> positions per group
        seen: dict[tuple[int, int], list[list[int]]] = {}
        for position, token in enumerate(tokens):
            places: set[tuple[int, int]] = set()
            for lemma in token.lemmas:
                places.update(self.by_word.get(lemma, ()))
            if token.kind == "number":
                for name, where in self.by_test.items():
                    if self.tests[name](tokens, position):
                        places.update(where)
            for c, g in places:
                groups = seen.setdefault((c, token.sentence), [[] for _ in self.concepts[c].groups])
                groups[g].append(position)
        hits: list[Hit] = []
        for (c, sentence), groups in seen.items():
            if not all(groups):
                continue
            concept = self.concepts[c]
            found = self._first_not_excluded(tokens, c, groups)
            if found is not None:
                first, last = found
                head = max(p for p in groups[-1] if first <= p <= last)
                body = min(p for p in groups[0] if first <= p <= last)
                hits.append(Hit(concept, first, last, sentence, head, body))
        hits.sort(key=lambda hit: (hit.first, hit.last))
        return hits


    def _first_not_excluded(self, tokens: Sequence[Token], c: int, groups: list[list[int]]) -> tuple[int, int] | None:
        """The match to keep: the tightest, or for a one-word concept the first use that is not excluded
        ("on blood thinners … keeps bleeding": "blood" is excluded, "bleeding" is not)."""
        concept = self.concepts[c]
        candidates = [(p, p) for p in groups[0]] if len(groups) == 1 else [_tightest(groups, concept.window)]
        for candidate in candidates:
            if candidate is None:
                continue
            first, last = candidate
            if c not in self.unless or not _unless_near(tokens, first, last, self.unless[c], concept.unless_window):
                return candidate
        return None


def _tightest(groups: list[list[int]], window: int) -> tuple[int, int] | None:
    """The shortest stretch holding a position of every group, if it fits in the window; else None.

    A sliding window over the positions in order (groups are disjoint, tests/unit/test_red_flag_lexicon.py
    checks it), so a long note costs one pass, not a product of its positions."""
    if len(groups) == 1:
        return (groups[0][0], groups[0][0])
    marks = sorted((position, g) for g, positions in enumerate(groups) for position in positions)
    need, counts, covered = len(groups), [0] * len(groups), 0
    best: tuple[int, int] | None = None
    left = 0
    for position, g in marks:
        counts[g] += 1
        covered += counts[g] == 1
        while covered == need:
            start, g_left = marks[left]
            if position - start <= window and (best is None or position - start < best[1] - best[0]):
                best = (start, position)
            counts[g_left] -= 1
            covered -= counts[g_left] == 0
            left += 1
    return best


def _unless_near(tokens: Sequence[Token], first: int, last: int, phrases: tuple[tuple[str, ...], ...],
                 reach: int) -> bool:
    """Whether an `unless` phrase starts within `reach` tokens of the match, in the same sentence."""
    sentence = tokens[first].sentence
    low, high = max(0, first - reach), min(len(tokens), last + reach + 1)
    for phrase in phrases:
        for start in range(low, high):
            end = start + len(phrase)
            if end > len(tokens) or tokens[start].sentence != sentence or tokens[end - 1].sentence != sentence:
                continue
            if all(word in tokens[start + k].lemmas for k, word in enumerate(phrase)):
                return True
    return False
