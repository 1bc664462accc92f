"""Who needs the care team's attention first, and why: one ranking for /users, the admins' digest and the
dashboard. Pure: no I/O; the store gathers each participant's facts, this module judges them.

Most pressing first: an open red flag (urgent ones before the rest), a review that said see a clinician,
silence for 2 or more days, pain rising against the participant's own baseline, a review that said take an
easier week, low adherence to planned sessions, a blocked bot. Each reason is one short phrase in the third
person, the same wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from coach.domain.progression import DELOAD, SEE_CLINICIAN, one_decimal

SILENT_DAYS = 2  # no check-in for this many days (PRODUCT.md: "silent 2+ days")
PAIN_RISE = 2.0  # points above the baseline: the clinically important change on a 0–10 scale (Farrar 2001)
PAIN_MIN_CHECKINS = 3  # a mean pain over the last 7 days needs this many check-ins to count
ADHERENCE_DAYS = 14  # adherence is judged over the last two weeks
LOW_ADHERENCE = 0.5  # fewer than half of the planned sessions done or partly done
ADHERENCE_MIN_PLANNED = 2
REVIEW_FRESH_DAYS = 8  # a review's decision counts while its week ended this recently


class TriageFacts(NamedTuple):
    """What the ranking reads about one participant (gathered by coach/store/triage.py)."""

    participant_id: int
    telegram_id: int
    name: str
    state: str  # active, paused, not cleared, blocked, setting up
    today: date  # their local date
    joined: date
    last_checkin: date | None
    open_flags: int
    urgent_flags: int
    recent_pain: float | None  # mean pain of the last 7 days' check-ins, with PAIN_MIN_CHECKINS of them
    baseline_pain: float | None  # the weekly review's baseline before those 7 days
    planned_sessions: int  # in the last ADHERENCE_DAYS days (since joining)
    trained_sessions: int  # done or partly, in the same days
    last_review: str | None  # the latest review's decision, if its week ended within REVIEW_FRESH_DAYS
    last_review_week: date | None = None


class Need(NamedTuple):
    facts: TriageFacts
    reasons: tuple[str, ...]  # most pressing first; empty: nothing needs attention
    order: tuple  # the sort key

    @property
    def needs_attention(self) -> bool:
        return bool(self.reasons)


# The order of the kinds of need; a participant ranks by their most pressing one, then by how many.
URGENT_FLAG, OPEN_FLAG, SEE_A_CLINICIAN, SILENT, PAIN_UP, EASIER_WEEK, LOW_SESSIONS, BLOCKED = range(8)
_NOTHING = 99


def judge(facts: TriageFacts) -> Need:
    """One participant's reasons for attention (most pressing first) and sort key."""
    found: list[tuple[int, str]] = []
    if facts.open_flags:
        plural = "s" * (facts.open_flags != 1)
        if facts.urgent_flags:
            found.append((URGENT_FLAG, f"🚨 {facts.open_flags} open flag{plural} ({facts.urgent_flags} urgent)"))
        else:
            found.append((OPEN_FLAG, f"⚠️ {facts.open_flags} open flag{plural}"))
    if facts.last_review == SEE_CLINICIAN:
        found.append((SEE_A_CLINICIAN, "🩺 review said see a clinician"))
    silent_for = None
    if facts.state == "active":
        since = facts.last_checkin or facts.joined
        silent_for = (facts.today - since).days
        if silent_for >= SILENT_DAYS:
            found.append((SILENT, f"🔕 silent {silent_for} days" if facts.last_checkin
                          else f"🔕 no check-in yet ({silent_for} days)"))
    if (facts.recent_pain is not None and facts.baseline_pain is not None
            and facts.recent_pain >= facts.baseline_pain + PAIN_RISE):
        found.append((PAIN_UP, f"📈 pain {one_decimal(facts.recent_pain)} vs usual {one_decimal(facts.baseline_pain)}"))
    if facts.last_review == DELOAD:
        found.append((EASIER_WEEK, "🌙 review said easier week"))
    if (facts.state == "active" and facts.planned_sessions >= ADHERENCE_MIN_PLANNED
            and facts.trained_sessions < facts.planned_sessions * LOW_ADHERENCE):
        found.append((LOW_SESSIONS, f"📉 {facts.trained_sessions} of {facts.planned_sessions} sessions in "
                                    f"{ADHERENCE_DAYS} days"))
    if facts.state == "blocked":
        found.append((BLOCKED, "⛔ blocked the bot"))
    found.sort()
    first = found[0][0] if found else _NOTHING
    return Need(facts, tuple(reason for _, reason in found),
                (first, -len(found), -(silent_for or 0), facts.telegram_id))


def rank(people: Iterable[TriageFacts]) -> list[Need]:
    """Everyone, most in need first; those with nothing to attend to last, by Telegram id."""
    return sorted((judge(facts) for facts in people), key=lambda need: need.order)
