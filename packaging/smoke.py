"""Smoke test of a built bundle: does the frozen program start and do its jobs?

    python packaging/smoke.py [dist/DaheDesk]

Runs the bundle's executables (not the sources) against a fresh temporary data folder:
`--smoke` (the window opens the data file, shows, processes events, exits 0: Qt's platform
plugin, the fonts, the migrations), then the command line: `demo`, `stats --json`,
`print name-cards` (ReportLab, its C speed-ups, the shipped fonts, QR codes), `print
commitment-cards`, `print card-test-sheet`, `report` as PDF and as Word (python-docx,
lxml), a county server nobody listens on (the PostgreSQL driver loads; when the bundle
has one), `export roster` and `import roster` of that
file into a second folder (openpyxl both ways, pypinyin). Each PDF is checked to be a
whole PDF with the page count the command reported. Standard library only: it runs with
any Python 3.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

WINDOWS = sys.platform == "win32"


class SmokeFailure(Exception):
    pass


def run(exe: Path, *args: str, data: Path, env: dict[str, str]) -> str:
    # The window's start takes seconds: a minute means it waits for something (a dialog).
    timeout = 120 if "--smoke" in args else 300
    started = time.perf_counter()
    done = subprocess.run(
        [str(exe), "--data-dir", str(data), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )
    took = time.perf_counter() - started
    print(f"  {took:5.1f} s  {exe.name} {' '.join(args)}  -> exit {done.returncode}")
    if done.returncode != 0:
        raise SmokeFailure(f"{exe.name} {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr[-3000:]}")
    return done.stdout


def pdf_pages(path: Path) -> int:
    """Pages of a whole PDF written by ReportLab (no object streams: pages are plain objects)."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SmokeFailure(f"{path.name} is not a whole PDF ({len(data)} bytes)")
    return len(re.findall(rb"/Type\s*/Page\b", data))


def check_pdf(path: Path, report: str) -> None:
    pages = pdf_pages(path)
    said = re.search(r"(\d+)\s*页", report)
    if pages == 0 or (said and int(said.group(1)) != pages):
        raise SmokeFailure(f"{path.name}: {pages} pages in the file; the command said: {report.strip()}")
    print(f"           {path.name}: {pages} pages, {path.stat().st_size // 1024} KB")


def check_docx(path: Path) -> None:
    with zipfile.ZipFile(path) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    if "党员" not in body:
        raise SmokeFailure(f"{path.name} has no Chinese text in word/document.xml")
    print(f"           {path.name}: {path.stat().st_size // 1024} KB")


def check_server_driver(cli: Path, env: dict[str, str]) -> None:
    """The county server's driver loads in the bundle: a server nobody listens on must be
    refused as unreachable, not for a missing driver (peewee then names psycopg2)."""
    args = ["--server", "postgresql://nobody@127.0.0.1:1/none", "stats", "--json"]
    done = subprocess.run([str(cli), *args], env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=120)  # fmt: skip
    said = done.stdout + done.stderr
    if done.returncode == 0 or "driver not found" in said or "ImproperlyConfigured" in said:
        raise SmokeFailure(f"the PostgreSQL driver did not load in the bundle:\n{said[-2000:]}")
    print(f"  {cli.name} {' '.join(args)}  -> exit {done.returncode} (unreachable, as it should be)")


def smoke(bundle: Path) -> None:
    suffix = ".exe" if WINDOWS else ""
    window = bundle / f"DaheDesk{suffix}"
    cli = bundle / f"DaheDesk-cli{suffix}"
    for exe in (window, cli):
        if not exe.is_file():
            raise SmokeFailure(f"no {exe}")
    env = dict(os.environ)
    if not WINDOWS and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"  # headless CI; on Windows the real qwindows plugin
    with tempfile.TemporaryDirectory(prefix="dahe-smoke-") as temp:
        temp = Path(temp)
        env["XDG_CONFIG_HOME"] = str(temp / "config")  # this PC's settings: not the real user's
        data = temp / "data"
        run(window, "--smoke", data=data, env=env)
        if not (data / "dahe.sqlite3").is_file():
            raise SmokeFailure("--smoke did not create the data file")
        said = run(cli, "demo", data=data, env=env)
        if "在册党员367名" not in said:  # Chinese through a pipe: UTF-8 mode in the bundle
            raise SmokeFailure(f"demo's report does not read as UTF-8 Chinese: {said!r}")
        stats = json.loads(run(cli, "stats", "--json", data=data, env=env))
        if (stats["branches"], stats["members"]) != (20, 367):
            raise SmokeFailure(f"demo township has {stats['branches']} branches, {stats['members']} members")
        run(window, "--smoke", data=data, env=env)  # the window again, now over the demo data
        for args in (
            ("print", "name-cards"),
            ("print", "commitment-cards", "--year", "2026"),
            ("print", "card-test-sheet"),
        ):
            out = temp / f"{args[1]}.pdf"
            check_pdf(out, run(cli, *args, str(out), data=data, env=env))
        # The summary report: a GB/T 9704 paper (the shipped Song and FangSong) and a Word
        # file (python-docx on lxml.etree, the one lxml module the bundle keeps).
        report = ("report", "--year", "2026")
        check_pdf(temp / "report.pdf", run(cli, *report, str(temp / "report.pdf"), data=data, env=env))
        run(cli, *report, str(temp / "report.docx"), data=data, env=env)
        check_docx(temp / "report.docx")
        if list((bundle / "_internal").glob("psycopg_binary*")):
            check_server_driver(cli, env)
        roster = temp / "roster.xlsx"
        run(cli, "export", "roster", "--include-id-numbers", str(roster), data=data, env=env)
        run(cli, "import", "roster", str(roster), data=temp / "again", env=env)
        again = json.loads(run(cli, "stats", "--json", data=temp / "again", env=env))
        if again["members"] != 367:
            raise SmokeFailure(f"re-import of the exported roster gave {again['members']} members")


def main() -> int:
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "dist" / "DaheDesk")
    print(f"smoke test of {bundle}")
    try:
        smoke(bundle)
    except (SmokeFailure, subprocess.TimeoutExpired, json.JSONDecodeError, KeyError) as error:
        print(f"SMOKE FAILED: {error}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
