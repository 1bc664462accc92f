"""Several real `coach run --webhook` workers on one PostgreSQL database, behind a round-robin balancer,
with the local emulator playing Telegram (and failing as told). Every test ends with a reconciliation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.devtools.cluster.workers import WorkerPool
from coach.devtools.emulator.runner import EmulatorThread
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from tests.helpers.cluster import Cluster


@pytest.fixture
def cluster(postgres_url, tmp_path) -> Iterator[Cluster]:
    upgrade(postgres_url)
    engine = make_engine(postgres_url)
    with EmulatorThread() as emulator:
        made = Cluster(engine, postgres_url, emulator, WorkerPool(env={}, directory=tmp_path))
        try:
            yield made
        finally:
            made.close()
        assert emulator.client.violations() == [], "the workers made calls the Bot API would reject"
