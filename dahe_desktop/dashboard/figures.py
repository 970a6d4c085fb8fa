"""工作概况: the year's live figures from every feature, township-wide and per branch.

Own features are read directly (基本情况, teams, visits and items, inspections,
commitments); pairing, posts and appraisal through optional providers
(`dashboard.providers`): a figure nobody provides is None, shown as "—".

Definitions: an item is open until its result has been told back (已反馈群众);
overdue means past its time limit with no result yet. A team counts from the year it
was formed to the year it was dissolved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import fn

from dahe_desktop import labels as roster_labels
from dahe_desktop.commitments.service import branch_progress, total_progress
from dahe_desktop.dashboard.providers import OPTIONAL_FIGURES, collect
from dahe_desktop.dashboard.titles import FIGURES, TEAM_FIGURE_KEYS
from dahe_desktop.service.inspections import total_summary, yearly_summary
from dahe_desktop.service.teams import TeamFigures, team_figures
from dahe_desktop.service.visits import item_counts
from dahe_desktop.stats import BasicStats, compute_basic_stats
from db.models import Branch, Member


@dataclass
class BranchFigures:
    branch_id: int
    branch_name: str
    values: dict[str, int | None]


@dataclass
class Dashboard:
    """The year's figures. `values` maps every key of FIGURES to an int, or None when the
    feature giving it is not available."""

    year: int
    today: dt.date
    basic: BasicStats
    values: dict[str, int | None]
    branches: list[BranchFigures]
    teams: TeamFigures
    unavailable: list[str] = field(default_factory=list)

    def value(self, key: str) -> int | None:
        return self.values.get(key)

    def as_json(self) -> dict:
        """Integers for every figure (0 where unavailable, listed under `unavailable`)."""
        out: dict = {key: int(self.values.get(key) or 0) for key in FIGURES}
        out["year"] = self.year
        out["unavailable"] = list(self.unavailable)
        return out


def coverage(values: dict[str, int | None]) -> float | None:
    """Share of households linked to a member (0..1), None without pairing figures."""
    households, uncovered = values.get("households"), values.get("households_uncovered")
    if households is None or uncovered is None:
        return None
    return 1.0 if households == 0 else (households - uncovered) / households


def reference_date(year: int, today: dt.date) -> dt.date:
    """The 基本情况 of a past year are as of its 31 December; of this year, today."""
    return min(today, dt.date(year, 12, 31))


def compute_dashboard(year: int, today: dt.date | None = None) -> Dashboard:
    today = today or dt.date.today()
    basic = compute_basic_stats(reference_date(year, today))
    branches = [(b.id, b.name) for b in Branch.select(Branch.id, Branch.name).order_by(Branch.sort_order, Branch.id)]
    members = dict(
        Member.select(Member.branch, fn.COUNT(Member.id)).where(Member.status == roster_labels.STATUS_ACTIVE)
        .group_by(Member.branch).tuples()
    )  # fmt: skip
    teams = team_figures(year)
    items = item_counts(year, today)
    progress = {p.branch_id: p for p in branch_progress(year, today)}
    inspections = {s.branch_id: s for s in yearly_summary(year)}
    optional = collect(year, today)

    def own(branch_id: int | None) -> dict[str, int | None]:
        t = teams.get(branch_id) or TeamFigures()
        i = items.get(branch_id) or item_counts_empty()
        p = progress.get(branch_id) if branch_id is not None else total_progress(list(progress.values()))
        s = inspections.get(branch_id) if branch_id is not None else total_summary(list(inspections.values()))
        v: dict[str, int | None] = {key: t.by_kind.get(kind, 0) for kind, key in TEAM_FIGURE_KEYS.items()}
        v.update(
            members=basic.members if branch_id is None else members.get(branch_id, 0),
            co_prosperity_people=t.co_prosperity_people, poor_households_helped=t.households_helped,
            commitments=p.committed if p else 0, commitments_done=p.done if p else 0,
            commitments_overdue=p.overdue if p else 0,
            visits=i["visits"], items=i["items"], items_open=i["items_open"], items_closed=i["items_closed"], items_resolved=i["items_resolved"],
            items_overdue=i["items_overdue"], inspections=s.inspections if s else 0,
            inspections_remote=s.remote if s else 0, opinions=s.opinions if s else 0,
            opinions_adopted=s.adopted if s else 0,
        )  # fmt: skip
        for feature, keys in OPTIONAL_FIGURES.items():
            given = optional.get(feature)
            source = None if given is None else (given.township if branch_id is None else given.per_branch.get(branch_id, {}))
            for key in keys:
                v[key] = None if source is None else int(source.get(key, 0))
        return v

    township = own(None)
    unavailable = [key for key in FIGURES if township.get(key) is None]
    return Dashboard(
        year=year, today=today, basic=basic, values=township,
        branches=[BranchFigures(b, name, own(b)) for b, name in branches],
        teams=teams.get(None) or TeamFigures(), unavailable=unavailable,
    )  # fmt: skip


def item_counts_empty() -> dict[str, int]:
    return dict(visits=0, items=0, items_open=0, items_overdue=0, items_closed=0, items_resolved=0)
