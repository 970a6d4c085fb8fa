"""Inserting many rows in as few statements as the engine allows, in one transaction."""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Iterable, Sequence

import peewee
from peewee import AutoField, Model, PostgresqlDatabase, chunked

from db.connection import database

# SQLite counts bound variables per statement: 32,766 since 3.32, 999 before. PostgreSQL's
# protocol allows 65,535 per statement, so the same batches fit there too.
MAX_VARIABLES = 32_000 if sqlite3.sqlite_version_info >= (3, 32) else 999
MAX_ROWS = 500  # longer statements stop paying off
PREPARED_BATCH = 10_000  # rows handed to the driver at a time


def bulk_insert(model: type[Model], rows: Iterable[dict] | Sequence[tuple], *,
                fields: Sequence | None = None, prepared: bool = False) -> int:  # fmt: skip
    """Insert `rows` (dicts, or tuples in the order of `fields`) inside the caller's
    transaction (or one of its own); returns how many were written.

    `prepared`: the rows are dicts whose values already have the columns' storage types
    (no peewee conversion needed). Peewee then builds the one-row INSERT once and the
    driver runs it for every row (`executemany`), about three times faster for 100,000
    members than peewee building SQL for each row. On PostgreSQL psycopg sends those
    rows in one pipeline (no round trip per row); its text parameters are typed by the
    column, so ISO date strings and booleans go in as on SQLite."""
    rows = list(rows)
    if not rows:
        return 0
    with database.atomic():
        if prepared:
            _insert_prepared(model, rows)
            return len(rows)
        width = len(fields) if fields is not None else max(len(r) for r in rows[:50])
        size = max(1, min(MAX_ROWS, MAX_VARIABLES // max(width, 1)))
        for batch in chunked(rows, size):
            model.insert_many(batch, fields=fields).execute()
    return len(rows)


def _insert_prepared(model: type[Model], rows: list[dict]) -> None:
    columns = [f for f in model._meta.sorted_fields if not (f is model._meta.primary_key and f.name not in rows[0])]
    names = [f.name for f in columns]
    defaults = {f.name: f.default() if callable(f.default) else f.default for f in columns if f.name not in rows[0]}
    if defaults:
        rows = [{**defaults, **row} for row in rows]
    sql, _ = model.insert_many([tuple(rows[0][n] for n in names)], fields=columns).sql()
    values = operator.itemgetter(*names)
    cursor = database.cursor()
    with peewee.__exception_wrapper__:  # driver errors as peewee's (IntegrityError), like any query
        for batch in chunked(rows, PREPARED_BATCH):
            cursor.executemany(sql, [values(row) for row in batch])


def insert_returning_ids(model: type[Model], rows: Sequence[dict]) -> list[int]:
    """Insert `rows` (dicts with the same keys, field names) and return their new ids in
    order, without peewee building SQL for each row: PostgreSQL inserts in batches with
    RETURNING; SQLite runs one prepared statement per row and reads `lastrowid`."""
    if not rows:
        return []
    defaults = {f.name: f.default for f in model._meta.sorted_fields
                if f.name not in rows[0] and f is not model._meta.primary_key and f.default is not None}  # fmt: skip
    if defaults:
        rows = [{**{n: d() if callable(d) else d for n, d in defaults.items()}, **row} for row in rows]
    names = list(rows[0])
    fields = [model._meta.fields[n] for n in names]
    ids: list[int] = []
    with database.atomic():
        if database.returning_clause:
            for batch in chunked(rows, MAX_ROWS):
                query = model.insert_many([[r[n] for n in names] for r in batch], fields=fields)
                ids += [row[0] for row in query.returning(model._meta.primary_key).tuples().execute()]
            return ids
        sql, _ = model.insert_many([tuple(f.db_value(rows[0][f.name]) for f in fields)], fields=fields).sql()
        cursor = database.cursor()
        with peewee.__exception_wrapper__:  # driver errors as peewee's, like any query
            for row in rows:
                cursor.execute(sql, tuple(f.db_value(row[f.name]) for f in fields))
                ids.append(cursor.lastrowid)
    return ids


def insert_prepared_returning_ids(model: type[Model], rows: Sequence[dict]) -> list[int]:
    """`bulk_insert(..., prepared=True)` that also returns the new ids in order (an
    import logs each member it adds). SQLite gives rows inserted without an id the
    largest id plus one, and the write holds the file's lock, so the new rows are those
    past the largest id before; PostgreSQL's sequences may interleave with another
    clerk's rows, so there the rows come back from RETURNING."""
    if not rows:
        return []
    if database.returning_clause:
        return insert_returning_ids(model, rows)
    key = model._meta.primary_key
    with database.atomic():
        last = model.select(peewee.fn.MAX(key)).scalar() or 0
        bulk_insert(model, rows, prepared=True)
        ids = [i for (i,) in model.select(key).where(key > last).order_by(key).tuples()]
    if len(ids) != len(rows):
        raise RuntimeError(f"{model._meta.table_name}: {len(rows)} rows inserted, {len(ids)} found")
    return ids


def continue_ids(*models: type[Model]) -> None:
    """After rows were inserted with ids of their own (a restore, a package from a
    township), let new rows continue after the largest id. SQLite does this by itself
    (a new rowid is the largest plus one); a PostgreSQL sequence must be moved."""
    if not isinstance(database.obj, PostgresqlDatabase):
        return
    for model in models:
        key = model._meta.primary_key
        if not isinstance(key, AutoField):
            continue
        table, column = model._meta.table_name, key.column_name
        database.execute_sql(
            f'SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX("{column}"), 0) + 1, false) FROM "{table}"',
            (table, column),
        )
