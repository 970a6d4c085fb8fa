"""Appraisal results for a county-sized run, against a bare loop in the same run.

    python bench/appraisal.py [--members 10000] [--raters 30] [--items 12]

The core (`scoring.compute_results`): per member and item the mean of each rater group
(trimmed: highest and lowest dropped, blanks skipped), weighted, totals rounded, grades
from the bands with the cap on 优秀, ranks. The baseline: a bare nested loop over the
same scores computing each group's plain mean per item and the weighted total.
Targets (issue 13): under 2 s, and within 3x the bare loop.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dahe_desktop.appraisal.scoring import RunConfig, SubjectScores, compute_results  # noqa: E402

MEMBERS, REPRESENTATIVES = "党员", "群众代表"


def make_scores(members: int, raters: int, items: int, seed: int = 13) -> list[SubjectScores]:
    rng = random.Random(seed)
    reps = raters // 3
    maxima = [rng.choice((50, 80, 100, 125)) for _ in range(items)]
    out = []
    for i in range(members):
        merit = rng.uniform(0.6, 1.0)
        groups = {}
        for group, n in ((MEMBERS, raters - reps), (REPRESENTATIVES, reps)):
            groups[group] = [[min(m, max(0, round(m * (merit + rng.uniform(-0.1, 0.1))))) for m in maxima]
                             for _ in range(n)]  # fmt: skip
        out.append(SubjectScores(i, items, groups, [30]))
    return out


def bare_loop(subjects: list[SubjectScores], weights: dict[str, int]) -> list[float]:
    totals = []
    for s in subjects:
        total = 0.0
        for group, rows in s.rows_by_group.items():
            w = weights[group] / 100
            sums = [0] * s.n_rated
            for row in rows:
                for k, v in enumerate(row):
                    sums[k] += v
            total += w * sum(sums) / len(rows)
        totals.append(total + sum(s.clause_points))
    return totals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--raters", type=int, default=30)
    parser.add_argument("--items", type=int, default=12)
    args = parser.parse_args()
    subjects = make_scores(args.members, args.raters, args.items)
    cells = args.members * args.raters * args.items
    print(f"members: {args.members:,}, raters each: {args.raters}, items: {args.items} ({cells:,} scores)")
    config = RunConfig(trim=True, excellent_cap=20)

    started = time.perf_counter()
    baseline = bare_loop(subjects, dict(config.weights))
    base = time.perf_counter() - started

    started = time.perf_counter()
    results = compute_results(subjects, config)
    core = time.perf_counter() - started

    graded = sum(1 for r in results if r.suggested)
    assert graded == args.members and len(baseline) == args.members
    ratio = core / base
    print(f"bare loop:       {base:6.2f} s")
    print(f"compute_results: {core:6.2f} s  ({ratio:.2f}x the bare loop; target < 2 s and < 3x)")
    ok = core < 2.0 and ratio < 3.0
    print("OK" if ok else "SLOWER THAN THE TARGET")


if __name__ == "__main__":
    main()
