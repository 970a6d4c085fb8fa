"""What a migration step needs beyond Peewee's schema API on one engine only.

SQLite ignores the length of `VARCHAR(255)` (a Peewee `CharField`) and stores any text;
PostgreSQL enforces it, so the demo's search keys (283 characters) and a clerk's long
remark would be refused there alone. After every step on PostgreSQL each bounded
character column becomes `text`: the same unbounded strings on both engines, and no
length checks the SQLite program never made. The change is binary-compatible (no table
rewrite, indexes kept). On SQLite nothing is done, so its files stay byte-identical.
"""

from __future__ import annotations

from peewee import Database, PostgresqlDatabase

# The PostgreSQL twin of "SQLite does not bound text": every bounded varchar of the schema.
_BOUNDED_VARCHAR = """
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type = 'character varying'
      AND character_maximum_length IS NOT NULL
    ORDER BY table_name, ordinal_position
"""


def after_step(db: Database) -> None:
    """Run after every migration step, inside its transaction."""
    if isinstance(db, PostgresqlDatabase):
        unbound_text_columns(db)


def unbound_text_columns(db: PostgresqlDatabase) -> list[tuple[str, str]]:
    """Turn every bounded varchar column into text; returns the (table, column) changed."""
    columns = [tuple(row) for row in db.execute_sql(_BOUNDED_VARCHAR).fetchall()]
    for table, column in columns:
        db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE text')
    return columns
