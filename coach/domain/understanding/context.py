"""Judge each finding in its context with ConText (Chapman et al.), as medspaCy implements it.

A finding is a stretch of normalised tokens (a red-flag concept, say). ConText looks for cues around it —
"no", "gone", "years ago", "if I ever", "my husband" — and their reach in the sentence, and says which apply.
medspaCy runs on a blank English spaCy pipeline (no model download). It is loaded once per process, on the
first message that needs it, never at import: the bot starts without paying for it.

medspaCy's own sentence splitter (PyRuSH) logs every sentence's words through loguru at DEBUG, which would put
what a participant wrote into the logs; it is not used: sentences come from our own tokens.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from coach.domain.understanding.context_rules import RULES, Rule
from coach.domain.understanding.text import Normalised


class Context(StrEnum):
    """Why a finding is not the participant's, now."""

    NEGATED = "negated"
    RESOLVED = "resolved"
    HISTORICAL = "historical"
    HYPOTHETICAL = "hypothetical"
    OTHER_PERSON = "other_person"
    NEAR_MISS = "near_miss"


class Finding(NamedTuple):
    """A stretch of tokens to judge, with its label (the flag kind)."""

    label: str
    first: int  # token positions, inclusive
    last: int


# Between a clause-bound cue and its finding, any of these means a new clause has begun.
_CLAUSE_BREAKS = frozenset({",", "then", "i", "so", "but", "(", ")", "-", "–", "—", ":"})


def judge(normalised: Normalised, findings: Sequence[Finding]) -> list[frozenset[Context]]:
    """For each finding, the contexts that apply to it (empty: the participant has it, now)."""
    if not findings:
        return []
    return _judge().run(normalised, findings)


def warm_up() -> None:
    """Load the pipeline now (at start-up, off the event loop) rather than on the first message."""
    _judge()


class _Judge:
    def __init__(self) -> None:
        # Imported here: spaCy and medspaCy take about a second to import.
        import spacy
        from medspacy.context import ConText, ConTextRule
        from spacy.tokens import Doc

        self._doc_class = Doc
        self._nlp = spacy.blank("en")
        # A cue inside a finding ("not" in "I would not mind if I didn't wake up") does not judge it.
        self._context = ConText(self._nlp, rules=None, span_attrs=None, input_span_type="group",
                                span_group_name="findings", max_scope=None, prune_on_target_overlap=True)
        self._context.add([_as_medspacy(rule, ConTextRule) for rule in _merged(RULES)])
        # spaCy's Doc and ConText's matcher are not safe to share between threads running at once.
        self._lock = threading.Lock()

    def run(self, normalised: Normalised, findings: Sequence[Finding]) -> list[frozenset[Context]]:
        tokens = normalised.tokens
        words = [token.text for token in tokens]
        starts = [i == 0 or token.sentence != tokens[i - 1].sentence for i, token in enumerate(tokens)]
        with self._lock:
            doc = self._doc_class(self._nlp.vocab, words=words, sent_starts=starts)
            spans = [doc[finding.first:finding.last + 1] for finding in findings]
            for span, finding in zip(spans, findings, strict=True):
                span.label_ = finding.label
            doc.spans["findings"] = spans
            self._context(doc)
            judged = []
            for span in doc.spans["findings"]:
                judged.append(frozenset(Context(_CATEGORY[m.category]) for m in span._.modifiers
                                        if m.category in _CATEGORY))
        return judged


_CATEGORY = {"NEGATED": Context.NEGATED, "RESOLVED": Context.RESOLVED, "HISTORICAL": Context.HISTORICAL,
             "HYPOTHETICAL": Context.HYPOTHETICAL, "OTHER_PERSON": Context.OTHER_PERSON,
             "NEAR_MISS": Context.NEAR_MISS}
_lock = threading.Lock()
_instance: _Judge | None = None


def _judge() -> _Judge:
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = _Judge()
    return _instance


def _merged(rules: Sequence[Rule]) -> list[Rule]:
    """One rule per cue and category: a cue listed both forward and backward looks both ways.

    medspaCy keeps only the longest of overlapping cue matches, so two rules on the same words would leave one.
    """
    merged: dict[tuple[str, str], Rule] = {}
    for rule in rules:
        key = (rule.category, rule.cue)
        earlier = merged.get(key)
        if earlier is None:
            merged[key] = rule
        elif earlier.direction != rule.direction:
            scope = None if None in (earlier.max_scope, rule.max_scope) else max(earlier.max_scope, rule.max_scope)
            merged[key] = earlier._replace(direction="BIDIRECTIONAL", max_scope=scope)
    return list(merged.values())


def _as_medspacy(rule: Rule, rule_class: Any) -> Any:  # noqa: ANN401 - medspaCy's ConTextRule
    """One of our rules as a medspaCy ConTextRule, matched on the normalised words.

    A new clause ("but", "and then") ends every cue's reach except a resolution's: "I had chest pain last week but
    it has gone" is resolved."""
    pattern = [_PATTERN_WORDS.get(word) or {"LOWER": word} for word in rule.cue.split()]
    return rule_class(
        # The literal names the rule inside medspaCy and must be unique: one cue can look both ways.
        literal=f"{rule.category}/{rule.direction}/{rule.cue}", category=rule.category, direction=rule.direction,
        pattern=pattern,
        max_scope=rule.max_scope, allowed_types=set(rule.only) if rule.only else None,
        excluded_types=set(rule.never) if rule.never else None, on_modifies=_checks(rule),
        terminated_by=None if rule.category in ("RESOLVED", "NEAR_MISS", "CLAUSE") else {"CLAUSE"})


def _checks(rule: Rule):  # noqa: ANN202 - a medspaCy on_modifies callback, or None
    """The extra conditions a rule's cue must meet to reach a finding."""
    if not (rule.clause_bound or rule.subject_only):
        return None

    def check(target: Any, modifier: Any, span_between: Any) -> bool:  # noqa: ANN401 - spaCy spans
        if rule.subject_only and not _is_subject(modifier):
            return False
        # Looking back ("… has gone"), the participant speaking is no new clause: "the sugars I was getting stopped".
        # Someone else's story goes on past a comma ("my son cut his foot, blood everywhere") until "I" speaks.
        breaks = (_CLAUSE_BREAKS - {"i"} if rule.direction == "BACKWARD"
                  else frozenset({"i", "me"}) if rule.category == "OTHER_PERSON" else _CLAUSE_BREAKS)
        return not rule.clause_bound or _within_clause(span_between, breaks)

    return check


# Words after which a noun starts a new clause as its subject ("…, my husband fell", "when she fainted").
_CLAUSE_OPENERS = frozenset({",", "and", "but", "when", "because", "so", "then", "while", "as", "that", "said",
                             "says", "think", "thinks", "thought", "reckon", "reckons", "-", ":", "(", "is", "was",
                             "cos"})


# Someone's someone: "my neighbour's husband", "my friend's mum" (the "'s" is gone after normalisation).
_PEOPLE = frozenset({"neighbour", "neighbor", "friend", "sister", "brother", "mum", "mom", "dad", "son", "daughter",
                     "wife", "husband", "partner", "aunt", "uncle", "cousin", "colleague", "boss", "gran", "nan"})


def _is_subject(modifier: Any) -> bool:  # noqa: ANN401 - a spaCy span
    """The cue opens its clause: "the dog collapsed", "…, my husband fell", "my neighbour's husband has…"."""
    first = modifier[0]
    if first.is_sent_start or first.i == 0:
        return True
    before = first.nbor(-1).lower_
    return before in _CLAUSE_OPENERS or before in _PEOPLE


# Cue words that stand for a kind of token: a year ("in 2019"), an age or a count ("when I was 17").
_PATTERN_WORDS = {"#year": {"TEXT": {"REGEX": r"^(19|20)\d\d$"}}, "#number": {"TEXT": {"REGEX": r"^\d{1,3}$"}}}


def _within_clause(span_between: Any, breaks: frozenset[str]) -> bool:  # noqa: ANN401 - a spaCy span
    """A clause-bound cue reaches its finding only if no new clause starts in between.

    The first word after the cue does not count: "if I ever faint" is one clause, "if I stand up I faint" two."""
    return not any(token.lower_ in breaks and not (token.lower_ == "me" and token.nbor(-1).lower_ in _PREPOSITIONS)
                   for token in span_between[1:])


# "the lady next to me fainted": after these, "me" is not the participant taking over the story.
_PREPOSITIONS = frozenset({"to", "with", "behind", "beside", "near", "for", "at", "by", "from", "of", "like"})
