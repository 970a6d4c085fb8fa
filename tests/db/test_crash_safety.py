"""A write killed with SIGKILL at any point leaves the file intact with all its rows or
none. The real commands (`main.py import roster`, `plan pairing --apply`) run in a child
process and are killed at several times after they signal that the write starts: the
backup each of them makes just before its transaction appears in `backups/`. A bare
30,000-row transaction (executemany on the transaction's own connection) is killed
during and after its commit. A year rollover, a plan acceptance and an appraisal's
finalization are killed inside their write transaction (seen holding SQLite's write
lock), so a write split into several commits would leave part of its rows and fail."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only("kills a process writing the SQLite file")

ROWS = 30_000
ROOT = Path(__file__).resolve().parent.parent.parent

CHILD = r"""
import sys
from db import changes, open_database, writing
from db.connection import raw_connection
from db.models import Branch
open_database(sys.argv[1])
branch = Branch.get_or_create(name="一村党支部", defaults={"kind": "农牧村"})[0].id
rows = [(f"党员{i}", "男", "汉族", "1980-01-01", f"ID{i:08d}", branch) for i in range(int(sys.argv[2]))]
print("writing", flush=True)
with writing(changes.MEMBERS):
    raw_connection().executemany(
        "INSERT INTO member (name, sex, ethnicity, birth_date, id_number, branch_id, name_initials,"
        " name_pinyin, search_key, education, membership, phone, position, category, specialties,"
        " services, service_promise, status, status_note, created_at, updated_at) VALUES"
        " (?, ?, ?, ?, ?, ?, '', '', '', '', '正式党员', '', '', '一般党员', '', '', '', '在册', '',"
        " '2026-12-01', '2026-12-01')", rows)
print("committed", flush=True)
"""


def run_and_kill(path: Path, after: str, delay: float) -> str:
    """Start the child, wait for the line `after`, sleep `delay`, SIGKILL it; returns
    the last line it printed."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(ROWS)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    last = ""
    while True:
        line = child.stdout.readline().strip()
        if not line:
            break
        last = line
        if line == after:
            break
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    return last


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_a_killed_write_leaves_all_rows_or_none(tmp_path):
    outcomes = []
    for n, (after, delay) in enumerate([("writing", 0.0), ("writing", 0.01), ("writing", 0.03),
                                        ("writing", 0.06), ("writing", 0.1), ("committed", 0.0)]):  # fmt: skip
        path = tmp_path / f"kill{n}.sqlite3"
        run_and_kill(path, after, delay)
        with sqlite3.connect(path) as conn:  # reopened as after a crash: the WAL is replayed
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = conn.execute("SELECT COUNT(*) FROM member").fetchone()[0]
        assert count in (0, ROWS), f"kill {n}: {count} rows"
        outcomes.append(count)
    print("rows after each kill:", outcomes)
    assert outcomes[0] == 0 and outcomes[-1] == ROWS  # killed inside the write, and after it


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> tuple[Path, int]:
    """The demo township's data file (built once for this module) and its year."""
    from dahe_desktop.demo import build_demo
    from db import close_database, open_database

    template = tmp_path_factory.mktemp("demo") / "dahe.sqlite3"
    open_database(template)
    year = build_demo().reference_date.year
    close_database()
    return template, year


ENDED, IDLE, WRITING = "ended", "idle", "writing"


def holds_write_lock(path: Path) -> bool:
    """Whether another connection is inside a write transaction on the file."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def kill_after_backup(command: list[str], folder: Path, reason: str | None, delay: float) -> str:
    """Run `main.py command` on the data folder; once the backup made before the write
    (`*-reason.sqlite3`) appears (None: at once), wait `delay` seconds and SIGKILL the
    child. Says what the child was doing: WRITING (inside its write transaction), IDLE
    (before or after it) or ENDED (it had finished)."""
    child = subprocess.Popen([sys.executable, "main.py", "--data-dir", str(folder), *command], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while reason and child.poll() is None and not list((folder / "backups").glob(f"*-{reason}.sqlite3")):
            time.sleep(0.005)
        until = time.monotonic() + delay
        while child.poll() is None and time.monotonic() < until:
            time.sleep(0.005)
        if child.poll() is not None:
            return ENDED
        state = WRITING if holds_write_lock(folder / "dahe.sqlite3") else IDLE
        os.kill(child.pid, signal.SIGKILL)
        return state
    finally:
        child.wait()


def kill_inside_write(command: list[str], folder: Path, reason: str, after_lock: float) -> str:
    """Like `kill_after_backup`, but the kill is aimed inside the write transaction: once
    the backup made before it appears, wait until the child holds SQLite's write lock,
    then `after_lock` seconds more, and SIGKILL it. A write that committed in pieces
    would then leave some of them: the all-or-none check can fail."""
    child = subprocess.Popen([sys.executable, *command], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    path = folder / "dahe.sqlite3"
    try:
        while child.poll() is None and not list((folder / "backups").glob(f"*-{reason}.sqlite3")):
            time.sleep(0.002)
        while child.poll() is None and not holds_write_lock(path):
            pass
        until = time.monotonic() + after_lock
        while child.poll() is None and time.monotonic() < until:
            time.sleep(0.001)
        if child.poll() is not None:
            return ENDED
        state = WRITING if holds_write_lock(path) else IDLE
        os.kill(child.pid, signal.SIGKILL)
        return state
    finally:
        child.wait()


ROLLOVER_CHILD = r"""
import sys
from db import open_database
from dahe_desktop.commitments.rollover import carry_over
open_database(sys.argv[1])
carry_over(int(sys.argv[2]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_a_year_rollover_killed_inside_its_write_leaves_all_drafts_or_none(tmp_path, demo_file):
    template, year = demo_file
    outcomes = []
    for n, after_lock in enumerate([0.0, 0.005, 0.02, 60.0]):  # the last one is left to finish
        folder = tmp_path / f"roll{n}"
        folder.mkdir()
        shutil.copy(template, folder / "dahe.sqlite3")
        state = kill_inside_write(["-c", ROLLOVER_CHILD, str(folder / "dahe.sqlite3"), str(year)], folder,
                                  "rollover", after_lock)  # fmt: skip
        count = reopened_count(folder / "dahe.sqlite3", f"SELECT COUNT(*) FROM commitment WHERE year = {year + 1}")
        outcomes.append((state, count))
    print("drafts after each kill:", outcomes)
    drafts = outcomes[-1][1]
    assert outcomes[-1][0] == ENDED and drafts > 0
    assert all(count in (0, drafts) for _, count in outcomes)
    assert WRITING in {state for state, _ in outcomes}  # one kill at least hit the transaction


FINALIZE_CHILD = r"""
import sys
from db import open_database
from dahe_desktop.appraisal.results import finalize
open_database(sys.argv[1])
finalize(int(sys.argv[2]))
"""


@pytest.fixture(scope="module")
def scoring_file(tmp_path_factory, demo_file) -> tuple[Path, int]:
    """The demo file with its largest branch's appraisal reopened (scores entered,
    not finalized), and that run's id."""
    from dahe_desktop.appraisal.runs import reopen
    from db import close_database, open_database
    from db.models import AppraisalRun, AppraisalSubject

    template = tmp_path_factory.mktemp("scoring") / "dahe.sqlite3"
    shutil.copy(demo_file[0], template)
    open_database(template)
    from peewee import fn

    run_id = (AppraisalSubject.select(AppraisalSubject.run).group_by(AppraisalSubject.run)
              .order_by(fn.COUNT(AppraisalSubject.id).desc()).scalar())  # fmt: skip
    assert AppraisalRun.get_by_id(run_id).state == "finalized"
    reopen(run_id, "核对评分")
    close_database()
    return template, run_id


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_a_finalization_killed_inside_its_write_leaves_it_whole_or_not_begun(tmp_path, scoring_file):
    template, run_id = scoring_file
    sql = "SELECT COUNT(*) FROM audit_entry"
    before = reopened_count(template, sql)
    outcomes = []
    for n, after_lock in enumerate([0.0, 0.01, 0.03, 0.1, 60.0]):  # the last one is left to finish
        folder = tmp_path / f"final{n}"
        folder.mkdir()
        shutil.copy(template, folder / "dahe.sqlite3")
        state = kill_inside_write(["-c", FINALIZE_CHILD, str(folder / "dahe.sqlite3"), str(run_id)], folder,
                                  "finalization", after_lock)  # fmt: skip
        written = reopened_count(folder / "dahe.sqlite3", sql) - before
        finalized = reopened_count(folder / "dahe.sqlite3",
                                   f"SELECT COUNT(*) FROM appraisal_run WHERE id = {run_id} AND state = 'finalized'")  # fmt: skip
        outcomes.append((state, written, finalized))
    print("audit entries and state after each kill:", outcomes)
    whole = outcomes[-1][1]
    assert outcomes[-1] == (ENDED, whole, 1) and whole > 1  # each grade and the run's state
    assert all((written, finalized) in ((0, 0), (whole, 1)) for _, written, finalized in outcomes)
    assert WRITING in {state for state, _, _ in outcomes}


def reopened_count(path: Path, sql: str) -> int:
    """Reopened as after a crash (the WAL replayed): intact, and the rows counted."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def roster_csv(tmp_path_factory) -> Path:
    """30,000 valid members in 20 village branches, as CSV (quicker to make than .xlsx)."""
    import csv
    import datetime as dt

    from dahe_desktop.roster.idcard import make_id_number

    path = tmp_path_factory.mktemp("roster") / "roster.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["姓名", "性别", "民族", "出生日期", "身份证号", "所在支部", "联系电话"])
        for i in range(ROWS):
            sex, birth = "男女"[i % 2], dt.date(1950, 1, 1) + dt.timedelta(days=i % 10_000)
            out.writerow([f"党员{i}", sex, "汉族", f"{birth:%Y-%m-%d}", make_id_number("632522", birth, i // 10_000 * 5, sex),
                          f"第{i % 20}村党支部", f"139{i:08d}"])  # fmt: skip
    return path


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_the_real_import_killed_at_any_point_leaves_all_rows_or_none(tmp_path, roster_csv):
    from dahe_desktop.roster.service import save_branch
    from db import close_database, open_database

    template = tmp_path / "template"
    template.mkdir()
    open_database(template / "dahe.sqlite3")
    save_branch("第0村党支部", "农牧村")  # a file with data: the import backs it up first
    close_database()
    outcomes = []
    # Killed while reading the file, as the write begins, and inside the write.
    for n, (reason, delay) in enumerate([(None, 1.0), ("import", 0.0), ("import", 1.0)]):
        folder = tmp_path / f"import{n}"
        shutil.copytree(template, folder)
        state = kill_after_backup(["import", "roster", str(roster_csv)], folder, reason, delay)
        count = reopened_count(folder / "dahe.sqlite3", "SELECT COUNT(*) FROM member")
        assert count in (0, ROWS), f"kill {n}: {count} rows"
        # A kill inside the write leaves none, unless the commit landed between the lock check
        # and the kill: all or none is the invariant; a run that ended wrote everything.
        assert state != ENDED or count == ROWS
        outcomes.append((state, count))
    print("members after each kill:", outcomes)
    assert WRITING in {state for state, _ in outcomes}  # one kill at least hit the transaction


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_a_killed_plan_acceptance_leaves_all_pairs_or_none(tmp_path, demo_file):
    template, year = demo_file
    households = reopened_count(template, "SELECT COUNT(*) FROM household WHERE status = '在册'")
    outcomes = []
    for n, after_lock in enumerate([0.0, 0.01, 0.05, 60.0]):  # the last one is left to finish
        folder = tmp_path / f"plan{n}"
        folder.mkdir()
        shutil.copy(template, folder / "dahe.sqlite3")
        command = ["main.py", "--data-dir", str(folder), "plan", "pairing", "--year", str(year + 1), "--apply"]
        state = kill_inside_write(command, folder, "acceptance", after_lock)
        count = reopened_count(folder / "dahe.sqlite3", f"SELECT COUNT(*) FROM pairing WHERE year = {year + 1}")
        assert count in (0, households), f"kill {n}: {count} pairs"
        assert state != ENDED or count == households  # a run left to finish wrote every pair
        outcomes.append((state, count))
    print("pairs after each kill:", outcomes)
    assert outcomes[-1] == (ENDED, households)  # left to finish: every household paired
    assert WRITING in {state for state, _ in outcomes}  # one kill at least hit the transaction
