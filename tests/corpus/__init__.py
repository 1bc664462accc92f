"""A labelled corpus of messages written the way participants type, for the red-flag and free-text tests.

Plain data, written independently of the detector so that it tests it:

- ``red_flags.RED_FLAGS``: messages that carry one or more red flags, each labelled with exactly the kinds a careful
  clinician would list (nothing the participant denies, nothing they did not say).
- ``negatives.NEGATIVES``: messages that must raise no flag, each with the ``trap`` that makes it harmless.
- ``free_text.FREE_TEXT``: flag-free messages labelled with their free-text classes and the scores to be read.

Red-flag kinds: emergency ``bladder_bowel``, ``saddle_numbness``, ``chest_pain``, ``arm_jaw_pain``,
``breathless_dizzy``, ``fainting``, ``fall_injury``; act now ``hypoglycaemia``; crisis ``self_harm``; same-day
clinician ``foot_wound``, ``foot_infection``, ``bleeding``, ``weakness``, ``severe_pain``, ``fall``.

Traps: ``negated``, ``resolved``, ``historical``, ``hypothetical``, ``other_person``, ``figurative``, ``everyday``,
``medical_word``, ``question``.

Free-text classes: ``checkin`` (all four scores), ``partial`` (one to three scores), ``note`` (a symptom report or
diary note), ``question``, ``unknown`` (no symptom, body part, score or question), ``ambiguous`` (a score that must
be asked about: a range, two values for one item, a value outside 0-10, a fraction of a point). ``classes`` is the
whole set a message belongs to: a check-in followed by a diary note is ``{"checkin", "note"}``.

Scores use the item names ``pain``, ``numbness``, ``tingling`` (tingling or burning) and ``balance`` (balance or
unsteadiness; "dizzy" is not balance).
"""

import importlib
from typing import NamedTuple


class Sample(NamedTuple):
    """One message and what must be understood from it."""

    text: str
    flags: frozenset[str] = frozenset()  # red-flag kinds that MUST be found (empty: none may be found)
    classes: frozenset[str] = frozenset()  # free-text classes expected; empty: not checked
    scores: dict[str, int] | None = None  # for checkin/partial: exactly the scores that must be read; None: not checked
    trap: str = ""  # negatives only: why it is harmless (one of the traps above)


# The files of the corpus: the first author's three, then three more authors', each written without seeing the
# detector (and measured on it first, as its docstring says) before it joined the corpus.
FILES = ("red_flags", "negatives", "free_text", "second_author", "third_author", "fourth_author")


def all_samples() -> tuple[list[Sample], list[Sample], list[Sample]]:
    """Every file's samples: (red-flag messages, harmless messages, messages labelled with classes)."""
    samples: list[Sample] = []
    for name in FILES:
        module = importlib.import_module(f"tests.corpus.{name}")
        for attribute in ("RED_FLAGS", "NEGATIVES", "FREE_TEXT"):
            samples.extend(getattr(module, attribute, []))
    return ([s for s in samples if s.flags], [s for s in samples if not s.flags],
            [s for s in samples if s.classes])
