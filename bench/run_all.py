"""Every speed job against its bare limit, measured side by side in one run: one table.

    python bench/run_all.py [--runs 3] [--start-runs 5] [--only start,cards,...]

Each job runs in a fresh process of its own (ours, then the bare limit, alternating, the
median of --runs); the time is measured inside that process once its libraries are
imported (ours: the CLI's parser with every command module; bare: sqlite3, ReportLab,
openpyxl, zxing-cpp), so it is the job's own; peak memory is the whole process's peak
resident set (`wait4`). "start" times whole processes from outside. Fixtures (the demo township, a
synthetic township of 10,000 with commitments, its roster as .xlsx, one of 100,000) are
built once per run in a temporary folder and copied for every process that writes.

Jobs (ours / the bare limit):
- start: `main.py --smoke` over the demo township (the window shown, events processed) /
  a bare PySide6 QMainWindow shown the same way; both from compiled bytecode (compiled
  once, in the run's folder), as installed;
- cards: `print name-cards` of 10,000 members, default design (QR on the back, duplex) /
  a ReportLab loop that reads the same rows with sqlite3, draws the same strings and a QR
  code made by a compiled encoder (zxing-cpp) as a 1-bit image;
- import: `import roster` of a valid 10,000-row .xlsx into an empty file / openpyxl's
  read-only read of every cell of it;
- roster: `bench/roster.py` at 100,000 (first paint, keystroke; its own baselines);
- commitments: `print commitment-cards` for 10,000 members / ReportLab drawing the same
  strings, two cards a page;
- stats: `stats --json` at 100,000 / the same counts in one plain sqlite3 query;
- pairing, appraisal: `bench/pairing.py`, `bench/appraisal.py`, when they exist (their
  own output follows the table).
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # a child's clock, also with its imports

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
YEAR = 2026
JOBS = ("start", "cards", "import", "roster", "commitments", "stats", "pairing", "appraisal")


# ---- children: one job, one side, in this process; prints {"seconds": ...} ---------------
def child(job: str, side: str, data: Path, out: Path) -> None:
    """The job's time, from after the libraries are imported (start-up is the start job's)."""
    sys.path.insert(0, str(ROOT))
    if side == "ours":
        from dahe_desktop import cli

        cli.build_parser()  # imports every command module
    else:
        import sqlite3  # noqa: F401

        import openpyxl  # noqa: F401
        import reportlab.pdfgen.canvas  # noqa: F401
        import zxingcpp  # noqa: F401
    ready = time.perf_counter()
    if side == "ours":
        args = {
            "cards": ["print", "name-cards", "--duplex", str(out)],
            "import": ["import", "roster", str(data / "roster.xlsx")],
            "commitments": ["print", "commitment-cards", "--year", str(YEAR), "--no-record", str(out)],
            "stats": ["stats", "--json"],
        }[job]
        import main

        target = data / "empty" if job == "import" else data
        with open(os.devnull, "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                code = main.main(["--data-dir", str(target), *args])
            finally:
                sys.stdout = stdout
        if code != 0:
            raise SystemExit(f"{job}: exit {code}")
    else:
        {"cards": bare_cards, "import": bare_import, "commitments": bare_commitments, "stats": bare_stats}[job](data, out)
    print(json.dumps({"seconds": time.perf_counter() - ready, "with_imports": time.perf_counter() - _T0}))


def bare_cards(data: Path, out: Path) -> None:
    """Same rows (sqlite3), same strings at fixed places, one font, a QR code per back."""
    import sqlite3

    import zxingcpp
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("bare", str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"), subfontIndex=0))
    rows = sqlite3.connect(data / "dahe.sqlite3").execute(
        "SELECT m.name, b.name, m.position, m.phone, m.services, m.service_promise FROM member m"
        " JOIN branch b ON b.id = m.branch_id WHERE m.status = '在册' ORDER BY b.sort_order, b.id, m.id"
    ).fetchall()
    canvas = Canvas(str(out), pageCompression=1)
    width, height = 85 * mm, 54 * mm
    for start in range(0, len(rows), 10):
        sheet = rows[start : start + 10]
        for back in (False, True):
            canvas.setFont("bare", 9)
            for slot, (name, branch, position, phone, services, promise) in enumerate(sheet):
                x, y = 15 * mm + (slot % 2) * width, 10 * mm + (slot // 2) * height
                texts = (promise, "监督电话：0974-8591234") if back else (branch, name, position, phone, services.replace("\n", " "))
                for i, text in enumerate(texts):
                    canvas.drawString(x + 6 * mm, y + 45 * mm - i * 8 * mm, text)
                if back:
                    vcard = f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name};;;;\r\nFN:{name}\r\nTEL;TYPE=CELL:{phone}\r\nEND:VCARD\r\n"
                    image = zxingcpp.create_barcode(vcard, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(
                        scale=1, add_quiet_zones=False
                    )
                    n = memoryview(image).shape[0]
                    bits = bytes(memoryview(image)).translate(_BITS)
                    hexrows = "".join(
                        (int(bits[r * n : (r + 1) * n], 2) << (-n % 8)).to_bytes((n + 7) // 8, "big").hex()
                        for r in range(n)
                    )
                    canvas.addLiteral(
                        f"q {19 * mm:.2f} 0 0 {19 * mm:.2f} {x + 60 * mm:.2f} {y + 13 * mm:.2f} cm "
                        f"BI /W {n} /H {n} /BPC 1 /CS /G /F /AHx ID {hexrows}> EI Q"
                    )
            canvas.showPage()
    canvas.save()


_BITS = bytes.maketrans(b"\x00\xff", b"01")


def bare_import(data: Path, out: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(data / "roster.xlsx", read_only=True, data_only=True)
    count = sum(1 for row in book.active.iter_rows(values_only=True) for _cell in row)
    book.close()
    assert count > 10_000


def bare_commitments(data: Path, out: Path) -> None:
    """Each member's commitments as strings, two A5 cards on an A4 page."""
    import sqlite3

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("bare", str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"), subfontIndex=0))
    rows = sqlite3.connect(data / "dahe.sqlite3").execute(
        "SELECT m.id, m.name, b.name, c.area, c.content, c.due_date, c.quality FROM commitment c"
        " JOIN member m ON m.id = c.member_id JOIN branch b ON b.id = m.branch_id"
        " WHERE c.year = ? AND m.status = '在册' ORDER BY b.sort_order, b.id, m.id, c.seq",
        (YEAR,),
    ).fetchall()
    canvas = Canvas(str(out), pagesize=A4, pageCompression=1)
    cards: dict[int, list] = {}
    for row in rows:
        cards.setdefault(row[0], []).append(row)
    for index, items in enumerate(cards.values()):
        top = A4[1] - 40 - (index % 2) * A4[1] / 2
        canvas.setFont("bare", 10)
        canvas.drawString(40, top, f"{items[0][2]} {items[0][1]} 公开承诺")
        for i, (_m, _n, _b, area, content, due, quality) in enumerate(items):
            canvas.drawString(40, top - 20 - i * 14, f"{i + 1}. {area} {content} {due} {quality}")
        if index % 2 == 1:
            canvas.showPage()
    canvas.save()


def bare_stats(data: Path, out: Path) -> None:
    import sqlite3

    sqlite3.connect(data / "dahe.sqlite3").execute(
        "SELECT COUNT(*), SUM(b.kind = '农牧村'), SUM(m.sex = '女'), SUM(m.ethnicity <> '汉族'),"
        " SUM(m.birth_date > '1980-12-01'), SUM(m.education IN ('高中', '大专', '本科'))"
        " FROM member m JOIN branch b ON b.id = m.branch_id WHERE m.status = '在册'"
    ).fetchone()


# ---- the parent: fixtures, processes, the table -------------------------------------------
def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one child process (fork, exec, wait4)."""
    started = time.perf_counter()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: stdout into the pipe, then exec
        os.close(read)
        os.dup2(write, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.execve(argv[0], argv, env)
    os.close(write)
    with os.fdopen(read) as pipe:
        stdout = pipe.read()
    _pid, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv[1:])} failed (exit {os.waitstatus_to_exitcode(status)})")
    return wall, usage.ru_maxrss / 1024, stdout


FIXTURES = {"start": "demo", "cards": "ten", "import": "ten", "commitments": "ten", "stats": "hundred"}


def build_fixtures(folder: Path, needed: set[str]) -> dict[str, Path]:
    """The data folders the jobs read (`needed`: their names), built with the core in a
    child process each."""
    script = (
        "import sys; sys.path.insert(0, {root!r})\n"
        "from db import open_database, close_database\n"
        "open_database({path!r})\n"
        "{body}\n"
        "close_database()\n"
    )
    bodies = {
        "demo": "from dahe_desktop.demo import build_demo; build_demo()",
        "ten": (
            "from dahe_desktop.demo import build_synthetic; build_synthetic(10_000)\n"
            f"from dahe_desktop.commitments.demo import add_demo_commitments; add_demo_commitments({YEAR})\n"
            "from dahe_desktop.exporting.roster import export_roster\n"
            "from db.models import Member\n"
            "ids = [i for (i,) in Member.select(Member.id).order_by(Member.id).tuples()]\n"
            f"export_roster({str(folder / 'ten' / 'roster.xlsx')!r}, ids, include_id_numbers=True)"
        ),
        "hundred": "from dahe_desktop.demo import build_synthetic; build_synthetic(100_000)",
    }
    paths = {}
    for name, body in bodies.items():
        if name not in needed:
            continue
        path = folder / name
        path.mkdir()
        started = time.perf_counter()
        code = script.format(root=str(ROOT), path=str(path / "dahe.sqlite3"), body=body)
        subprocess.run([sys.executable, "-c", code], check=True)
        print(f"  fixture {name}: {time.perf_counter() - started:.1f} s", flush=True)
        paths[name] = path
    return paths


def fresh_copy(source: Path, into: Path) -> Path:
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(source, into)
    (into / "empty").mkdir(exist_ok=True)
    return into


Row = tuple[str, str, str, str, str]


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def job_start(paths, env, runs) -> list[Row]:
    bare = (
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication([]); w = QMainWindow(); w.resize(1280, 800); w.show()\n"
        "QTimer.singleShot(0, app.quit); app.exec()\n"
    )
    ours_argv = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(paths["demo"]), "--smoke"]
    bare_argv = [sys.executable, "-c", bare]
    # Both sides start from compiled bytecode, as an installed copy does (the bundle ships
    # .pyc files; PySide6 in the venv has its own): the warm-up run compiles ours once into
    # the run's folder instead of every process compiling ~130 source files.
    env = {**env, "PYTHONPYCACHEPREFIX": str(paths["demo"].parent / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    measure(ours_argv, env)  # warm the file cache once, and compile
    measure(bare_argv, env)
    ours, base = [], []
    for _ in range(runs):
        ours.append(measure(ours_argv, env))
        base.append(measure(bare_argv, env))
    return [row("start to the main window shown (demo data)", ours, base)]


def row(label: str, ours: list, base: list) -> Row:
    o, b = statistics.median(r[0] for r in ours), statistics.median(r[0] for r in base)
    om, bm = max(r[1] for r in ours), max(r[1] for r in base)
    return (label, fmt(o), fmt(b), f"{o / b:.1f}×", f"{om:.0f} / {bm:.0f} MB")


def job_child(job: str, label: str, source: Path, folder: Path, env, runs) -> list[Row]:
    results = {"ours": [], "bare": []}
    for attempt in range(runs):
        for side in ("ours", "bare"):
            data = fresh_copy(source, folder / f"{job}-{side}-{attempt}")
            argv = [sys.executable, __file__, "--child", job, side, str(data), str(data / "out.pdf")]
            _wall, peak, stdout = measure(argv, env)
            results[side].append((json.loads(stdout.strip().splitlines()[-1])["seconds"], peak))
            shutil.rmtree(data)
    return [row(label, results["ours"], results["bare"])]


def job_roster(env) -> list[Row]:
    _wall, peak, stdout = measure([sys.executable, str(BENCH / "roster.py"), "--members", "100000"], env)
    lines = {line.split()[0] + " " + line.split()[1]: line for line in stdout.splitlines() if line.strip()}

    def numbers(key: str) -> tuple[str, str, str]:
        parts = lines[key].split()
        at = parts.index("ms")
        base_at = parts.index("baseline")
        return f"{parts[at - 1]} ms", f"{parts[base_at + 1]} ms", parts[parts.index("ratio") + 1]

    paint, key = numbers("first paint"), numbers("keystroke median")
    return [
        ("roster first paint at 100,000", paint[0], paint[1], paint[2], f"{peak:.0f} MB (whole bench)"),
        ("roster keystroke at 100,000 (median)", key[0], key[1], key[2], ""),
    ]


def other_benches(names: list[str], env) -> list[str]:
    """bench/pairing.py, bench/appraisal.py: written by others; their own output, verbatim."""
    out = []
    for name in names:
        script = BENCH / f"{name}.py"
        if not script.exists():
            out.append(f"{name}: bench/{name}.py not there yet (skipped)")
            continue
        wall, peak, stdout = measure([sys.executable, str(script)], env)
        out.append(f"{name} (bench/{name}.py, {wall:.1f} s, peak {peak:.0f} MB):\n{stdout.rstrip()}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="processes per side of each job (median)")
    parser.add_argument("--start-runs", type=int, default=7, help="processes per side for the start job")
    parser.add_argument("--only", default=",".join(JOBS), help=f"comma-separated subset of {','.join(JOBS)}")
    parser.add_argument("--child", nargs=4, metavar=("JOB", "SIDE", "DATA", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        job, side, data, out = args.child
        child(job, side, Path(data), Path(out))
        return
    only = set(args.only.split(","))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    folder = Path(tempfile.mkdtemp(prefix="dahe-bench-all-"))
    env["XDG_CONFIG_HOME"] = str(folder / "config")  # this PC's settings: not the real user's
    try:
        print(f"fixtures in {folder}", flush=True)
        paths = build_fixtures(folder, {FIXTURES[job] for job in only if job in FIXTURES})
        rows: list[Row] = []
        plan = [
            ("start", lambda: job_start(paths, env, args.start_runs)),
            ("cards", lambda: job_child("cards", "10,000 name cards with QR (default design)", paths["ten"], folder, env, args.runs)),
            ("import", lambda: job_child("import", "import 10,000 valid rows (.xlsx)", paths["ten"], folder, env, args.runs)),
            ("roster", lambda: job_roster(env)),
            ("commitments", lambda: job_child("commitments", "10,000 commitment cards", paths["ten"], folder, env, args.runs)),
            ("stats", lambda: job_child("stats", "stats at 100,000", paths["hundred"], folder, env, args.runs)),
        ]
        for name, run in plan:
            if name in only:
                print(f"  measuring {name}...", flush=True)
                rows += run()
        extra = other_benches([n for n in ("pairing", "appraisal") if n in only], env)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    header = ("job (this machine, medians)", "ours", "bare limit", "ratio", "peak memory ours / bare")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    print()
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    for block in extra:
        print()
        print(block)


if __name__ == "__main__":
    main()
