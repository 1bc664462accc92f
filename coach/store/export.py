"""Every row stored about one participant, found generically so a table added later is exported too."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, select
from sqlmodel import SQLModel

from coach.store.models import Participant

PARTICIPANT_KEY = "participant_id"
_PARTICIPANTS: Table = Participant.__table__

TableRows = tuple[str, list[dict[str, Any]]]


def participant_tables() -> list[Table]:
    """The participant table, then every table with a participant_id column, parents before children."""
    return [table for table in SQLModel.metadata.sorted_tables
            if table is _PARTICIPANTS or PARTICIPANT_KEY in table.c]


def rows_about(*, connection: Connection, participant_id: int) -> list[TableRows]:
    """(table name, rows as column → value) for each of those tables, rows in primary-key order.

    Tables with no rows for the participant are listed too, empty, so a reader can tell "none" from
    "not exported".
    """
    result = []
    for table in participant_tables():
        owner = table.c.id if table is _PARTICIPANTS else table.c[PARTICIPANT_KEY]
        order = list(table.primary_key.columns) or list(table.columns)
        rows = connection.execute(select(table).where(owner == participant_id).order_by(*order))
        result.append((table.name, [dict(row._mapping) for row in rows]))
    return result
