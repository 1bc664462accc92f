"""What a review reads, on SQLite and PostgreSQL: the bulk path agrees with the one-participant path,
a week spanning the end of summer time is seven local days, and a review is digested only once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlmodel import Session

from coach.domain.progression import DELOAD, PROGRESS
from coach.domain.triage import TriageFacts, rank
from coach.scheduler.digest import digest_messages, latest_digest_instant
from coach.services.review import weekly as review
from coach.store import reviews as store
from coach.store.models import CheckIn, Participant, SafetyFlag, Schedule, SessionLog

JOINED = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
# Sunday 25 October 2026: Europe/Berlin goes from summer to winter time at 03:00.
DST_SUNDAY = date(2026, 10, 25)


def add_participant(connection, pid: int, *, zone: str = "Europe/Berlin") -> None:
    connection.execute(insert(Participant.__table__), [{
        "id": pid, "telegram_id": 7000 + pid, "chat_id": 7000 + pid, "first_name": f"P{pid}", "status": "active",
        "onboarding_step": None, "timezone": zone, "clearance_required": False, "created_at": JOINED,
        "updated_at": JOINED}])
    connection.execute(insert(Schedule.__table__), [{"participant_id": pid, "session_days": "0,2,4",
                                                     "updated_at": JOINED}])


def add_week(connection, pid: int, last: date, pains: list[int], *, history_pain: int | None = None,
             reps: str = "more") -> None:
    first = last - timedelta(days=6)
    rows = [{"participant_id": pid, "local_date": first + timedelta(days=i), "pain": pain, "numbness": 1,
             "tingling": 1, "balance": 1, "source": "typed", "recorded_at": JOINED} for i, pain in enumerate(pains)]
    if history_pain is not None:  # 14 earlier days: a baseline
        rows += [{"participant_id": pid, "local_date": first - timedelta(days=i), "pain": history_pain,
                  "numbness": 1, "tingling": 1, "balance": 1, "source": "typed", "recorded_at": JOINED}
                 for i in range(1, 15)]
    connection.execute(insert(CheckIn.__table__), rows)
    connection.execute(insert(SessionLog.__table__), [
        {"participant_id": pid, "local_date": first + timedelta(days=offset), "status": "done", "rpe": 5, "pain": 1,
         "reps": reps, "source": "command", "recorded_at": JOINED} for offset in (0, 2, 4)])


def test_the_bulk_review_agrees_with_each_participants_own(engine):
    last = date(2026, 11, 29)
    with engine.begin() as connection:
        for pid in range(1, 7):
            add_participant(connection, pid, zone=("Europe/Berlin", "America/New_York", "Asia/Tokyo")[pid % 3])
        add_week(connection, 1, last, [2] * 7, history_pain=2)
        add_week(connection, 2, last, [3, 6, 3, 7, 3, 3, 3])
        add_week(connection, 3, last, [2, 2, 2])  # too few check-ins
        add_week(connection, 4, last, [2] * 7, reps="planned")
        add_week(connection, 5, last, [4] * 7, history_pain=2)  # mean 2 above the usual
        connection.execute(insert(SafetyFlag.__table__), [{
            "participant_id": 6, "kind": "weakness", "urgent": False, "source": "free_text", "excerpt": "x",
            "raised_at": datetime(2026, 11, 26, 12, tzinfo=UTC)}])
    with engine.connect() as connection:
        everyone = {p.participant_id: p for p in review.prepare_everyone(connection, last=last)}
        alone = {pid: review.prepare_one(connection, pid, last=last, can_apply=False) for pid in range(1, 7)}
    assert sorted(everyone) == list(range(1, 7))
    for pid in range(1, 7):
        assert everyone[pid].result.decision == alone[pid].result.decision, pid
        assert everyone[pid].facts == alone[pid].facts, pid
        assert everyone[pid].message == alone[pid].message, pid
    assert [everyone[pid].decision for pid in range(1, 7)] == [
        PROGRESS, DELOAD, "hold", PROGRESS, DELOAD, "see_clinician"]
    assert everyone[1].baseline.pain == 2 and everyone[1].baseline.checkins == 14
    assert alone[1].chart is not None and len(alone[1].chart.checkins) == 21


def test_a_week_across_the_end_of_summer_time_is_seven_local_days(engine):
    with engine.begin() as connection:
        add_participant(connection, 1)
        add_week(connection, 1, DST_SUNDAY, [2] * 7)
    with engine.connect() as connection:
        prepared = review.prepare_one(connection, 1, last=DST_SUNDAY, can_apply=True)
    assert (prepared.facts.first, prepared.facts.last) == (date(2026, 10, 19), DST_SUNDAY)
    assert len(prepared.facts.checkins) == 7 and prepared.facts.planned_sessions == 3
    assert prepared.decision == PROGRESS
    assert "📋 Mon 19 – Sun 25 Oct" in prepared.message


def test_each_review_reaches_one_digest_only(engine):
    now = datetime(2026, 11, 30, 7, 5, tzinfo=UTC)  # Mon 08:05 in Berlin
    with engine.begin() as connection:
        add_participant(connection, 1)
        add_participant(connection, 2)
    with Session(engine) as session:
        for pid, decision in ((1, DELOAD), (2, PROGRESS)):
            store.save(session=session, participant_id=pid, week_first=date(2026, 11, 23),
                       week_last=date(2026, 11, 29), now=datetime(2026, 11, 29, 18, tzinfo=UTC), decision=decision,
                       rules="painful_days", reasons="[]", message="m", status="proposed",
                       digest_pending=decision == DELOAD)
        session.commit()
    cutoff = latest_digest_instant(now, "Europe/Berlin")
    assert cutoff == datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    assert latest_digest_instant(now - timedelta(minutes=10), "Europe/Berlin") == cutoff - timedelta(days=1)
    with engine.begin() as connection:
        first = store.claim_digest(connection=connection, created_before=cutoff)
    with engine.begin() as connection:
        second = store.claim_digest(connection=connection, created_before=cutoff)
    assert [(line.telegram_id, line.decision) for line in first] == [(7001, DELOAD)]
    assert second == []
    with engine.begin() as connection:
        store.release_digest(connection=connection, review_ids=[first[0].review_id])
        assert len(store.claim_digest(connection=connection, created_before=cutoff)) == 1


def test_the_digest_time_is_local_to_the_default_zone():
    assert latest_digest_instant(datetime(2026, 7, 1, 6, 30, tzinfo=UTC), "Europe/Berlin") == datetime(
        2026, 7, 1, 6, 0, tzinfo=UTC)  # 08:00 summer time
    assert latest_digest_instant(datetime(2026, 12, 1, 6, 30, tzinfo=UTC), "Europe/Berlin") == datetime(
        2026, 11, 30, 7, 0, tzinfo=UTC)  # 07:30 in Berlin: yesterday's 08:00 (winter time)


def test_a_long_digest_is_split_into_messages_telegram_accepts():
    people = [TriageFacts(participant_id=i, telegram_id=100_000_000 + i, name="Alexandra-Marie", state="active",
                          today=date(2026, 11, 30), joined=date(2026, 10, 1), last_checkin=date(2026, 11, 20),
                          open_flags=1, urgent_flags=0, recent_pain=6.0, baseline_pain=2.0, planned_sessions=6,
                          trained_sessions=1, last_review=DELOAD) for i in range(120)]
    calm = people[0]._replace(telegram_id=99, open_flags=0, last_checkin=date(2026, 11, 30), recent_pain=2.0,
                              trained_sessions=6, last_review=PROGRESS)
    messages = digest_messages(rank([*people, calm]), reviewed=121)
    assert len(messages) > 1 and all(len(text) <= 4096 for text in messages)
    assert all(f"/user_{100_000_000 + i} · Alexandra-Marie · active · ⚠️ 1 open flag; 🔕 silent 10 days; 📈 pain 6 "
               "vs usual 2; 🌙 review said easier week; 📉 1 of 6 sessions in 14 days" in "".join(messages)
               for i in range(120))
    assert "/user_99" not in "".join(messages), "only who needs attention"
    assert messages[0].startswith("Who needs attention — 120 of 121 participants, most pressing first. 121 weekly "
                                  "reviews went out since the last digest.")
    assert messages[-1].endswith("Tap an id for the details; /users lists everyone.")
    assert digest_messages(rank([calm]), reviewed=1) == [
        "Nobody needs attention this morning 🌿 (1 participant). 1 weekly review went out since the last digest."]
