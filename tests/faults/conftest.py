"""Several real `coach run --webhook` workers on one PostgreSQL database, behind a round-robin balancer,
with the local emulator playing Telegram (and failing as told). Every test ends with a reconciliation."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from coach.devtools.cluster.workers import WorkerPool
from coach.devtools.emulator.runner import EmulatorThread
from coach.store.db import make_engine
from coach.store.migrate import upgrade
from tests.helpers.cluster import Cluster
from tests.helpers.private_postgres import PrivatePostgres, why_not_here


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


@pytest.fixture
def own_postgres(postgres_server) -> Iterator[PrivatePostgres]:
    """A PostgreSQL server of the test's own, to stop and start (the shared one stays up for everyone else)."""
    reason = why_not_here()
    if reason is not None:
        if os.environ.get("COACH_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"no PostgreSQL server of the test's own: {reason}, and COACH_REQUIRE_POSTGRES=1")
        pytest.skip(f"no PostgreSQL server of the test's own: {reason}")
    server = PrivatePostgres()
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture
def cluster_on_own_postgres(own_postgres: PrivatePostgres, tmp_path) -> Iterator[Cluster]:
    """As `cluster`, on a server the test may stop and start."""
    upgrade(own_postgres.url)
    engine = make_engine(own_postgres.url)
    with EmulatorThread() as emulator:
        made = Cluster(engine, own_postgres.url, emulator, WorkerPool(env={}, directory=tmp_path))
        try:
            yield made
        finally:
            made.close()
            engine.dispose()
        assert emulator.client.violations() == [], "the workers made calls the Bot API would reject"
