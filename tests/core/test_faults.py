"""Faults as a clerk meets them, through the command line and the core: a file locked by
another program or a disk too full to read it is not called damaged, a full disk under an
export is one line, a vanished data file takes no more saves, a read-only medium can be
read and copied off, every file in the data folder is the clerk's only, and the data
file alone is complete after a command that wrote."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

import main
from dahe_desktop.errors import error_lines
from dahe_desktop.safety import backups
from dahe_desktop.safety.session import open_data
from db.connection import DB_FILENAME
from db.errors import StoreError
from tests.fixtures.rosters import good_rows, write_csv


def cli(data_dir: Path, *args: str) -> int:
    return main.main(["--data-dir", str(data_dir), *args])


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_data_folder_and_everything_in_it_are_the_clerks_only(tmp_path):
    from dahe_desktop.roster.service import save_branch
    from dahe_desktop.safety.errorlog import log_exception, setup_error_log

    folder = tmp_path / "data"
    session = open_data(folder / DB_FILENAME)
    try:
        save_branch("一村党支部", "农牧村")
        backups.make_backup("manual")
        log = setup_error_log(folder)
        try:
            raise RuntimeError("卓玛才让")
        except RuntimeError as error:
            log_exception(RuntimeError, error, error.__traceback__)
        modes = {p.relative_to(folder).as_posix(): p.stat().st_mode & 0o777 for p in folder.rglob("*")}
        modes["."] = folder.stat().st_mode & 0o777
    finally:
        session.close()
    assert log is not None and (folder / "dahe.sqlite3-wal").name in modes  # the WAL too, while open
    assert {name for name, mode in modes.items() if mode not in (0o600, 0o700)} == set(), modes


def test_a_masked_export_runs_beside_the_window_and_a_logged_one_waits_for_it(data_dir, tmp_path, capsys):
    assert cli(data_dir, "import", "roster", str(write_csv(tmp_path / "r.csv", good_rows(), encoding="utf-8"))) == 0
    session = open_data(data_dir / DB_FILENAME)  # the window
    try:
        capsys.readouterr()
        assert cli(data_dir, "export", "roster", str(tmp_path / "out.xlsx")) == 0
        assert (tmp_path / "out.xlsx").exists()
        assert cli(data_dir, "export", "roster", "--include-sensitive", str(tmp_path / "all.xlsx")) == 1
        assert str(data_dir) in capsys.readouterr().err  # its viewing is logged: a write
        assert not (tmp_path / "all.xlsx").exists()
    finally:
        session.close()


@pytest.mark.sqlite_only("another program's exclusive lock on the SQLite file")
def test_a_file_locked_by_another_program_is_busy_not_damaged(data_dir, tmp_path, capsys):
    from dahe_desktop.roster.service import save_branch

    session = open_data(data_dir / DB_FILENAME)
    save_branch("一村党支部", "农牧村")
    backups.make_backup("manual")  # a backup the damaged-file line would offer
    session.close()
    other = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)  # antivirus, a sync client
    try:
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("UPDATE branch SET name = name")
        assert cli(data_dir, "stats") == 1
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert "占用" in line and "损坏" not in line
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert cli(data_dir, "stats") == 0


def test_a_disk_too_full_to_read_the_file_is_full_not_damaged(data_dir, monkeypatch):
    import shutil as shutil_module

    from db import backup as raw
    from db.errors import FULL

    def no_room(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(raw, "connect_read_only", no_room)
    monkeypatch.setattr(raw.shutil, "disk_usage", lambda p: shutil_module._ntuple_diskusage(10**9, 10**9, 0))
    with pytest.raises(StoreError) as raised:
        raw.check_file(data_dir / DB_FILENAME)
    assert raised.value.kind == FULL
    assert "磁盘已满" in error_lines(raised.value)[0]


def test_an_export_onto_a_full_disk_is_one_line_without_a_traceback(data_dir, tmp_path, monkeypatch, capsys):
    from lxml.etree import SerialisationError
    from openpyxl import Workbook

    assert cli(data_dir, "import", "roster", str(write_csv(tmp_path / "r.csv", good_rows(), encoding="utf-8"))) == 0

    def full(self, filename):
        raise SerialisationError("IO_ENOSPC")  # lxml's words for a full disk under openpyxl

    monkeypatch.setattr(Workbook, "save", full)
    capsys.readouterr()
    assert cli(data_dir, "export", "roster", str(tmp_path / "out.xlsx")) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "磁盘已满" in line
    assert list(tmp_path.glob("*out*")) == []


@pytest.mark.sqlite_only("a data file that vanishes from its folder")
@pytest.mark.parametrize("how", ["moved", "deleted"])
def test_a_save_after_the_data_folder_vanished_is_refused_not_lost(tmp_path, how):
    import shutil

    from dahe_desktop.roster.service import list_branches, save_branch

    folder = tmp_path / "usb"
    session = open_data(folder / DB_FILENAME)
    try:
        save_branch("一村党支部", "农牧村")
        away = tmp_path / "elsewhere"
        if how == "moved":
            folder.rename(away)
        else:
            shutil.copytree(folder, away)
            shutil.rmtree(folder)  # the open file lives on, unlinked, until the program closes
        with pytest.raises(StoreError) as refused:
            save_branch("二村党支部", "农牧村")
        assert "不在原处" in error_lines(refused.value)[0] and "未保存" in error_lines(refused.value)[0]
        if how == "moved":
            away.rename(folder)  # put back: saving goes on
            save_branch("二村党支部", "农牧村")
            assert [b.name for b in list_branches()] == ["一村党支部", "二村党支部"]
    finally:
        session.close()


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder holding a data file (in WAL mode, without its index) that cannot be
    written: a mounted read-only file system as root, else a folder without write
    permission (root ignores those)."""
    import subprocess

    from dahe_desktop.roster.service import save_branch

    folder = tmp_path / "cd"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8M", "tmpfs", str(folder)]).returncode != 0:
            pytest.skip("cannot mount a file system to make read-only")
        mounted = True
    session = open_data(folder / DB_FILENAME)
    save_branch("一村党支部", "农牧村")
    session.close()
    for extra in ("-wal", "-shm"):
        (folder / (DB_FILENAME + extra)).unlink(missing_ok=True)
    try:
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            folder.chmod(0o555)
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)
        else:
            folder.chmod(0o700)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file systems and permissions")
def test_a_data_file_on_a_read_only_medium_can_be_read_and_copied_off(read_only_folder, tmp_path, capsys):
    before = (read_only_folder / DB_FILENAME).read_bytes()
    capsys.readouterr()
    assert cli(read_only_folder, "stats") == 0
    captured = capsys.readouterr()
    assert "党支部1个" in captured.out and "只能查看" in captured.err
    stick = tmp_path / "usb"
    stick.mkdir()
    assert cli(read_only_folder, "backup", "--to", str(stick)) == 0  # rescued onto a writable stick
    assert len(list(stick.glob("dahe-*.sqlite3"))) == 1
    assert cli(read_only_folder, "import", "roster", str(write_csv(tmp_path / "r.csv", good_rows(), encoding="utf-8"))) == 1
    assert "只能查看" in capsys.readouterr().err
    assert (read_only_folder / DB_FILENAME).read_bytes() == before


def test_after_a_command_that_wrote_the_data_file_alone_holds_everything(data_dir, tmp_path):
    import shutil

    reader = sqlite3.connect(data_dir / DB_FILENAME)  # open past the command: no checkpoint at its last close
    try:
        reader.execute("SELECT COUNT(*) FROM member").fetchone()
        assert cli(data_dir, "import", "roster", str(write_csv(tmp_path / "r.csv", good_rows(), encoding="utf-8"))) == 0
        alone = tmp_path / "stick.sqlite3"
        shutil.copy(data_dir / DB_FILENAME, alone)  # the file only, as a clerk copies it
    finally:
        reader.close()
    with sqlite3.connect(alone) as conn:
        assert conn.execute("SELECT COUNT(*) FROM member").fetchone()[0] == len(good_rows())
    conn.close()


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="POSIX only")
def test_a_lock_left_by_a_killed_window_is_no_lock(data_dir, tmp_path, capsys):
    import signal
    import subprocess
    import sys

    code = (
        "import sys, time; from dahe_desktop.safety.lock import DataLock;"
        f"lock = DataLock({str(data_dir / DB_FILENAME)!r}).acquire(); print('held', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=Path(main.__file__).parent, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        roster = str(write_csv(tmp_path / "r.csv", good_rows(), encoding="utf-8"))
        assert cli(data_dir, "import", "roster", roster) == 1  # held: refused, naming the folder
        assert str(data_dir) in capsys.readouterr().err
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert cli(data_dir, "import", "roster", roster) == 0  # the lock file is still there, the lock is not
        assert (data_dir / (DB_FILENAME + ".lock")).exists()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
