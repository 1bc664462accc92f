"""Understanding what participants write: how well, and how fast.

Prints one JSON object (progress goes to stderr):

- recall_by_kind, recall: of the red flags in the labelled corpus (tests/corpus: every file), the share found, per
  kind and overall (a message with two kinds counts twice). Goal ≥ 0.98.
- urgent_recall: the share of messages with an urgent kind (crisis, emergency, low blood sugar) whose urgent kinds
  were all found. Goal 1.0.
- false_alarm_rate: the share of harmless messages (the negatives and the free-text messages) that raised any flag.
  Goal ≤ 0.03. false_alarms_by_trap breaks the negatives down by what makes them harmless.
- extra_kind_rate: the share of red-flag messages that raised a kind their label does not list (a companion such as
  bleeding with a foot wound counts too: this is a precision figure, not a failure).
- free_text_accuracy: the share of labelled messages whose classes (check-in, partial, note, question, unknown,
  ambiguous) and scores were read exactly.
- everyday_ms / everyday_floor_ms: median and p99 milliseconds per message for the everyday check-in line
  ("pain 4 numbness 2 tingling 3 balance 1") through the whole understanding pipeline, and through the strict
  check-in parser alone (what the line cost before this pipeline existed); everyday_ratio compares the medians.
  Goal: unchanged within noise.
- long_note_ms: median and p99 milliseconds for a realistic diary note near Telegram's 4,096-character limit.
- first_message_ms: loading the lemma dictionary, spaCy and medspaCy, once per process (the bot does it at start).

    .venv/bin/python bench/safety.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.domain.safety import URGENT_KINDS, FlagKind, detect_red_flags  # noqa: E402
from coach.domain.symptoms import parse_checkin  # noqa: E402
from coach.domain.understanding.classify import MessageClass, understand  # noqa: E402
from tests.corpus import all_samples  # noqa: E402

TODAY = date(2026, 12, 6)
EVERYDAY = "pain 4 numbness 2 tingling 3 balance 1"
DIARY = ("Woke early with the usual burning in both feet and lay there a while before getting up. Had porridge and "
         "a cup of tea, then did the seated exercises in the kitchen with the radio on. The tingling in my fingers "
         "came and went all morning. Walked slowly to the post office with my stick, the pavement was wet so I took "
         "my time. Quiet afternoon, watched a film and dozed on the sofa, legs restless again by teatime. ")
LONG_NOTE = (DIARY * 12)[:4000]


def main() -> None:
    started = time.perf_counter()
    understand("warm up: I fainted", today=TODAY)
    first_ms = (time.perf_counter() - started) * 1000
    red, harmless, classified = all_samples()
    print(f"{len(red)} red-flag messages, {len(harmless)} harmless, {len(classified)} classified", file=sys.stderr)

    found_by_kind, total_by_kind = Counter(), Counter()
    urgent_total = urgent_found = extra = 0
    urgent = {str(kind) for kind in URGENT_KINDS}
    for sample in red:
        found = {str(flag.kind) for flag in detect_red_flags(sample.text)}
        for kind in sample.flags:
            total_by_kind[kind] += 1
            found_by_kind[kind] += kind in found
        wanted_urgent = sample.flags & urgent
        if wanted_urgent:
            urgent_total += 1
            urgent_found += wanted_urgent <= found
        extra += bool(found - sample.flags)

    alarms, by_trap, traps = 0, Counter(), Counter()
    for sample in harmless:
        raised = bool(detect_red_flags(sample.text))
        alarms += raised
        trap = sample.trap or "free_text"
        traps[trap] += 1
        by_trap[trap] += raised

    right = 0
    for sample in classified:
        understood = understand(sample.text, today=TODAY)
        classes = {"unknown" if c == MessageClass.SMALL_TALK else str(c) for c in understood.classes}
        classes.discard(str(MessageClass.RED_FLAG))
        expected = set(sample.classes)
        if sample.flags:
            classes.discard("note")
            expected.discard("note")
        scores_ok = sample.scores is None or understood.scores == sample.scores
        right += classes == expected and scores_ok

    everyday = _timings(lambda: understand(EVERYDAY, today=TODAY))
    floor = _timings(lambda: parse_checkin(EVERYDAY, today=TODAY))
    long_note = _timings(lambda: understand(LONG_NOTE, today=TODAY), repeats=200)
    print(json.dumps({
        "messages": {"red_flags": len(red), "harmless": len(harmless), "classified": len(classified)},
        "recall_by_kind": {str(k): round(found_by_kind[str(k)] / total_by_kind[str(k)], 3)
                           for k in FlagKind if total_by_kind[str(k)]},
        "recall": round(sum(found_by_kind.values()) / sum(total_by_kind.values()), 4),
        "urgent_recall": round(urgent_found / urgent_total, 4),
        "false_alarm_rate": round(alarms / len(harmless), 4),
        "false_alarms_by_trap": {trap: f"{by_trap[trap]}/{traps[trap]}" for trap in sorted(traps)},
        "extra_kind_rate": round(extra / len(red), 4),
        "free_text_accuracy": round(right / len(classified), 4),
        "everyday_ms": everyday,
        "everyday_floor_ms": floor,
        "everyday_ratio": round(everyday["median"] / floor["median"], 2),
        "long_note_ms": long_note,
        "long_note_chars": len(LONG_NOTE),
        "first_message_ms": round(first_ms),
        "seconds": round(time.perf_counter() - started, 1),
    }, indent=2))


def _timings(run, repeats: int = 3000) -> dict[str, float]:  # noqa: ANN001 - a callable
    for _ in range(min(repeats, 50)):
        run()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {"median": round(statistics.median(samples), 4), "p99": round(samples[int(len(samples) * 0.99) - 1], 4)}


if __name__ == "__main__":
    main()
