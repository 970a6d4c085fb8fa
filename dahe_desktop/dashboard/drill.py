"""Behind every figure, its list: what the dashboard opens when the clerk clicks a figure
(township-wide or one branch's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from dahe_desktop.audit.viewing import helped_households_viewed
from dahe_desktop.commitments.records import DONE, CommitmentFilter
from dahe_desktop.commitments.service import active_members, list_commitments
from dahe_desktop.dashboard.titles import FIGURE_TITLES, TEAM_FIGURE_KEYS
from dahe_desktop.service import labels as L
from dahe_desktop.service.inspections import list_inspections
from dahe_desktop.service.records import ItemFilter
from dahe_desktop.service.teams import helped_households, list_teams
from dahe_desktop.service.visits import list_items, list_visits


@dataclass
class FigureList:
    """A figure's rows as text, ready for a table."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    viewed: Callable[[], int] | None = None  # logs the showing of a list of sensitive rows


def _d(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def _teams(year, branch_id, kind, title):
    rows = list_teams(year, branch_id, kind)
    return FigureList(title, ["支部", "名称", "负责人", "产业", "党员", "群众", "帮带户"], [
        [t.branch_name, t.name, t.leader, t.trade, str(t.party_members), str(t.villagers), str(t.households)] for t in rows
    ])  # fmt: skip


def _items(year, branch_id, today, title, **flt):
    rows = list_items(ItemFilter(year=year, branch_id=branch_id, **flt), today)
    return FigureList(title, ["收集日期", "支部", "收集人", "反映人/户", "类别", "问题", "责任人", "时限", "状态"], [
        [_d(i.raised_date), i.branch_name, i.member_name, i.household, i.category, i.content, i.owner, _d(i.due_date),
         i.status_text] for i in rows
    ])  # fmt: skip


def _inspections(year, branch_id, title, only=None):
    rows = [i for i in list_inspections(year, branch_id) if only is None or only(i)]
    return FigureList(title, ["日期", "支部", "方面", "题目", "地点", "参加人员", "意见建议", "采纳"], [
        [_d(i.inspection_date), i.branch_name, i.area, i.topic, i.places + ("（边远）" if i.remote else ""),
         i.participants_text, i.opinions, i.adoption] for i in rows
    ])  # fmt: skip


def _commitments(year, branch_id, today, title, **flt):
    rows = list_commitments(CommitmentFilter(year=year, branch_id=branch_id, include_drafts=False,
                                             include_withdrawn=False, **flt), today)  # fmt: skip
    return FigureList(title, ["支部", "党员", "方面", "承诺内容", "完成时限", "状态"], [
        [c.branch_name, c.member_name, c.area, c.content, _d(c.due_date), c.status_text] for c in rows
    ])  # fmt: skip


def figure_list(key: str, year: int, branch_id: int | None = None, today: dt.date | None = None) -> FigureList | None:
    """The rows behind one figure; None when the figure has no list here (a feature's
    own tab shows it)."""
    today = today or dt.date.today()
    title = f"{year}年{FIGURE_TITLES.get(key, key)}"
    kinds = {v: k for k, v in TEAM_FIGURE_KEYS.items()}
    if key in kinds:
        return _teams(year, branch_id, kinds[key], title)
    if key == "teams":  # every kind of the 三队三强
        return _teams(year, branch_id, "", f"{year}年“三队三强”队伍")
    if key == "co_prosperity_people":
        return _teams(year, branch_id, L.CO_PROSPERITY_GROUP, title)
    if key == "poor_households_helped":
        rows = helped_households(year, branch_id)
        return FigureList(title, ["支部", "户主", "所在社", "帮带队伍"],
                          [[h.branch_name, h.name, h.place, "、".join(h.teams)] for h in rows],
                          lambda: helped_households_viewed(year, branch_id))  # households in difficulty, by name  # fmt: skip
    if key == "members":
        return FigureList(title, ["支部", "姓名", "职务"],
                          [[m.branch_name, m.name, m.position] for m in active_members(branch_id)])  # fmt: skip
    if key == "visits":
        rows = list_visits(year, branch_id)
        return FigureList(title, ["日期", "支部", "党员", "方式", "走访户/地点", "听取的意见", "问题数"], [
            [_d(v.visit_date), v.branch_name, v.member_name, v.kind, v.households, v.heard, str(v.items)] for v in rows
        ])  # fmt: skip
    items = {"items": {}, "items_open": {"open_only": True}, "items_overdue": {"overdue_only": True},
             "items_closed": {"status": L.FED_BACK}}  # fmt: skip
    if key in items:
        return _items(year, branch_id, today, title, **items[key])
    if key == "items_resolved":
        found = _items(year, branch_id, today, title)
        resolved = {*L.RESULTS, L.FED_BACK}
        found.rows = [r for r in found.rows if r[-1] in resolved]
        return found
    if key == "inspections":
        return _inspections(year, branch_id, title)
    if key == "inspections_remote":
        return _inspections(year, branch_id, title, lambda i: i.remote)
    if key == "opinions":
        return _inspections(year, branch_id, title, lambda i: bool(i.opinions))
    if key == "opinions_adopted":
        return _inspections(year, branch_id, title, lambda i: i.adoption == L.ADOPTED)
    if key == "commitments":
        return _commitments(year, branch_id, today, title)
    if key == "commitments_done":
        return _commitments(year, branch_id, today, title, status=DONE)
    if key == "commitments_overdue":
        return _commitments(year, branch_id, today, title, overdue_only=True)
    return None
