"""Every migration starts from the previous schema; an old file opens with current code."""

import sqlite3

from peewee import SqliteDatabase

from db import close_database, open_database
from db.migrations import CURRENT_VERSION, upgrade
from db.models import ALL_MODELS, Member


def columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}


def indexes(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    return set(conn.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"))


def make_v1_file(path):
    """A file as the first release wrote it, with one member in it."""
    raw = SqliteDatabase(str(path))
    upgrade(raw, None, target=1)
    raw.execute_sql("INSERT INTO branch (name, kind, village, sort_order, created_at) VALUES ('扎西村党支部', '农牧村', '', 1, '2026-01-01 00:00:00')")
    raw.execute_sql(
        "INSERT INTO member (name, name_initials, name_pinyin, search_key, sex, ethnicity, education, membership, branch_id,"
        " phone, position, category, specialties, services, service_promise, status, status_note, created_at, updated_at)"
        " VALUES ('卓玛才让', 'zmcr', 'zhuomacairang', '卓玛才让\tzmcr', '女', '藏族', '', '正式党员', 1, '', '', '一般党员', '', '', '', '在册', '',"
        " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    )
    raw.close()


def test_version_1_file_opens_with_current_code_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    make_v1_file(path)
    open_database(path)
    try:
        assert Member.get().name == "卓玛才让"
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == CURRENT_VERSION
        backup = tmp_path / "old.sqlite3.v1.bak"
        assert backup.exists()
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == 1
            assert conn.execute("SELECT name FROM member").fetchone()[0] == "卓玛才让"
    finally:
        close_database()


def test_each_step_starts_from_the_previous_schema(tmp_path):
    for target in range(1, CURRENT_VERSION + 1):
        raw = SqliteDatabase(str(tmp_path / f"step{target}.sqlite3"))
        assert upgrade(raw, None, target=target - 1 if target > 1 else 0) == max(0, target - 1)
        assert upgrade(raw, None, target=target) == target
        raw.close()


def test_migrated_schema_equals_the_models(tmp_path):
    migrated = tmp_path / "migrated.sqlite3"
    open_database(migrated)
    close_database()
    fresh = SqliteDatabase(str(tmp_path / "fresh.sqlite3"))
    with fresh.bind_ctx(ALL_MODELS):
        fresh.create_tables(ALL_MODELS)
    fresh.close()
    with sqlite3.connect(migrated) as a, sqlite3.connect(tmp_path / "fresh.sqlite3") as b:
        assert columns(a) == columns(b)
        assert indexes(a) == indexes(b)


def test_current_file_opens_without_backup(tmp_path):
    path = tmp_path / "new.sqlite3"
    open_database(path)
    close_database()
    open_database(path)
    close_database()
    assert not list(tmp_path.glob("*.bak"))


def _pg_schema(db) -> tuple[dict[str, set[tuple[str, str, str]]], set[str]]:
    """Columns (name, type with every character type as text, nullable) and index definitions."""
    columns: dict[str, set[tuple[str, str, str]]] = {}
    for table, column, kind, nullable in db.execute_sql(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
        " WHERE table_schema = current_schema()"
    ):  # fmt: skip
        kind = "text" if kind in ("character varying", "text") else kind
        columns.setdefault(table, set()).add((column, kind, nullable))
    indexes = {row[0] for row in db.execute_sql("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()")}
    return columns, indexes


def test_on_postgresql_every_step_runs_and_the_schema_equals_the_models(pg_server):
    migrated = pg_server.create("migrated")
    for target in range(1, CURRENT_VERSION + 1):
        assert upgrade(migrated, None, target=target) == target
    fresh = pg_server.create("fresh")
    with fresh.bind_ctx(ALL_MODELS):
        fresh.create_tables(ALL_MODELS)
    try:
        assert _pg_schema(migrated) == _pg_schema(fresh)
        # Text as SQLite has it: unbounded, compared by code point (db/migrations/engine.py).
        text = migrated.execute_sql(
            "SELECT data_type, character_maximum_length, collation_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text')"
        ).fetchall()  # fmt: skip
        assert text and set(text) == {("text", None, "C")}
    finally:
        migrated.close()
        fresh.close()
