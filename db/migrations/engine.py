"""What a migration step needs beyond Peewee's schema API on one engine only.

Text on PostgreSQL is made to behave as SQLite's does, after every step:
- SQLite ignores the length of `VARCHAR(255)` (a Peewee `CharField`) and stores any
  text; PostgreSQL enforces it, so the demo's search keys (283 characters) or a clerk's
  long remark would be refused there alone. Every character column becomes `text`.
- SQLite compares text by code point (BINARY); PostgreSQL by the database's locale,
  which a county server may have made `zh_CN.UTF-8` (pinyin order, ignoring spaces
  and case at first). Every text column gets `COLLATE "C"`: the same order, equality,
  uniqueness and ASCII-only case folding (`ILIKE`, `lower()`) as SQLite, whatever the
  server's locale.
On SQLite nothing is done, so its files stay byte-identical.
"""

from __future__ import annotations

from peewee import Database, PostgresqlDatabase

# The PostgreSQL twin of SQLite's text: every character column not yet unbounded and "C".
_NOT_SQLITE_LIKE = """
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND data_type IN ('character varying', 'character', 'text')
      AND (data_type <> 'text' OR collation_name IS DISTINCT FROM 'C')
    ORDER BY table_name, ordinal_position
"""


def after_step(db: Database) -> None:
    """Run after every migration step, inside its transaction."""
    if isinstance(db, PostgresqlDatabase):
        sqlite_like_text(db)


def sqlite_like_text(db: PostgresqlDatabase) -> list[tuple[str, str]]:
    """Make every character column unbounded `text` compared by code point; returns the
    (table, column) pairs changed. Indexes on them are rebuilt by PostgreSQL."""
    columns = [tuple(row) for row in db.execute_sql(_NOT_SQLITE_LIKE).fetchall()]
    for table, column in columns:
        db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE text COLLATE "C"')
    return columns
