"""The townships step: an existing township file gets its one township row, made from its
settings, and every branch points at it; a new file starts with none."""

import sqlite3

from peewee import SqliteDatabase

from db import close_database, open_database
from db.migrations import STEPS, upgrade
from db.migrations import townships as townships_step
from db.models import Branch, Township

BEFORE = STEPS.index(townships_step.step)


def make_file_before_townships(path, settings: dict[str, str]):
    raw = SqliteDatabase(str(path))
    upgrade(raw, None, target=BEFORE)
    for name in ("扎西村党支部", "乡机关党支部"):
        raw.execute_sql(
            "INSERT INTO branch (name, kind, village, sort_order, created_at) VALUES (?, '农牧村', '', 1, '2026-01-01 00:00:00')",
            (name,),
        )
    for key, value in settings.items():
        raw.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (key, value))
    raw.close()


def test_an_existing_file_gets_its_township_from_the_settings(tmp_path):
    path = tmp_path / "old.sqlite3"
    make_file_before_townships(path, {"township.name": '"小河乡"', "township.code": '"632523101"'})
    open_database(path)
    try:
        (township,) = Township.select()
        assert (township.code, township.name) == ("632523101", "小河乡")
        assert {b.township_id for b in Branch.select()} == {township.id}
    finally:
        close_database()


def test_without_settings_the_township_has_the_default_name_and_an_empty_code(tmp_path):
    path = tmp_path / "old.sqlite3"
    make_file_before_townships(path, {})
    open_database(path)
    try:
        assert [(t.code, t.name) for t in Township.select()] == [("", "大河乡")]
    finally:
        close_database()


def test_a_new_file_has_no_township_and_the_column_refers_to_the_table(tmp_path):
    path = tmp_path / "new.sqlite3"
    open_database(path)
    close_database()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM township").fetchone()[0] == 0
        refs = {(r[2], r[3], r[4]) for r in conn.execute("PRAGMA foreign_key_list(branch)")}
        assert ("township", "township_id", "id") in refs
