"""Fixtures for the services tier: use cases on a real database (SQLite and PostgreSQL), a frozen clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tests.helpers.use_cases import Desk, make_desk


@pytest.fixture
def desk(engine: Engine) -> Iterator[Desk]:
    """The use cases on a migrated database, once SQLite and once PostgreSQL, at Sat 21 Nov 2026 18:00 Berlin."""
    yield from make_desk(engine)
