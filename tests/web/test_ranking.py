"""The triage page's ranking: made once, served while a newer one is made in the background, remade at once
after a dashboard change."""

from __future__ import annotations

from coach.core.clock import FrozenClock
from coach.services.plumbing.runner import UseCaseRunner
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.web.ranking import RankingCache
from tests.helpers.web import NOW, add_person, seed_four


async def test_a_stale_ranking_is_served_while_a_new_one_is_made(tmp_path):
    url = f"sqlite:///{tmp_path / 'rank.db'}"
    upgrade(url)
    engine = make_engine(url)
    seed_four(engine)
    runner = UseCaseRunner(engine, FrozenClock(NOW), default_timezone="UTC", admin_ids=())
    cache = RankingCache(runner, fresh_seconds=0.0)
    first = await cache.get()
    assert [need.facts.name for need in first.needs] == ["Bea", "Carl", "Dora", "Eve"]
    add_person(engine, 7300, "Finn", flags=[("fainting", True, "I blacked out")])
    assert await cache.get() is first  # no waiting: the last ranking, while the next is made
    await cache.close()  # the background ranking finishes
    newer = await cache.get()
    assert {need.facts.name for need in newer.needs[:2]} == {"Bea", "Finn"}  # both with an urgent flag
    cache.invalidate()
    add_person(engine, 7301, "Gail")
    assert len((await cache.get()).needs) == 6  # after a change: made afresh before answering
    await cache.close()
    runner.close()
    engine.dispose()


async def test_after_a_change_one_participant_is_judged_again_in_place(tmp_path):
    """Their facts read alone are the facts the full ranking reads, and they move to their new place."""
    from sqlalchemy import update

    from coach.store import triage as triage_store
    from coach.store.models import SafetyFlag

    url = f"sqlite:///{tmp_path / 'rank.db'}"
    upgrade(url)
    engine = make_engine(url)
    people = seed_four(engine)
    runner = UseCaseRunner(engine, FrozenClock(NOW), default_timezone="UTC", admin_ids=())
    everyone = runner.run(lambda ctx: triage_store.triage_facts(connection=ctx.connection, now=ctx.now))
    for facts in everyone:
        alone = runner.run(lambda ctx, pid=facts.participant_id: triage_store.triage_facts(
            connection=ctx.connection, now=ctx.now, participant_ids=[pid]))
        assert alone == [facts]
    cache = RankingCache(runner)
    assert [need.facts.name for need in (await cache.get()).needs] == ["Bea", "Carl", "Dora", "Eve"]
    bea = next(f.participant_id for f in everyone if f.telegram_id == people["Bea"])
    with engine.begin() as connection:
        connection.execute(update(SafetyFlag.__table__).where(SafetyFlag.__table__.c.participant_id == bea)
                           .values(acknowledged_at=NOW, acknowledged_by=1))
    await cache.update(bea)
    # No concern left: among those with none, by Telegram id (Eve 7201, Bea 7204).
    assert [need.facts.name for need in (await cache.get()).needs] == ["Carl", "Dora", "Eve", "Bea"]
    await cache.close()
    runner.close()
    engine.dispose()
