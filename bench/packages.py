"""Township packages for a large township, against a bare copy of the same rows.

    python bench/packages.py [--members 30000]

A synthetic township of N members exports its first package (everything) and a second
one after 1% of the members changed phone (the digest scan finds them); a fresh county
file previews and imports both. The baseline: `bulk_insert` of the same member rows
into a fresh file, the least any import can cost. Prints seconds and ratios.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dahe_desktop import settings  # noqa: E402
from dahe_desktop.county.export import export_package  # noqa: E402
from dahe_desktop.county.importer import apply_package, preview_package  # noqa: E402
from dahe_desktop.demo import build_synthetic  # noqa: E402
from db import bulk_insert, close_database, open_database, writing  # noqa: E402
from db.models import Branch, Member  # noqa: E402


def timed(what, *args):
    start = time.perf_counter()
    result = what(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=30_000)
    n = parser.parse_args().members
    folder = Path(tempfile.mkdtemp(prefix="dahe-bench-packages-"))
    open_database(folder / "township.sqlite3")
    build_synthetic(n)
    settings.put(settings.TOWNSHIP_CODE, "632523999")
    branches = list(Branch.select().dicts())
    members = list(Member.select().dicts())
    first, t_export1 = timed(export_package, folder)
    with writing():
        changed = [m["id"] for m in members[:: 100]]
        Member.update(phone="13900000000").where(Member.id.in_(changed)).execute()
    second, t_export2 = timed(export_package, folder)
    close_database()

    open_database(folder / "bare.sqlite3")
    with writing():
        bulk_insert(Branch, [{k: v for k, v in b.items() if k not in ("secretary", "township")} for b in branches])
        _, t_bare = timed(bulk_insert, Member, members)
    close_database()

    open_database(folder / "county.sqlite3")
    preview, t_preview = timed(preview_package, first.path)
    _, t_import1 = timed(apply_package, first.path)
    _, t_import2 = timed(apply_package, second.path)
    close_database()
    records = preview.totals().new
    print(f"{n} members, {records} records in package 1, {sum(second.counts.values())} in package 2")
    print(f"bare bulk insert of the members: {t_bare:.2f} s")
    for label, seconds in (("export 1 (everything)", t_export1), ("export 2 (digest scan)", t_export2),
                           ("preview 1", t_preview), ("import 1", t_import1), ("import 2", t_import2)):  # fmt: skip
        print(f"{label:24} {seconds:6.2f} s   {seconds / t_bare:5.1f}x bare")


if __name__ == "__main__":
    main()
