"""What the lost-update check costs a clerk's save, against the same save unchecked.

    python bench/versions.py [--saves 500]

Both runs edit one member's phone through `save_member` (validation, the audit log, one
write transaction each) on a fresh SQLite file: the checked run hands back the version
it loaded (`UPDATE … WHERE id = ? AND version = ?`, then the new version read back), the
bare one passes none. Prints both and the ratio; the check should cost a few per cent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dahe_desktop.roster.service import member_data, save_branch, save_member  # noqa: E402
from dahe_desktop.roster.validation import MemberData  # noqa: E402
from db import close_database, open_database  # noqa: E402


def run(saves: int, checked: bool) -> float:
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "bench.sqlite3")
        try:
            branch = save_branch("扎西村党支部", "农牧村")
            member_id = save_member(MemberData(name="卓玛", sex="女", ethnicity="藏族", birth_date=dt.date(1985, 3, 12),
                                               branch_id=branch))  # fmt: skip
            copy = member_data(member_id)
            if not checked:
                copy.version = None
            start = time.perf_counter()
            for i in range(saves):
                copy.phone = f"139{i:08d}"
                save_member(copy, member_id)  # the checked copy saves from the version it wrote
                if not checked:
                    copy.version = None
            return time.perf_counter() - start
        finally:
            close_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=500)
    args = parser.parse_args()
    run(20, True)  # warm up
    bare, checked = run(args.saves, False), run(args.saves, True)
    print(f"{args.saves} saves: unchecked {bare * 1000 / args.saves:.2f} ms each, "
          f"checked {checked * 1000 / args.saves:.2f} ms each, ratio {checked / bare:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
