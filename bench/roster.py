"""Roster tab speed with a large township, against a bare baseline in the same run.

    python bench/roster.py [--members 100000]

Baseline "open": read the same members' shown columns with plain sqlite3 and loop over
them once in Python (what any table of all rows must at least do). Baseline "filter":
a plain Python loop testing the typed text against every member's name and phone.
Targets (issue 3): first paint under 0.5 s, a keystroke under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dahe_desktop.demo import build_synthetic  # noqa: E402
from db import open_database  # noqa: E402

KEYS = ["z", "zh", "zha", "zhax", "zhaxi", "1", "13", "139"]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dahe-bench-"))
    path = folder / "dahe.sqlite3"
    open_database(path)
    started = time.perf_counter()
    build_synthetic(args.members)
    print(f"members: {args.members:,} (built in {time.perf_counter() - started:.1f} s)")

    # Baseline: every member's shown columns with plain sqlite3, one Python pass.
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    rows = conn.execute(
        "SELECT m.id, m.name, m.sex, m.ethnicity, m.birth_date, m.id_number, m.education,"
        " m.joined_party, b.name, m.phone, m.position, m.category, m.status"
        " FROM member m JOIN branch b ON b.id = m.branch_id"
    ).fetchall()
    shown = [(r[1], r[9]) for r in rows]
    base_open = time.perf_counter() - started
    base_filter = []
    for key in KEYS:
        started = time.perf_counter()
        _ = [r for r in shown if key in r[0] or key in r[1]]
        base_filter.append(time.perf_counter() - started)
    conn.close()

    from ui.app import make_app
    from ui.roster.tab import RosterTab

    app = make_app()
    started = time.perf_counter()
    tab = RosterTab()
    tab.resize(1280, 800)
    tab.refresh()
    tab.show()
    app.processEvents()
    tab.grab()  # a real paint of the visible rows
    first_paint = time.perf_counter() - started

    keystrokes = []
    for key in KEYS:
        started = time.perf_counter()
        tab.search.setText(key)
        app.processEvents()
        tab.table.viewport().grab()
        keystrokes.append(time.perf_counter() - started)
        print(f"  type {key!r:8} -> {tab.model.rowCount():>7,} rows {ms(keystrokes[-1])}")
    started = time.perf_counter()
    tab.search.clear()
    tab.sex.setCurrentText("女")
    app.processEvents()
    tab.table.viewport().grab()
    combo = time.perf_counter() - started

    print(f"first paint      {ms(first_paint)}   baseline {ms(base_open)}   ratio {first_paint / base_open:5.2f}x   target < 500 ms")
    print(f"keystroke median {ms(statistics.median(keystrokes))}   baseline {ms(statistics.median(base_filter))}   "
          f"ratio {statistics.median(keystrokes) / statistics.median(base_filter):5.2f}x   target < 50 ms")
    print(f"keystroke max    {ms(max(keystrokes))}")
    print(f"filter by sex    {ms(combo)} (a query in SQL)")
    tab.close()
    tab.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main()
