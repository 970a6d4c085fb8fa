"""What 结对帮扶 adds to the dashboard: households on file, covered and uncovered, per
branch, counted exactly as the coverage report counts them (a pair with someone no longer
active does not cover)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from dahe_desktop.dashboard.providers import FeatureFigures
from dahe_desktop.pairing.scope import load_scope
from db import changes

DASHBOARD_KINDS = (changes.HOUSEHOLDS, changes.PAIRINGS, changes.MEMBERS)


def dashboard_figures(year: int, today: dt.date) -> FeatureFigures:
    scope = load_scope(year)
    total: Counter = Counter()
    covered: Counter = Counter()
    for hid, ref in scope.households.items():
        total[ref.branch_id] += 1
        pair = scope.pairs.get(hid)
        if pair is not None and pair.server in scope.servers:
            covered[ref.branch_id] += 1
    per_branch = {
        b: {"households": n, "households_covered": covered[b], "households_uncovered": n - covered[b]}
        for b, n in total.items()
    }
    keys = ("households", "households_covered", "households_uncovered")
    return FeatureFigures({k: sum(f[k] for f in per_branch.values()) for k in keys}, per_branch)
