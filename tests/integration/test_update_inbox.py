"""The webhook's inbox: each update stored once, a chat's updates claimed strictly in order, and a
claim taken over from a worker presumed dead never applied twice. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select

from coach.core.clock import FrozenClock
from coach.services.plumbing.claims import ClaimLost, UpdateClaim
from coach.services.plumbing.runner import UseCaseRunner
from coach.store import participants
from coach.store import updates as store
from coach.store.models import InboxUpdate, Participant

NOW = datetime(2026, 11, 21, 19, 0, tzinfo=UTC)


def _receive(engine, update_id: int, chat_id: int | None) -> bool:
    with engine.begin() as conn:
        return store.receive(connection=conn, update_id=update_id, chat_id=chat_id,
                             payload=json.dumps({"update_id": update_id}), now=NOW)


def _claim(engine, worker: str, *, limit: int = 10, now: datetime = NOW) -> list[store.ClaimedUpdate]:
    with engine.begin() as conn:
        return store.claim(connection=conn, now=now, worker=worker, token=f"token-{worker}", limit=limit)


def _done(engine, item: store.ClaimedUpdate) -> bool:
    with engine.begin() as conn:
        return store.mark_done(connection=conn, update_id=item.update_id, token=item.token, now=NOW)


def test_a_redelivered_update_is_stored_once(engine):
    """Telegram sends update 7 again after a lost acknowledgement: the second arrival changes nothing."""
    assert _receive(engine, 7, 100)
    assert not _receive(engine, 7, 100)
    assert [c.update_id for c in _claim(engine, "a")] == [7]
    assert not _receive(engine, 7, 100)  # even while it is being handled
    assert len(store.states(connection=engine.connect())) == 1


def test_a_chats_next_update_waits_for_the_one_before_it(engine):
    """Chat 100 wrote twice, chat 200 once: the first claim takes one of each chat; the second message of
    chat 100 is only claimable once the first is done."""
    for update_id, chat in ((1, 100), (2, 100), (3, 200)):
        _receive(engine, update_id, chat)
    first = _claim(engine, "a")
    assert [c.update_id for c in first] == [1, 3]
    assert _claim(engine, "b") == []
    assert _done(engine, first[0])
    assert [c.update_id for c in _claim(engine, "b")] == [2]


def test_a_claim_taken_over_after_the_lease_fences_out_the_first_worker(engine):
    """Worker A stalls past the lease; B takes the update over. A's late "done" is refused, B's counts."""
    _receive(engine, 5, 100)
    (stalled,) = _claim(engine, "a")
    with engine.begin() as conn:
        assert store.release_stale(connection=conn, claimed_before=NOW + timedelta(minutes=3)) == 1
    (taken,) = _claim(engine, "b", now=NOW + timedelta(minutes=3))
    assert taken.attempts == 2
    assert not _done(engine, stalled)
    assert _done(engine, taken)
    with engine.connect() as conn:
        assert store.states(connection=conn) == {5: ("done", 2)}
        assert conn.execute(select(InboxUpdate.payload)).scalar_one() is None  # health data not kept


def test_an_update_tried_again_later_holds_back_its_chat_until_then(engine):
    """A passing failure puts the update back with a not-before time; until then neither it nor the same
    chat's next update is claimed (order is kept), while other chats go on."""
    for update_id, chat in ((1, 100), (2, 100), (3, 200)):
        _receive(engine, update_id, chat)
    first, _ = _claim(engine, "a")
    with engine.begin() as conn:
        assert store.retry_later(connection=conn, update_id=first.update_id, token=first.token,
                                 not_before=NOW + timedelta(seconds=5))
    assert _claim(engine, "b") == []
    assert [c.update_id for c in _claim(engine, "b", now=NOW + timedelta(seconds=6))] == [1]


def test_handled_updates_are_forgotten_after_a_while_and_failures_keep_no_payload(engine):
    _receive(engine, 1, 100)
    _receive(engine, 2, 200)
    one, two = _claim(engine, "a")
    _done(engine, one)
    with engine.begin() as conn:
        assert store.give_up(connection=conn, update_id=two.update_id, token=two.token, now=NOW)
        assert store.prune(connection=conn, handled_before=NOW) == 0
        assert store.prune(connection=conn, handled_before=NOW + timedelta(days=3)) == 2


def test_two_workers_claiming_at_once_never_take_the_same_update(engine):
    """Worker B claims between worker A's select and A's update: each update has exactly one claimer."""
    for update_id in range(1, 9):
        _receive(engine, update_id, 1000 + update_id)
    taken: dict[str, list[int]] = {}
    with engine.connect() as a_conn:
        def b_claims_first(conn, clauseelement, *args, **kwargs):  # noqa: ANN001, ANN202
            if "UPDATE" in str(clauseelement).upper()[:10] and "b" not in taken:
                with engine.connect() as b_conn, b_conn.begin():
                    taken["b"] = [c.update_id for c in store.claim(connection=b_conn, now=NOW, worker="b",
                                                                   token="tb", limit=5)]

        event.listen(a_conn, "before_execute", b_claims_first)
        with a_conn.begin():
            taken["a"] = [c.update_id for c in store.claim(connection=a_conn, now=NOW, worker="a", token="ta",
                                                           limit=8)]
    # On PostgreSQL A's rows are locked, so B skips them all; on SQLite B wins and A keeps the rest.
    assert set(taken["a"]).isdisjoint(taken["b"])
    assert sorted(taken["a"] + taken["b"]) == list(range(1, 9))


def test_a_use_case_under_a_lost_claim_keeps_nothing(engine):
    """What a worker presumed dead stores for an update another worker has taken over is rolled back whole."""
    _receive(engine, 9, 100)
    (stalled,) = _claim(engine, "a")
    with engine.begin() as conn:
        store.release_stale(connection=conn, claimed_before=NOW + timedelta(minutes=3))
    _claim(engine, "b", now=NOW + timedelta(minutes=3))
    runner = UseCaseRunner(engine, FrozenClock(NOW), default_timezone="UTC", admin_ids=())

    def create(ctx) -> None:  # noqa: ANN001
        participants.create_participant(session=ctx.session, telegram_id=100, chat_id=100, first_name="A",
                                        timezone="UTC", now=ctx.now)

    claim = UpdateClaim(stalled.update_id, stalled.token, attempt=1, final=False)
    with pytest.raises(ClaimLost):
        runner.run(create, claim=claim)
    assert not claim.handled
    with engine.connect() as conn:
        assert conn.execute(select(Participant.id)).first() is None
    runner.close()


def test_an_update_already_done_is_not_done_again_by_its_own_claim(engine):
    """A commit whose answer was lost is retried: the second "done" is refused, so the retried use case
    (run again in full) is rolled back rather than stored twice."""
    _receive(engine, 11, 100)
    (item,) = _claim(engine, "a")
    assert _done(engine, item)
    assert not _done(engine, item)


def test_updates_given_back_by_a_stopping_worker_are_claimed_afresh(engine):
    """A worker stopping with claims it has not begun gives them back: another takes them at once, and the
    give-back does not count as an attempt; the first worker's token can then finish nothing."""
    _receive(engine, 21, 100)
    _receive(engine, 22, 200)
    claimed = _claim(engine, "a")
    with engine.begin() as conn:
        assert store.give_back(connection=conn, update_ids=[c.update_id for c in claimed], token=claimed[0].token) == 2
    again = _claim(engine, "b")
    assert [(c.update_id, c.attempts) for c in again] == [(21, 1), (22, 1)]
    assert not _done(engine, claimed[0])
