"""Inserting many rows in as few statements as the engine allows, in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from peewee import Model, chunked

from db.connection import database

# SQLite counts bound variables per statement: 32,766 since 3.32, 999 before.
MAX_VARIABLES = 32_000 if sqlite3.sqlite_version_info >= (3, 32) else 999
MAX_ROWS = 500  # longer statements stop paying off


def bulk_insert(model: type[Model], rows: Iterable[dict] | Sequence[tuple], *,
                fields: Sequence | None = None) -> int:  # fmt: skip
    """Insert `rows` (dicts, or tuples in the order of `fields`) inside the caller's
    transaction (or one of its own); returns how many were written."""
    rows = list(rows)
    if not rows:
        return 0
    width = len(fields) if fields is not None else max(len(r) for r in rows[:50])
    size = max(1, min(MAX_ROWS, MAX_VARIABLES // max(width, 1)))
    with database.atomic():
        for batch in chunked(rows, size):
            model.insert_many(batch, fields=fields).execute()
    return len(rows)
