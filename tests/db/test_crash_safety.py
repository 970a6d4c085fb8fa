"""A write killed with SIGKILL at any point leaves the file intact with all its rows or
none. A child process writes 30,000 members in one `writing()` transaction (the
transaction every import takes) and is killed during and after the write. The rows go
in with executemany on the transaction's own connection: Peewee's insert_many builds
its SQL at ~0.3 ms a row, which would make this test take ten seconds."""

from __future__ import annotations

import os
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


ROLLOVER_CHILD = r"""
import sys
from db import open_database
from dahe_desktop.commitments.rollover import carry_over
open_database(sys.argv[1])
print("rolling", flush=True)
carry_over(int(sys.argv[2]))
print("committed", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
def test_a_killed_year_rollover_leaves_all_drafts_or_none(tmp_path):
    import shutil

    from dahe_desktop.demo import build_demo
    from db import close_database, open_database

    template = tmp_path / "demo.sqlite3"
    open_database(template)
    year = build_demo().reference_date.year
    close_database()
    outcomes = []
    for n, (after, delay) in enumerate([("rolling", 0.03), ("rolling", 0.08), ("rolling", 0.15), ("committed", 0.0)]):
        path = tmp_path / f"roll{n}.sqlite3"
        shutil.copy(template, path)
        child = subprocess.Popen([sys.executable, "-c", ROLLOVER_CHILD, str(path), str(year)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)  # fmt: skip
        while (line := child.stdout.readline().strip()) and line != after:
            pass
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            outcomes.append(conn.execute("SELECT COUNT(*) FROM commitment WHERE year = ?", (year + 1,)).fetchone()[0])
    print("drafts after each kill:", outcomes)
    assert outcomes[-1] > 0 and all(count in (0, outcomes[-1]) for count in outcomes)
