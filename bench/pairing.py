"""Pairing planner speed: the demo township and a county, against reading the same rows.

    python bench/pairing.py [--villages 1000] [--members-per-village 10] [--households-per-village 100]

Baseline: read with plain sqlite3 the rows the planner needs (active households, active
members with their pairing profiles, helpers, this and last year's pairs) and loop over
them once in Python. Measured: `plan_pairings()` (its own reads, the min-cost flows and
the change list) for a first year, accepting it, and the next year's plan that keeps the
pairs. Targets (issue 11): township under 0.5 s, county under 10 s, memory under 500 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dahe_desktop.demo import build_demo  # noqa: E402
from dahe_desktop.demo.synthetic import synthetic_rows  # noqa: E402
from dahe_desktop.pairing import labels  # noqa: E402
from dahe_desktop.pairing.proposal import apply_proposal, plan_pairings  # noqa: E402
from db import bulk_insert, close_database, open_database  # noqa: E402
from db.models import Branch, Household, Member, PairingHelper, PairingProfile, now  # noqa: E402

PLACES = ("一社", "二社", "三社", "四社", "牧业点")


def peak_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_baseline(path: Path, year: int) -> float:
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    count = 0
    for sql in (
        "SELECT id, head, branch_id, settlement, kind, status FROM household",
        "SELECT m.id, m.name, m.branch_id, m.category, m.position, p.settlement, p.max_households, p.committee"
        " FROM member m LEFT JOIN pairing_profile p ON p.member_id = m.id WHERE m.status = '在册'",
        "SELECT id, name, branch_id, role, settlement, max_households FROM pairing_helper WHERE status = '在册'",
        f"SELECT id, household_id, member_id, helper_id, locked FROM pairing WHERE year IN ({year}, {year - 1}) AND status = '有效'",
    ):
        for row in conn.execute(sql):
            count += len(row)
    conn.close()
    return time.perf_counter() - started


def build_county(villages: int, per_village: int, households: int) -> None:
    rng = random.Random(11)
    stamp = now()
    bulk_insert(Branch, [dict(name=f"县{n}村党支部", kind="农牧村", village=f"县{n}村", sort_order=n, created_at=stamp)
                         for n in range(1, villages + 1)])  # fmt: skip
    branch_ids = [i for (i,) in Branch.select(Branch.id).order_by(Branch.id).tuples()]
    bulk_insert(Member, synthetic_rows(villages * per_village, branch_ids), prepared=True)
    members = list(Member.select(Member.id, Member.branch).order_by(Member.id).tuples())
    seen: dict[int, int] = {}
    profiles = []
    for member_id, branch_id in members:
        n = seen[branch_id] = seen.get(branch_id, 0) + 1
        profiles.append(dict(member=member_id, settlement=rng.choice(PLACES), committee=True if n <= 3 else None,
                             updated_at=stamp))  # fmt: skip
    bulk_insert(PairingProfile, profiles)
    bulk_insert(PairingHelper, [dict(name=f"积极分子{b}", branch=b, role="入党积极分子", settlement=rng.choice(PLACES),
                                     phone="", status="在册", notes="", created_at=stamp) for b in branch_ids])  # fmt: skip
    rows = []
    for b in branch_ids:
        for _ in range(households):
            r = rng.random()
            kind = labels.AWAY if r < 0.03 else "低保户" if r < 0.06 else "脱贫户" if r < 0.1 else labels.GENERAL
            rows.append(dict(head="户主", branch=b, settlement=rng.choice(PLACES), people=4, phone="", kind=kind,
                             notes="", status="在册", created_at=str(stamp), updated_at=str(stamp)))  # fmt: skip
    bulk_insert(Household, rows, prepared=True)


def timed(fn, *args):
    """(result, wall seconds, CPU seconds): on a shared machine the wall clock also
    counts the time spent waiting for a processor."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def measure(name: str, path: Path, year: int) -> tuple[float, float]:
    """Returns the CPU seconds of the two plans."""
    base = read_baseline(path, year)
    proposal, first, first_cpu = timed(plan_pairings, year)
    applied, accept, accept_cpu = timed(lambda p: apply_proposal(p, backup=False), proposal)  # the write alone
    following, second, second_cpu = timed(plan_pairings, year + 1)
    print(f"{name}: {len(proposal.changes) + proposal.kept + len(proposal.uncovered):,} households, {applied:,} pairs written, "
          f"{len(proposal.uncovered)} uncovered")  # fmt: skip
    print(f"  read baseline          {base * 1000:8.1f} ms")
    print(f"  plan {year}              {first * 1000:8.1f} ms  (CPU {first_cpu * 1000:8.1f} ms, {first / base:5.1f}x baseline)")
    print(f"  accept all             {accept * 1000:8.1f} ms  (CPU {accept_cpu * 1000:8.1f} ms)")
    print(f"  plan {year + 1} (all kept)   {second * 1000:8.1f} ms  (CPU {second_cpu * 1000:8.1f} ms, {second / base:5.1f}x baseline), "
          f"{sum(c.action != labels.ADDED for c in following.changes)} moved or removed")  # fmt: skip
    return first_cpu, second_cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--members-per-village", type=int, default=10)
    parser.add_argument("--households-per-village", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dahe-bench-"))

    town = folder / "town.sqlite3"
    open_database(town)
    build_demo()
    from db.models import Pairing

    Pairing.delete().execute()  # plan the demo's year afresh
    t_town = measure("township (demo)", town, 2026)
    close_database()

    county = folder / "county.sqlite3"
    open_database(county)
    started = time.perf_counter()
    build_county(args.villages, args.members_per_village, args.households_per_village)
    print(f"county built in {time.perf_counter() - started:.1f} s")
    t_county = measure("county", county, 2026)
    close_database()
    peak = peak_mb()
    print(f"peak memory {peak:.0f} MB")
    ok = max(t_town) < 0.5 and max(t_county) < 10 and not peak > 500
    print("targets (CPU time of a plan: township < 0.5 s, county < 10 s; < 500 MB):", "met" if ok else "NOT met")
    for f in folder.iterdir():
        os.unlink(f)
    os.rmdir(folder)


if __name__ == "__main__":
    main()
