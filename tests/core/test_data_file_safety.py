"""Opening the data file: damaged files are never written, a second writer is refused,
a new empty file is announced, a locked file is one Chinese line, outputs never
overwrite the data."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

import main
from dahe_desktop.errors import error_lines
from dahe_desktop.safety import backups
from dahe_desktop.safety.lock import DataFolderInUse, DataLock
from dahe_desktop.safety.outputs import OutputPathError, check_output_path, safe_output
from dahe_desktop.safety.session import DamagedDataFile, check_ahead, open_data
from db import audit, changes, writing
from db.connection import DB_FILENAME, database
from db.errors import BUSY, StoreError
from db.models import Branch
from tests.fixtures.rosters import good_rows, write_csv


@pytest.fixture(autouse=True)
def _rows_by_hand(monkeypatch):
    """These tests write rows by hand to test the transaction itself, not a path of the
    program: the audit's coverage check (tests/db/test_audit_coverage.py) is not theirs."""
    monkeypatch.setattr(audit, "_strict", False)


def cli(data_dir: Path, *args: str) -> int:
    return main.main(["--data-dir", str(data_dir), *args])


def damage(path: Path) -> None:
    """Four pages of garbage in the middle of the file, as a failing disk leaves it."""
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 7] = b"\x5a" * (4096 * 4)
    path.write_bytes(bytes(data))


def test_a_damaged_file_is_never_written_and_the_newest_good_backup_is_offered(data_dir, tmp_path, capsys):
    assert cli(data_dir, "demo") == 0
    capsys.readouterr()
    assert cli(data_dir, "backup") == 0
    backup = Path(capsys.readouterr().out.strip())
    path = data_dir / DB_FILENAME
    damage(path)
    before = path.read_bytes()
    roster = write_csv(tmp_path / "roster.csv", good_rows(), encoding="utf-8")
    for command in (["stats"], ["import", "roster", str(roster)]):
        assert cli(data_dir, *command) == 1
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert "已损坏" in line and str(backup) in line
    assert path.read_bytes() == before  # not one byte written
    assert cli(data_dir, "restore", str(backup)) == 0
    assert "moved aside" in capsys.readouterr().out
    assert cli(data_dir, "stats") == 0
    assert "367" in capsys.readouterr().out
    assert list(data_dir.glob("dahe.sqlite3.damaged-*"))  # kept, never deleted


def test_a_check_begun_before_the_window_loads_still_keeps_a_damaged_file_unwritten(data_dir, capsys):
    assert cli(data_dir, "demo") == 0
    path = data_dir / DB_FILENAME
    damage(path)
    before = path.read_bytes()
    checked = check_ahead(path)  # as the window starts it, before loading Qt
    with pytest.raises(DamagedDataFile):
        open_data(path, checked=checked)
    assert path.read_bytes() == before


def test_a_file_changed_after_its_early_check_is_checked_again(data_dir, capsys):
    assert cli(data_dir, "demo") == 0
    path = data_dir / DB_FILENAME
    checked = check_ahead(path)
    assert checked.problems(path) == []  # sound when the check ran
    damage(path)  # then changed (another program, a restore) before the window opened it
    assert checked.problems(path) != []
    with pytest.raises(DamagedDataFile):
        open_data(path, checked=checked)
    assert check_ahead(data_dir / "missing.sqlite3") is None  # nothing to check yet


def test_a_mistyped_data_dir_says_a_new_empty_file_was_created_and_where(tmp_path, capsys):
    folder = tmp_path / "typo"
    assert cli(folder, "stats") == 0
    err = capsys.readouterr().err
    assert "新建" in err and str(folder / DB_FILENAME) in err


def test_a_zero_byte_file_is_announced_as_well(data_dir, capsys):
    (data_dir / DB_FILENAME).write_bytes(b"")
    assert cli(data_dir, "stats") == 0
    assert "0字节" in capsys.readouterr().err


def test_a_zero_byte_file_beside_its_backups_is_not_made_a_new_roster(data_dir, tmp_path, capsys):
    assert cli(data_dir, "demo") == 0
    assert cli(data_dir, "backup") == 0
    backup = Path(capsys.readouterr().out.strip().splitlines()[-1])
    (data_dir / DB_FILENAME).write_bytes(b"")  # emptied by a sync client or a failing disk
    roster = write_csv(tmp_path / "roster.csv", good_rows(), encoding="utf-8")
    for command in (["stats"], ["import", "roster", str(roster)]):
        assert cli(data_dir, *command) == 1
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert "0字节" in line and str(backup) in line
        assert (data_dir / DB_FILENAME).stat().st_size == 0  # not written
    assert cli(data_dir, "restore", str(backup)) == 0
    assert cli(data_dir, "stats") == 0 and "367" in capsys.readouterr().out


def test_a_second_writer_is_refused_naming_the_folder(data_dir, tmp_path, capsys):
    session = open_data(data_dir / DB_FILENAME)
    try:
        with pytest.raises(DataFolderInUse) as refused:
            open_data(data_dir / DB_FILENAME)
        assert str(data_dir) in refused.value.lines[0]
        roster = write_csv(tmp_path / "roster.csv", good_rows(), encoding="utf-8")
        assert cli(data_dir, "import", "roster", str(roster)) == 1
        assert str(data_dir) in capsys.readouterr().err
        assert cli(data_dir, "stats") == 0  # reading needs no lock
    finally:
        session.close()
    with DataLock(data_dir / DB_FILENAME) as lock:  # given back on close
        assert lock.held


def test_the_lock_dies_with_its_process(data_dir):
    import subprocess
    import sys

    code = (
        "import os, sys; from dahe_desktop.safety.lock import DataLock;"
        f"lock = DataLock({str(data_dir / DB_FILENAME)!r}).acquire(); os._exit(0)"  # kept: unreferenced, it is let go at once
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(main.__file__).parent)
    with DataLock(data_dir / DB_FILENAME) as lock:  # no stale lock after a crash
        assert lock.held


@pytest.mark.sqlite_only("SQLite's file write lock and busy timeout")
def test_a_write_waits_for_another_writer_then_goes_through(db, tmp_path):
    other = sqlite3.connect(tmp_path / "test.sqlite3", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, other.execute, args=("COMMIT",)).start()
    Branch.select().count()  # a read first: a deferred transaction would fail at once
    with writing(changes.BRANCHES):
        Branch.create(name="一村党支部", kind="农牧村")
    assert Branch.select().count() == 1
    other.close()


@pytest.mark.sqlite_only("SQLite's file write lock (the server's lock timeout: tests/db/test_server_errors.py)")
def test_a_lock_held_too_long_is_one_chinese_line(db, tmp_path):
    database.execute_sql("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(tmp_path / "test.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as busy, writing(changes.BRANCHES):
            Branch.create(name="一村党支部", kind="农牧村")
        assert busy.value.kind == BUSY
        (line,) = error_lines(busy.value)
        assert "占用" in line and "database is locked" not in line
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert Branch.select().count() == 0


@pytest.mark.sqlite_only("the data file and its WAL beside it")
@pytest.mark.parametrize("name", ["test.sqlite3", "test.sqlite3-wal", "test.sqlite3.lock", "other.sqlite3"])
def test_no_output_may_overwrite_the_data_file_its_wal_or_a_database(db, tmp_path, name):
    with pytest.raises(OutputPathError):  # the `db` fixture's data file is test.sqlite3
        check_output_path(tmp_path / name)


@pytest.mark.sqlite_only("backups are copies of the SQLite file")
def test_no_output_may_overwrite_a_backup_or_a_disguised_database(db, tmp_path):
    from tests.helpers.roster import small_roster

    small_roster()
    backup = backups.make_backup("manual")
    with pytest.raises(OutputPathError):
        check_output_path(backup.with_suffix(".pdf"))
    disguised = tmp_path / "cards.pdf"
    disguised.write_bytes(backup.read_bytes())
    with pytest.raises(OutputPathError):
        check_output_path(disguised)
    with pytest.raises(OutputPathError) as missing:
        check_output_path(tmp_path / "no-such-folder" / "x.pdf")
    assert "文件夹不存在" in missing.value.lines[0]


def test_a_failed_output_leaves_the_previous_file_and_no_temporary_file(db, tmp_path):
    target = tmp_path / "cards.pdf"
    target.write_bytes(b"the previous cards")
    with pytest.raises(RuntimeError), safe_output(target) as temp:
        temp.write_bytes(b"half a new fi")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"the previous cards"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    with safe_output(target) as temp:
        temp.write_bytes(b"new cards")
    assert target.read_bytes() == b"new cards"


def test_printing_onto_the_data_file_is_refused_and_the_roster_stays(data_dir, capsys):
    assert cli(data_dir, "demo") == 0
    capsys.readouterr()
    path = data_dir / DB_FILENAME
    assert cli(data_dir, "print", "name-cards", str(path)) == 1
    assert "数据文件" in capsys.readouterr().err
    assert cli(data_dir, "export", "roster", str(data_dir / "backups" / "x.xlsx")) == 1
    assert cli(data_dir, "stats", "--json") == 0


def test_a_read_only_folder_is_opened_for_reading_and_writes_say_why(data_dir, monkeypatch, capsys):
    import dahe_desktop.safety.session as session_module
    import db.connection as connection

    assert cli(data_dir, "demo") == 0
    capsys.readouterr()
    path = data_dir / DB_FILENAME
    before = path.read_bytes()
    for module in (connection, session_module):
        monkeypatch.setattr(module, "folder_is_writable", lambda p: False)
    assert cli(data_dir, "stats", "--json") == 0
    out = capsys.readouterr()
    assert '"members": 367' in out.out.replace("'", '"') or "367" in out.out
    assert "只能查看" in out.err
    session = open_data(path)
    try:
        assert session.read_only and session.lock is None
        with pytest.raises(StoreError) as refused, writing(changes.BRANCHES):
            Branch.create(name="新党支部", kind="机关")
        assert "只读" in error_lines(refused.value)[0]
    finally:
        session.close()
    assert path.read_bytes() == before


@pytest.mark.sqlite_only("fills the disk with SQLite's max_page_count (the server's: tests/db/test_server_errors.py)")
def test_a_full_disk_is_one_chinese_line_and_nothing_half_written(db):
    from db import bulk_insert
    from db.errors import FULL

    with writing(changes.BRANCHES):
        Branch.create(name="一村党支部", kind="农牧村")
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up
    rows = [{"name": f"第{i}党支部" + "长" * 30, "kind": "农牧村"} for i in range(5000)]
    with pytest.raises(StoreError) as full, writing(changes.BRANCHES):
        bulk_insert(Branch, rows)
    assert full.value.kind == FULL
    (line,) = error_lines(full.value)
    assert "磁盘已满" in line and "rollback" not in line
    assert Branch.select().count() == 1


def test_control_characters_in_stored_names_never_reach_the_terminal(data_dir, capsys):
    from dahe_desktop.safety.terminal import SafeStream, terminal_safe

    assert terminal_safe("张\x1b[2J三\x07\n") == "张\\x1b[2J三\\x07\n"
    import io

    out = io.StringIO()
    SafeStream(out).write("name: \x1b]0;pwned\x07")
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()


def test_a_backup_from_the_command_line_works_while_the_window_is_open(data_dir, capsys):
    assert cli(data_dir, "demo") == 0
    session = open_data(data_dir / DB_FILENAME)  # the window
    try:
        capsys.readouterr()
        assert cli(data_dir, "backup") == 0
        assert Path(capsys.readouterr().out.strip()).exists()
    finally:
        session.close()
