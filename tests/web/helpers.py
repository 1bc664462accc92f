"""Participants written straight into a migrated database, for dashboard tests: each with a story the triage
ranking reads (a flag, silence, steady check-ins)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert

from coach.store.models import CheckIn, Participant, SafetyFlag, Schedule, SessionLog

# Saturday 21 November 2026, 17:00 UTC = 18:00 in Berlin (the e2e tests' START).
NOW = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)
JOINED = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def add_person(engine: Engine, telegram_id: int, name: str, *, checkin_days: range | list[int] = (),
               flags: list[tuple[str, bool, str]] = (), sessions: list[int] = (), pain: int = 2) -> int:
    """A participant who joined on 1 October, with check-ins `checkin_days` days before TODAY (0 = today), open
    flags (kind, urgent, their words) raised an hour ago and sessions done on those days back."""
    with engine.begin() as connection:
        pid = connection.execute(insert(Participant.__table__).values({
            "telegram_id": telegram_id, "chat_id": telegram_id, "first_name": name, "status": "active",
            "onboarding_step": None, "timezone": "Europe/Berlin", "clearance_required": False, "created_at": JOINED,
            "updated_at": JOINED, "condition": "diabetic"})).inserted_primary_key[0]
        connection.execute(insert(Schedule.__table__), [{"participant_id": pid, "session_days": "0,2,4",
                                                         "updated_at": JOINED}])
        if checkin_days:
            connection.execute(insert(CheckIn.__table__), [{
                "participant_id": pid, "local_date": TODAY - timedelta(days=back), "pain": pain, "numbness": 1,
                "tingling": 2, "balance": 1, "source": "typed", "recorded_at": NOW, "foot_problem": False,
                "note": None} for back in checkin_days])
        if sessions:
            connection.execute(insert(SessionLog.__table__), [{
                "participant_id": pid, "local_date": TODAY - timedelta(days=back), "status": "done", "rpe": 5,
                "pain": 2, "reps": "planned", "source": "command", "recorded_at": NOW} for back in sessions])
        for kind, urgent, words in flags:
            connection.execute(insert(SafetyFlag.__table__), [{
                "participant_id": pid, "kind": kind, "urgent": urgent, "source": "free_text", "excerpt": words,
                "raised_at": NOW - timedelta(hours=1)}])
    return pid


TRAINED = [back for back in range(0, 28) if (TODAY - timedelta(days=back)).weekday() in (0, 2, 4)]


def seed_four(engine: Engine) -> dict[str, int]:
    """Four participants whose order of need is plain: an urgent flag, a same-day flag, silence, all well."""
    add_person(engine, 7201, "Eve", checkin_days=range(0, 40), sessions=TRAINED)  # all well
    add_person(engine, 7202, "Dora", checkin_days=range(5, 40), sessions=TRAINED)  # silent 5 days
    add_person(engine, 7203, "Carl", checkin_days=range(0, 40), sessions=TRAINED,
               flags=[("foot_wound", False, "a new blister on my heel")])
    add_person(engine, 7204, "Bea", checkin_days=range(0, 40), sessions=TRAINED,
               flags=[("chest_pain", True, "chest feels tight when I climb stairs")])
    return {"Bea": 7204, "Carl": 7203, "Dora": 7202, "Eve": 7201}
