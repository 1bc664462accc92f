"""The triage page's ranking: made once, served while a newer one is made in the background, remade at once
after a dashboard change."""

from __future__ import annotations

from coach.clock import FrozenClock
from coach.services.runner import UseCaseRunner
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from coach.web.ranking import RankingCache
from tests.web.helpers import NOW, add_person, seed_four


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
