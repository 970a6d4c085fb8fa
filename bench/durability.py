"""What synchronous=FULL costs against NORMAL for a 30,000-row roster import (WAL).

    python bench/durability.py [--rows 30000] [--repeat 3]

Each run imports the same CSV into a new file: preview (read and check every row),
then apply (one transaction). With NORMAL a committed import can be lost on a power
cut (the WAL is synced at checkpoints only); with FULL the commit syncs the WAL.
Baseline: the same rows inserted with plain sqlite3 executemany in one transaction.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import db.connection as connection  # noqa: E402
from dahe_desktop.importing import apply_roster_import, preview_roster_import  # noqa: E402
from dahe_desktop.roster.idcard import make_id_number  # noqa: E402
from db import close_database, open_database  # noqa: E402


def write_roster(path: Path, rows: int) -> None:
    rng = random.Random(15)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["姓名", "性别", "民族", "出生日期", "身份证号", "所在支部", "联系电话"])
        for i in range(rows):
            sex = rng.choice("男女")
            birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18000))
            out.writerow([f"党员{i}", sex, "汉族", f"{birth:%Y-%m-%d}",
                          make_id_number("632522", birth, i % 999, sex),
                          f"第{i % 40}村党支部", f"139{i:08d}"])  # fmt: skip


def one_import(folder: Path, source: Path, synchronous: int) -> float:
    connection.PRAGMAS["synchronous"] = synchronous
    path = folder / f"s{synchronous}-{time.perf_counter_ns()}.sqlite3"
    open_database(path)
    preview = preview_roster_import(source)
    start = time.perf_counter()
    apply_roster_import(preview, skip_invalid=True, create_branches=True)
    seconds = time.perf_counter() - start
    close_database()
    return seconds


def baseline(folder: Path, rows: int, synchronous: int) -> float:
    conn = sqlite3.connect(folder / f"base{synchronous}-{time.perf_counter_ns()}.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, name TEXT, a TEXT, b TEXT, c TEXT, d TEXT)")
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO m (name, a, b, c, d) VALUES (?, ?, ?, ?, ?)",
                     [(f"n{i}", "x", "y", "z", "w") for i in range(rows)])  # fmt: skip
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dahe-durability-"))
    source = folder / "roster.csv"
    write_roster(source, args.rows)
    for name, level in (("NORMAL", 1), ("FULL", 2)):
        applied = [one_import(folder, source, level) for _ in range(args.repeat)]
        bare = [baseline(folder, args.rows, level) for _ in range(args.repeat)]
        print(f"synchronous={name:6} apply {statistics.median(applied):6.3f} s"
              f"  (bare sqlite3 insert {statistics.median(bare):6.3f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
