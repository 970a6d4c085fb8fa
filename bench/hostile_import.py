"""How fast and in how much memory hostile import files are refused.

    python bench/hostile_import.py

Builds (in a temp folder) a 1,000,000-row .xlsx, a zip bomb (5 MB compressed sheet
expanding to ~5 GB is too slow to build: a 50:1 .. 1000:1 one of 200 MB) and a CSV with
a 10,000-character cell, then times `preview_roster_import` on each and prints the
peak memory of this process. Baseline: reading the same .xlsx's bytes once.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dahe_desktop.importing import ImportFileError, preview_roster_import  # noqa: E402
from db import open_database  # noqa: E402

SHEET_HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def million_rows(path: Path, rows: int = 1_000_000) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as out:
            out.write(SHEET_HEAD)
            for i in range(1, rows + 1):
                out.write(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>p%d</t></is></c></row>' % (i, i, i))
            out.write(b"</sheetData></worksheet>")
    return path


def bomb(path: Path, megabytes: int = 200) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/sharedStrings.xml", "w") as out:
            block = b"0" * (1 << 20)
            for _ in range(megabytes):
                out.write(block)
    return path


def long_cell(path: Path) -> Path:
    path.write_text("姓名,性别,身份证号,所在支部\n" + "很" * 10_000 + ",男,,一村党支部\n", encoding="utf-8")
    return path


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="dahe-hostile-"))
    open_database(folder / "dahe.sqlite3")
    for name, build in (("1,000,000 rows", million_rows), ("zip bomb", bomb), ("10,000-char cell", long_cell)):
        path = build(folder / f"{name.split()[0].replace(',', '')}.{'csv' if 'cell' in name else 'xlsx'}")
        start = time.perf_counter()
        path.read_bytes()
        bare = time.perf_counter() - start
        start = time.perf_counter()
        try:
            preview_roster_import(path)
            outcome = "ACCEPTED"
        except ImportFileError as error:
            outcome = error.lines[0]
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name:18} {path.stat().st_size / 1e6:6.1f} MB  refused in {seconds:5.2f} s "
              f"(read bytes {bare:5.3f} s)  peak RSS {peak:5.0f} MB  {outcome}")  # fmt: skip


if __name__ == "__main__":
    main()
