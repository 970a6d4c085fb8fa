"""The coverage report (全覆盖): households without a member, loads over the maximum,
able members without a household, 流动党员户 not on a 支委, difficulty on the frail."""

from __future__ import annotations

from collections import Counter

from dahe_desktop.pairing import labels
from dahe_desktop.pairing.records import CoverageReport, LoadIssue
from dahe_desktop.pairing.rules import is_hardship
from dahe_desktop.pairing.scope import Scope, load_scope


def coverage(year: int, branch_id: int | None = None) -> CoverageReport:
    return coverage_of(load_scope(year, branch_id))


def coverage_of(scope: Scope) -> CoverageReport:
    """The report for a loaded scope (the planner reuses the rows it has read)."""
    report = CoverageReport(year=scope.year, households=len(scope.households), covered=0)
    villages = {ref.branch_id for ref in scope.households.values()}  # branches with households
    load: Counter = Counter()
    for hid, ref in scope.households.items():
        pair = scope.pairs.get(hid)
        server = scope.servers.get(pair.server) if pair else None
        if pair is None or server is None:  # unpaired, or paired to someone no longer active
            report.uncovered.append(ref)
            continue
        report.covered += 1
        load[server.key] += 1
        name = scope.server_names.get(server.key, server.name)
        if ref.kind == labels.AWAY and not server.committee:
            report.away_not_committee.append((ref, name))
        if is_hardship(ref.kind) and not server.able:
            report.hardship_not_able.append((ref, name))
    for key, server in scope.servers.items():
        name = scope.server_names.get(key, server.name)
        if load[key] > server.maximum:
            report.over_maximum.append(LoadIssue(name, scope.branch_names.get(server.branch_id, ""), load[key], server.maximum))
        elif server.able and load[key] == 0 and server.branch_id in villages:
            report.idle_able.append(name)
    report.uncovered.sort(key=lambda r: (r.branch_id, r.settlement, r.id))
    return report

