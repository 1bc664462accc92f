"""Migrated SQLite files in a blink: the migrations run once per test process, each test gets a copy."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from coach.store.migrate import upgrade


@cache
def _template() -> Path:
    """A SQLite file migrated to head, made once per process (each xdist worker has its own)."""
    path = Path(tempfile.mkdtemp(prefix="coach-template-")) / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


def migrated_sqlite_url(path: Path) -> str:
    """A fresh database at `path`, identical to one just migrated (tests of the migrations run them for real)."""
    shutil.copyfile(_template(), path)
    return f"sqlite:///{path}"
