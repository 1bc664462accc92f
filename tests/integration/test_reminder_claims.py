"""Claiming reminders: never the same row twice, and a claim given up on is never sent late.

Both on a real SQLite file and on PostgreSQL (the `engine` fixture runs each test on both).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event, select

from coach.store import participants
from coach.store import reminders as store
from coach.store.db import session_scope
from coach.store.models import Reminder

NOW = datetime(2026, 11, 21, 19, 0, 30, tzinfo=UTC)


def _queue(engine, count: int) -> None:
    with session_scope(engine) as session:
        rows = []
        for index in range(count):
            participant = participants.create_participant(
                session=session, telegram_id=10_000 + index, chat_id=10_000 + index, first_name="P",
                timezone="UTC", now=NOW)
            session.flush()
            rows.append({"participant_id": participant.id, "kind": "checkin", "local_date": date(2026, 11, 21),
                         "due_at": NOW - timedelta(seconds=30), "status": "queued", "created_at": NOW})
        store.queue(connection=session.connection(), rows=rows)


def test_a_claim_racing_another_never_takes_a_row_twice(engine):
    """Worker B claims between worker A's select and A's update: each row ends with exactly one claimer."""
    _queue(engine, 6)
    taken: dict[str, list[int]] = {}
    with engine.connect() as a_conn:
        def b_claims_first(conn, clauseelement, *args, **kwargs):  # noqa: ANN001, ANN202
            if "UPDATE" in str(clauseelement).upper()[:10] and "b" not in taken:
                with engine.connect() as b_conn, b_conn.begin():
                    taken["b"] = [r.id for r in store.claim_due(connection=b_conn, now=NOW, limit=4, worker="b")]

        event.listen(a_conn, "before_execute", b_claims_first)
        with a_conn.begin():
            taken["a"] = [r.id for r in store.claim_due(connection=a_conn, now=NOW, limit=6, worker="a")]
    assert set(taken["a"]).isdisjoint(taken["b"])
    with engine.connect() as conn:
        claimed = dict(conn.execute(select(Reminder.id, Reminder.claimed_by).where(Reminder.status == "sending")).all())
    assert len(claimed) == 6
    assert {rid for rid, by in claimed.items() if by == "a"} == set(taken["a"])
    assert {rid for rid, by in claimed.items() if by == "b"} == set(taken["b"])


def test_a_claim_given_up_after_its_lease_is_not_sent_by_its_first_worker(engine):
    """Worker A's send was under way when its lease ran out: B marked it uncertain; A may neither send it
    nor overwrite that."""
    _queue(engine, 1)
    with engine.begin() as conn:
        (claim,) = store.claim_due(connection=conn, now=NOW, limit=10, worker="a")
        assert store.renew_claim(connection=conn, reminder_id=claim.id, worker="a", now=NOW)  # the send begins
    with engine.begin() as conn:
        assert store.recover_stale_claims(connection=conn, claimed_before=NOW + timedelta(minutes=1)) == (0, 1)
    with engine.begin() as conn:
        assert not store.renew_claim(connection=conn, reminder_id=claim.id, worker="a",
                                     now=NOW + timedelta(minutes=6))
        assert not store.finish(connection=conn, reminder_id=claim.id, status="sent", now=NOW, message_id=7)
    with engine.connect() as conn:
        (row,) = store.for_participant(connection=conn, participant_id=claim.participant_id)
    assert (row.status, row.detail, row.message_id) == ("uncertain", "worker stopped while sending", None)


def test_a_dead_workers_untried_claims_go_to_another_worker(engine):
    """A worker died holding a batch: what it never began to send is released after the lease, another
    worker claims and sends it, and the dead worker's name cannot finish it."""
    _queue(engine, 3)
    with engine.begin() as conn:
        batch = store.claim_due(connection=conn, now=NOW, limit=10, worker="a")
        assert store.renew_claim(connection=conn, reminder_id=batch[0].id, worker="a", now=NOW)
    with engine.begin() as conn:
        assert store.recover_stale_claims(connection=conn, claimed_before=NOW) == (0, 0)  # lease not over yet
        assert store.recover_stale_claims(connection=conn, claimed_before=NOW + timedelta(minutes=1)) == (2, 1)
    later = NOW + timedelta(minutes=2)
    with engine.begin() as conn:
        taken = store.claim_due(connection=conn, now=later, limit=10, worker="b")
        assert [r.id for r in taken] == [r.id for r in batch[1:]]
        assert not store.renew_claim(connection=conn, reminder_id=batch[1].id, worker="a", now=later)
        assert store.renew_claim(connection=conn, reminder_id=batch[1].id, worker="b", now=later)


def test_a_live_claim_is_renewed_and_finished(engine):
    """The claim's own worker renews it just before sending and records the send."""
    _queue(engine, 1)
    with engine.begin() as conn:
        (claim,) = store.claim_due(connection=conn, now=NOW, limit=10, worker="a")
        assert not store.renew_claim(connection=conn, reminder_id=claim.id, worker="b", now=NOW)
        assert store.renew_claim(connection=conn, reminder_id=claim.id, worker="a", now=NOW)
        assert store.finish(connection=conn, reminder_id=claim.id, status="sent", now=NOW, message_id=7)
    with engine.connect() as conn:
        (row,) = store.for_participant(connection=conn, participant_id=claim.participant_id)
    assert (row.status, row.message_id) == ("sent", 7)


def test_a_schedule_change_replans_what_the_planner_made_but_keeps_a_snooze(engine):
    """Replanning drops queued planned reminders; a snooze the participant asked for survives it."""
    _queue(engine, 1)
    with session_scope(engine) as session:
        pid = participants.get_by_telegram_id(session=session, telegram_id=10_000).id
    with engine.begin() as conn:
        store.queue(connection=conn, rows=[{"participant_id": pid, "kind": "checkin", "local_date": date(2026, 11, 22),
                                            "due_at": NOW + timedelta(days=1), "status": "queued", "created_at": NOW}])
        store.snooze(connection=conn, participant_id=pid, local_date=date(2026, 11, 21),
                     due_at=NOW + timedelta(minutes=30), now=NOW)
        assert store.replan(connection=conn, participant_id=pid, now=NOW) == 1
    with engine.connect() as conn:
        kinds = {(r.kind, r.local_date.isoformat()) for r in store.for_participant(connection=conn, participant_id=pid)}
    assert kinds == {("checkin", "2026-11-21"), (store.SNOOZED_SESSION, "2026-11-21")}
