"""The labelled corpus (tests/corpus), written the way participants type: every red flag is found, nothing
harmless raises one, and free text is understood as what it is. One row per message, so it can grow."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from coach.domain.safety import FlagKind, detect_red_flags
from coach.domain.understanding.classify import MessageClass, understand
from tests.corpus import Sample, all_samples
from tests.corpus.free_text import FREE_TEXT
from tests.corpus.negatives import NEGATIVES
from tests.corpus.red_flags import RED_FLAGS

TODAY = date(2026, 12, 6)
# A kind that may come with a listed one: a clinician would not object to either.
COMPANIONS: dict[str, frozenset[str]] = {
    "foot_wound": frozenset({"bleeding", "foot_infection"}),
    "foot_infection": frozenset({"foot_wound"}),
    "bleeding": frozenset({"foot_wound"}),
    "fall": frozenset({"weakness"}),
    "weakness": frozenset({"fall"}),
    "fainting": frozenset({"fall", "fall_injury"}),
    "fall_injury": frozenset({"bleeding"}),
    "breathless_dizzy": frozenset({"fainting"}),
    "chest_pain": frozenset({"arm_jaw_pain", "breathless_dizzy"}),
}
TRAPS = ("negated", "resolved", "historical", "hypothetical", "other_person", "figurative", "everyday",
         "medical_word", "question")


# Rows where the label and the bot disagree, each with why; strict, so a fix shows up as a failure to remove it.
KNOWN_FLAGS: dict[str, str] = {
    "would you alert someone if I said I wanted to hurt myself? just asking how it works":
        "a question about self-harm is answered as self-harm: for a crisis, a false alarm is the safer mistake",
}
KNOWN_CLASSES: dict[str, str] = {
    "ghjkl sorry the cat walked on the keyboard": "a sentence with a verb is kept as a diary note",
    "the cat walked across my phone": "a sentence with a verb is kept as a diary note",
}


def _known(samples: list[Sample], known: dict[str, str]) -> list:
    return [pytest.param(s, marks=pytest.mark.xfail(reason=known[s.text], strict=True), id=_id(s))
            if s.text in known else pytest.param(s, id=_id(s)) for s in samples]


def _id(sample: Sample) -> str:
    return " ".join(sample.text.split())[:60] or "<empty>"


ALL_RED, ALL_HARMLESS, ALL_CLASSIFIED = all_samples()


@pytest.mark.parametrize("sample", _known(ALL_RED, KNOWN_FLAGS))
def test_every_red_flag_is_found(sample: Sample) -> None:
    found = {str(flag.kind) for flag in detect_red_flags(sample.text)}
    assert sample.flags <= found
    allowed = set(sample.flags).union(*(COMPANIONS.get(kind, frozenset()) for kind in sample.flags))
    assert found <= allowed, f"unexpected kinds {found - allowed}"


@pytest.mark.parametrize("sample", _known(ALL_HARMLESS, KNOWN_FLAGS))
def test_nothing_harmless_raises_a_flag(sample: Sample) -> None:
    assert detect_red_flags(sample.text) == []


@pytest.mark.parametrize("sample", _known(ALL_CLASSIFIED, KNOWN_CLASSES))
def test_free_text_is_understood_as_what_it_is(sample: Sample) -> None:
    understood = understand(sample.text, today=TODAY)
    classes = {str(c) for c in understood.classes} - {str(MessageClass.RED_FLAG)}
    classes = {"unknown" if c == str(MessageClass.SMALL_TALK) else c for c in classes}
    expected = set(sample.classes)
    if sample.flags:  # the words of a flag are kept with the check-in; whether that counts as a note is moot
        classes.discard("note")
        expected.discard("note")
    assert classes == expected
    if sample.scores is not None:
        assert understood.scores == sample.scores
    if not sample.flags:
        assert understood.flags == ()


def test_the_corpus_covers_every_kind_trap_and_class() -> None:
    """At least 200 red flags across every kind, 150 negatives covering every trap, 50 of each free-text class."""
    kinds = Counter(kind for sample in RED_FLAGS for kind in sample.flags)
    assert len(RED_FLAGS) >= 200
    assert set(kinds) == {str(kind) for kind in FlagKind}
    assert min(kinds.values()) >= 12
    traps = Counter(sample.trap for sample in NEGATIVES)
    assert len(NEGATIVES) >= 150 and set(traps) == set(TRAPS) and min(traps.values()) >= 15
    classes = Counter(c for sample in FREE_TEXT for c in sample.classes)
    for name in ("checkin", "partial", "note", "question"):
        assert classes[name] >= 50, name
    assert classes["unknown"] >= 20 and classes["ambiguous"] >= 15
