"""Backups: one self-contained file each, made at start and before risky steps, kept by a
rotation, listed with their contents, restored after backing up the current data."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

import main
from dahe_desktop.roster.service import save_branch
from dahe_desktop.safety import backups, restoring
from dahe_desktop.safety.session import open_data
from db import close_database, open_database
from db.models import Branch, Member
from tests.helpers.roster import small_roster

pytestmark = pytest.mark.sqlite_only("backups are copies of the SQLite file")


def members_in(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT COUNT(*) FROM member").fetchone()[0]


def test_a_backup_is_one_complete_file_with_nothing_beside_it(db, tmp_path):
    small_roster()
    path = backups.make_backup("manual")
    assert path.parent == tmp_path / "backups"
    alone = tmp_path / "alone.sqlite3"
    shutil.copy(path, alone)  # the file by itself, as a USB stick would carry it
    assert members_in(alone) == 5
    assert not list(path.parent.glob("*-wal")) and not list(path.parent.glob("*.part"))
    info = backups.list_backups()[0]
    assert info.path == path and info.reason_label == "手动备份"
    assert backups.contents(path).summary().startswith("党员 5，支部 2")


def test_backup_before_a_step_skips_an_empty_file_and_keeps_a_full_one(db):
    assert backups.backup_before("rollover") is None
    small_roster()
    path = backups.backup_before("rollover")
    assert path is not None and path.name.endswith("-rollover.sqlite3")


def test_the_daily_backup_is_made_once_a_day(db):
    small_roster()
    today = dt.date.today()
    first = backups.daily_backup(today)
    assert first is not None
    assert backups.daily_backup(today) is None
    assert len(backups.list_backups()) == 1


def test_the_rotation_keeps_the_newest_and_one_per_day_week_and_month(tmp_path):
    start = dt.datetime(2024, 1, 1, 9, 0)
    infos = []
    for day in range(700):  # two backups a day for almost two years
        for hour in (9, 15):
            made = start + dt.timedelta(days=day, hours=hour - 9)
            infos.append(backups.BackupInfo(tmp_path / f"b{day}-{hour}", made, "daily", 1))
    kept = backups.kept(infos, today=(start + dt.timedelta(days=699)).date())
    newest = sorted(infos, key=lambda b: b.made)[-1]
    assert newest.path in kept
    assert len(kept) <= backups.KEEP_NEWEST + backups.KEEP_DAILY + backups.KEEP_WEEKLY + backups.KEEP_MONTHLY
    months = {(b.made.year, b.made.month) for b in infos if b.path in kept}
    assert len(months) == backups.KEEP_MONTHLY  # a year back, one a month


def test_rotate_deletes_only_what_the_rotation_drops(db, tmp_path):
    small_roster()
    folder = tmp_path / "backups"
    for day in range(40):
        backups.make_backup("daily", now=dt.datetime(2026, 10, 1, 8) + dt.timedelta(days=day))
    left = backups.list_backups()
    assert 10 <= len(left) < 40
    assert left[0].made.date() == dt.date(2026, 11, 9)
    assert all(p.suffix == ".sqlite3" for p in folder.iterdir())


def test_restore_brings_back_the_backup_and_keeps_the_current_data_aside(db):
    small_roster()
    path = backups.make_backup("manual")
    save_branch("新来的党支部", "机关")
    Member.update(name="改过的名字").where(Member.name == "卓玛才让").execute()
    safety = restoring.restore_backup(path)
    assert Branch.select().count() == 2
    assert Member.select().where(Member.name == "卓玛才让").count() == 1
    assert safety is not None and backups.contents(safety).counts["branch"] == 3


@pytest.mark.parametrize("kind", ["missing", "live", "text", "damaged"])
def test_restore_refuses_what_is_not_a_good_backup_and_changes_nothing(db, tmp_path, kind):
    small_roster()
    target = tmp_path / "x.sqlite3"
    if kind == "live":
        target = tmp_path / "test.sqlite3"
    elif kind == "text":
        target.write_text("hello")
    elif kind == "damaged":
        good = backups.make_backup("manual")
        data = bytearray(good.read_bytes())
        data[4096 * 2 : 4096 * 6] = b"\xde\xad" * (4096 * 2)
        target.write_bytes(bytes(data))
    with pytest.raises(backups.BackupError) as refused:
        restoring.restore_backup(target)
    assert len(refused.value.lines) == 1
    assert Member.select().count() == 5


def another_programs_file(path: Path, version: int, tables: tuple[str, ...] = ("member",)) -> Path:
    """An SQLite file of another program that happens to have a `member` table and a
    schema version, as a look-alike backup would."""
    with sqlite3.connect(path) as conn:
        for table in tables:
            conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, x TEXT)")
        conn.execute("CREATE TABLE schema_version (version INTEGER)")
        conn.execute("INSERT INTO schema_version VALUES (?)", (version,))
    conn.close()
    return path


@pytest.mark.parametrize("version", [1, "current"])
def test_restoring_another_programs_database_is_refused_and_the_data_is_untouched(db, tmp_path, version):
    from db.migrations import CURRENT_VERSION

    small_roster()
    live = tmp_path / "test.sqlite3"
    number = CURRENT_VERSION if version == "current" else version
    other = another_programs_file(tmp_path / "other.sqlite3", number, ("member", "branch"))
    with pytest.raises(backups.BackupError) as refused:
        restoring.restore_backup(other)
    (line,) = refused.value.lines
    assert "不是本程序的备份文件" in line and "未做任何改动" in line
    assert Member.select().count() == 5 and Branch.select().count() == 2
    assert backups.list_backups() == []  # refused before the safety copy: nothing was about to change
    assert not list((live.parent / "tmp").glob("*.sqlite3"))  # the trial copy is gone


def test_restoring_another_programs_file_over_a_damaged_one_moves_nothing(data_dir, tmp_path, capsys):
    path = data_dir / "dahe.sqlite3"
    path.write_bytes(b"not a database" * 100)
    other = another_programs_file(tmp_path / "other.sqlite3", 1)
    assert main.main(["--data-dir", str(data_dir), "restore", str(other)]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "不是本程序的备份文件" in line
    assert path.read_bytes() == b"not a database" * 100
    assert not list(data_dir.glob("*.damaged-*"))


def test_cli_backup_backups_and_restore(data_dir, tmp_path, capsys):
    assert main.main(["--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    stick = tmp_path / "usb"
    stick.mkdir()
    assert main.main(["--data-dir", str(data_dir), "backup", "--to", str(stick)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == stick and members_in(written) > 367
    assert main.main(["--data-dir", str(data_dir), "backup"]) == 0
    in_folder = Path(capsys.readouterr().out.strip())
    assert in_folder.parent == data_dir / "backups"
    assert main.main(["--data-dir", str(data_dir), "backups"]) == 0
    listing = capsys.readouterr().out
    assert str(in_folder) in listing and "党员 " in listing and "手动备份" in listing
    assert main.main(["--data-dir", str(data_dir), "restore", str(written)]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "before the restore is kept in" in out


def test_a_migration_is_preceded_by_a_backup_in_the_backups_folder(tmp_path):
    from tests.db.test_migrations import make_v1_file

    path = tmp_path / "dahe.sqlite3"
    make_v1_file(path)
    session = open_data(path)
    try:
        made = backups.list_backups()
        reasons = {b.reason for b in made}
        assert "migration" in reasons
        migration = next(b for b in made if b.reason == "migration")
        assert backups.contents(migration.path).version == 1
    finally:
        session.close()


def test_a_clean_close_leaves_the_file_complete_without_its_wal(tmp_path):
    path = tmp_path / "dahe.sqlite3"
    open_database(path)
    reader = sqlite3.connect(path)  # another connection (a worker) keeps SQLite from
    reader.execute("SELECT COUNT(*) FROM member").fetchall()  # checkpointing by itself on close
    try:
        small_roster()
        close_database()
        alone = tmp_path / "copy.sqlite3"
        shutil.copy(path, alone)  # what the clerk copies from 数据位置
        assert members_in(alone) == 5
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0
    finally:
        reader.close()


def test_finalizing_an_appraisal_backs_the_file_up_first(db):
    from dahe_desktop.appraisal.results import finalize
    from dahe_desktop.safety.backups import list_backups
    from tests.helpers.appraisal import fill, scoring_run

    run_id, _ids = scoring_run()
    fill(run_id)
    before = len(list_backups())
    finalize(run_id)
    reasons = [b.reason for b in list_backups()]
    assert len(reasons) == before + 1 and "finalization" in reasons


def test_the_daily_backup_made_later_holds_the_file_as_it_was_when_it_was_due(db):
    """The window makes today's backup after it shows: what is written meanwhile (the
    clerk's first change) is not in it, so it is still the copy from before today's work."""
    small_roster()
    due = backups.due_daily_backup(dt.date.today())
    assert due is not None
    save_branch("新建支部", "机关")  # written after the file was opened, before the copy
    path = due.make()
    assert path is not None and path.name.endswith("-daily.sqlite3")
    assert members_in(path) == 5
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        names = {name for (name,) in conn.execute("SELECT name FROM branch")}
    assert "新建支部" not in names and Branch.select().where(Branch.name == "新建支部").exists()
    assert backups.due_daily_backup(dt.date.today()) is None  # once a day


def test_a_due_daily_backup_of_an_empty_file_writes_nothing_and_can_be_given_up(db):
    due = backups.due_daily_backup(dt.date.today())
    assert due is not None and due.make() is None and backups.list_backups() == []
    small_roster()
    given_up = backups.due_daily_backup(dt.date.today())
    given_up.close()  # the window closed before it ran: nothing written, nothing held
    assert backups.list_backups() == []
    close_database()  # the checkpoint is not kept from completing by the snapshot
    wal = db.database + "-wal"
    assert not Path(wal).exists() or Path(wal).stat().st_size == 0


def test_the_list_reads_the_time_from_the_name_and_skips_names_it_did_not_write(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for name in ("dahe-20261201-093005-daily.sqlite3", "dahe-20261301-093005-daily.sqlite3",
                 "dahe-20261130-250000-import.sqlite3", "notes.txt"):  # fmt: skip
        (folder / name).write_bytes(b"x")
    listed = backups.list_backups(folder=folder)
    assert [(b.made, b.reason) for b in listed] == [(dt.datetime(2026, 12, 1, 9, 30, 5), "daily")]


def test_a_backup_to_the_data_folder_itself_is_refused_and_to_its_backups_folder_is_an_ordinary_one(db, tmp_path):
    small_roster()
    with pytest.raises(backups.BackupError) as refused:
        backups.make_backup("manual", folder=tmp_path)
    assert "数据文件所在的文件夹" in refused.value.lines[0]
    assert not list(tmp_path.glob("dahe-*.sqlite3"))
    path = backups.make_backup("manual", folder=tmp_path / "backups")
    assert path.parent == tmp_path / "backups" and backups.list_backups()[0].path == path
    with pytest.raises(backups.BackupError) as refused:
        backups.make_backup("manual", folder=tmp_path / "test.sqlite3")  # a file, not a folder
    assert "不是文件夹" in refused.value.lines[0]


def test_a_stick_that_fills_up_during_the_backup_keeps_no_half_copy(db, tmp_path, monkeypatch):
    import errno

    import db.backup as raw

    small_roster()
    stick = tmp_path / "usb"
    stick.mkdir()

    def full(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(raw, "_fsync", full)  # the copy is written, then the stick is full
    with pytest.raises(backups.BackupError) as refused:
        backups.make_backup("manual", folder=stick)
    (line,) = refused.value.lines
    assert str(stick) in line and "空间不足" in line and "备份没有写成" in line
    assert list(stick.iterdir()) == []  # no .part, no journal: nothing with ID numbers left behind


def test_a_stick_without_room_for_the_copy_is_refused_before_writing(db, tmp_path, monkeypatch):
    small_roster()
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(backups.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 10**9, 1000))
    with pytest.raises(backups.BackupError) as refused:
        backups.make_backup("manual", folder=stick)
    assert "空间不足" in refused.value.lines[0]
    assert list(stick.iterdir()) == []


def test_importing_a_score_sheet_backs_the_file_up_first(db, tmp_path):
    from dahe_desktop.appraisal.workbook import import_scores
    from tests.core.test_appraisal_workbook import filled_template
    from tests.helpers.appraisal import scoring_run

    run_id, _ = scoring_run()
    path = tmp_path / "sheets.xlsx"
    filled_template(run_id, path)
    import_scores(run_id, path, pass_no=1)
    (made,) = backups.list_backups()
    assert made.reason == "scores" and made.reason_label == "导入考核评分表前"


def test_the_backup_list_counts_every_features_main_table_and_knows_every_table():
    from dahe_desktop.safety import labels
    from db.models import ALL_MODELS

    tables = {model._meta.table_name for model in ALL_MODELS} - {"schema_version"}
    unplaced = tables - set(labels.TABLES) - labels.DETAIL_TABLES
    assert not unplaced, f"name these tables in labels.TABLES (counted) or DETAIL_TABLES: {sorted(unplaced)}"
    assert not set(labels.TABLES) & labels.DETAIL_TABLES
    assert not (set(labels.TABLES) | labels.DETAIL_TABLES) - tables  # no table that is gone


def test_a_demo_backup_lists_the_appraisal_and_the_posts_too(db):
    from dahe_desktop.demo import build_demo

    build_demo()
    summary = backups.contents(backups.make_backup("manual")).summary()
    for label in ("党员 ", "农牧户 ", "结对 ", "设岗定责 ", "考核评议 ", "考核对象 "):
        assert label in summary


def test_a_backup_onto_a_stick_without_permissions_is_written_all_the_same(db, tmp_path, monkeypatch):
    import os

    small_roster()
    stick = tmp_path / "usb"
    stick.mkdir()
    real_chmod = os.chmod

    def fat(path, mode, *args, **kwargs):  # a FAT stick mounted on Linux refuses chmod
        if Path(path).parent == stick:
            raise PermissionError(1, "Operation not permitted", str(path))
        return real_chmod(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "chmod", fat)
    path = backups.make_backup("manual", folder=stick)
    assert path.parent == stick and members_in(path) == 5


def test_broken_backups_are_listed_as_such_and_never_offered(data_dir, capsys):
    from dahe_desktop.safety.session import newest_good_backup

    assert main.main(["--data-dir", str(data_dir), "demo"]) == 0
    assert main.main(["--data-dir", str(data_dir), "backup"]) == 0
    good = Path(capsys.readouterr().out.strip().splitlines()[-1])
    folder = data_dir / "backups"
    (folder / "dahe-29991230-090000-daily.sqlite3").write_bytes(b"")  # a copy cut off at 0 bytes
    (folder / "dahe-29991231-090000-daily.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x5a" * 8000)
    assert main.main(["--data-dir", str(data_dir), "backups"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "不能恢复" in out[0] and "不能恢复" in out[1] and str(good) in out[2] and "党员 " in out[2]
    assert newest_good_backup(data_dir / "dahe.sqlite3").path == good


def test_an_import_whose_backup_cannot_be_written_is_not_done_and_says_why(data_dir, tmp_path, monkeypatch, capsys):
    import errno

    import db.backup as raw
    from tests.fixtures.rosters import good_rows, write_csv

    assert main.main(["--data-dir", str(data_dir), "demo"]) == 0
    open_data(data_dir / "dahe.sqlite3").close()  # today's backup is made
    roster = write_csv(tmp_path / "roster.csv", good_rows(), encoding="utf-8")

    def full(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(raw, "_fsync", full)
    capsys.readouterr()
    assert main.main(["--data-dir", str(data_dir), "import", "roster", str(roster)]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "导入花名册之前要先备份" in line and "空间不足" in line
    assert members_in(data_dir / "dahe.sqlite3") == 374


def test_the_whole_file_is_checked_on_demand_and_damage_is_one_line_saying_what_to_do(data_dir, tmp_path, capsys,
                                                                                      monkeypatch):  # fmt: skip
    assert main.main(["--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    assert main.main(["--data-dir", str(data_dir), "check"]) == 0
    assert capsys.readouterr().out.startswith("数据文件完好")
    seen = []

    def damaged(path, *, full=False):  # what integrity_check finds beyond quick_check: an index out of step
        seen.append(full)
        return ["row 12 missing from index member_name"] if full else []

    monkeypatch.setattr(restoring, "check_file", damaged)
    assert main.main(["--data-dir", str(data_dir), "check"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "有损坏" in line and "member_name" in line and "restore" in line
    assert seen == [True]  # the full check, not the start's quick one
