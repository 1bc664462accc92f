"""The red-flag lexicon and the context rules are data with examples: each example does what it says."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from coach.domain.safety import FlagKind, detect_red_flags
from coach.domain.safety.detect import _index
from coach.domain.safety.lexicon import CONCEPTS, Concept
from coach.domain.understanding.classify import MessageClass, understand
from coach.domain.understanding.context_rules import RULES, Rule
from coach.domain.understanding.text import normalise
from coach.domain.understanding.topics import TOPICS, TopicWords

TODAY = date(2026, 12, 6)
EXAMPLES = [(concept, example) for concept in CONCEPTS for example in concept.examples]


def _concept_id(pair: tuple[Concept, str]) -> str:
    return f"{pair[0].kind}: {pair[1][:50]}"


@pytest.mark.parametrize("pair", EXAMPLES, ids=[_concept_id(p) for p in EXAMPLES])
def test_every_lexicon_entry_fires_on_its_examples(pair: tuple[Concept, str]) -> None:
    """The entry itself matches its example; and, but for the injuries of a fall (which need a fall), the
    example raises the entry's kind."""
    concept, example = pair
    assert concept in [hit.concept for hit in _index().find(normalise(example))]
    found = {flag.kind for flag in detect_red_flags(example)}
    if concept.kind == FlagKind.FALL:  # a fall that left them on the floor is a fall with injury
        assert found & {FlagKind.FALL, FlagKind.FALL_INJURY}
    elif concept.kind != FlagKind.FALL_INJURY:
        assert concept.kind in found


def test_every_entry_has_an_example_and_its_groups_do_not_overlap() -> None:
    """A word in two groups of one entry would let one word satisfy both (the matcher relies on this)."""
    for concept in CONCEPTS:
        assert concept.examples, concept
        seen: set[str] = set()
        for group in concept.groups:
            assert not group & seen, (concept.examples[0], group & seen)
            seen |= group


def test_every_kind_has_an_entry() -> None:
    assert {concept.kind for concept in CONCEPTS} == set(FlagKind)


_DENYING = {"NEGATED", "RESOLVED", "HISTORICAL", "HYPOTHETICAL", "OTHER_PERSON", "NEAR_MISS"}
# A finding for each kind a rule may be limited to, written as a participant would.
_FINDING = {"fall": "fell over", "fall_injury": "fell and hit my head", "weakness": "legs giving way",
            "foot_infection": "toe hot and swollen", "self_harm": "want to kill myself"}
_FILLED = {"#year": "2015", "#number": "17"}


def _sentence(rule: Rule) -> tuple[str, str]:
    """(the cue beside a finding, the finding alone) for a rule: the cue is what must change the judgement."""
    cue = " ".join(_FILLED.get(word, word) for word in rule.cue.split())
    finding = _FINDING.get(rule.only[0], "chest pain") if rule.only else "chest pain"
    if rule.category == "OTHER_PERSON":
        finding = "fainted"
    if rule.category == "TERMINATE":
        return f"no chest pain {cue} i fainted", "i fainted"
    if rule.direction == "BACKWARD":
        return f"{finding} {cue}", finding
    return f"{cue} {finding}", finding


CUES = [rule for rule in RULES if rule.category != "PSEUDO"]


@pytest.mark.parametrize("rule", CUES, ids=[f"{r.category}/{r.direction}/{r.cue}" for r in CUES])
def test_every_context_cue_changes_the_judgement(rule: Rule) -> None:
    """Each cue, written beside a finding, turns a flag into none (or, for a clause break, lets one through)."""
    with_cue, alone = _sentence(rule)
    assert detect_red_flags(alone), alone
    flags = detect_red_flags(with_cue)
    if rule.category in _DENYING:
        assert flags == [], with_cue
    else:
        assert flags, with_cue


PSEUDO_EXAMPLES = sorted({example for rule in RULES if rule.category == "PSEUDO" for example in rule.examples})


@pytest.mark.parametrize("example", PSEUDO_EXAMPLES)
def test_what_only_looks_like_a_denial_still_raises_a_flag(example: str) -> None:
    """ "I'm not sure if I fainted", "the chest pain has not gone away": not denials."""
    assert detect_red_flags(example), example


@pytest.mark.parametrize("entry", TOPICS, ids=[t.topic for t in TOPICS])
def test_every_help_topic_is_found_in_its_examples(entry: TopicWords) -> None:
    for example in entry.examples:
        understood = understand(example, today=TODAY)
        assert MessageClass.QUESTION in understood.classes, example
        assert entry.topic in understood.topics, (example, understood.topics)


def test_no_message_text_reaches_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    """medspaCy's sentence splitter logs every sentence through loguru; nothing a participant wrote may get out."""
    from loguru import logger

    seen: list[str] = []
    sink = logger.add(lambda message: seen.append(str(message)), level="TRACE")
    try:
        with caplog.at_level(logging.DEBUG):
            text = "Zebrafinch note: I fainted after the squats and my chest is tight, pain 7"
            understand(text, today=TODAY)
            detect_red_flags(text)
    finally:
        logger.remove(sink)
    everything = caplog.text + "".join(seen)
    assert "Zebrafinch" not in everything and "fainted" not in everything
