"""The rules of service work as plain functions over plain data (no database).

An item raised (社情民意) goes 已收集 → 已上报 → 办理中 → a result (已办结, or 部分解决 /
无法解决 with the reason) → 已反馈群众, the result told back to the household with the
date and how (seed §3.2: 及时向群众反馈各类事项的办理结果). No step is skipped: the
household cannot be told a result there is not. An item the household says is not
solved goes back to 办理中 (reopened), its earlier steps kept.
"""

from __future__ import annotations

import datetime as dt

from dahe_desktop.errors import UserError
from dahe_desktop.service import labels as L
from dahe_desktop.service.records import (
    InspectionInput,
    ItemInput,
    ItemStep,
    TeamInput,
    VisitInput,
)

CONTENT_MAX = 300
NAME_MAX = 40


class ServiceError(UserError):
    """A service-work write was refused; one line per problem."""


# The steps allowed from each status. A result may be corrected (back to 办理中) before
# it is told; after the feedback only the household's "not solved" reopens it.
NEXT: dict[str, tuple[str, ...]] = {
    L.COLLECTED: (L.REPORTED,),
    L.REPORTED: (L.IN_HAND,),
    L.IN_HAND: L.RESULTS,
    L.SOLVED: (L.FED_BACK, L.IN_HAND),
    L.PARTLY_SOLVED: (L.FED_BACK, L.IN_HAND),
    L.NOT_SOLVABLE: (L.FED_BACK, L.IN_HAND),
    L.FED_BACK: (L.IN_HAND,),
}


def next_statuses(status: str) -> tuple[str, ...]:
    return NEXT.get(status, ())


def is_overdue(status: str, due_date: dt.date | None, today: dt.date) -> bool:
    """Past its time limit with no result yet (a result waiting to be told is not late)."""
    return status in L.UNRESOLVED and due_date is not None and due_date < today


def step_problems(label: str, status: str, step: ItemStep, raised: dt.date, has_result: bool) -> list[str]:
    """What is wrong with taking `step` from `status`; `label` names the item."""
    to = step.to_status
    if to not in L.ITEM_STATUSES:
        return [f"{label}：没有“{to}”这一状态"]
    if to not in next_statuses(status):
        if to == L.FED_BACK:
            return [f"{label}：还没有办理结果，不能标为“{L.FED_BACK}”；请先登记{'/'.join(L.RESULTS)}"]
        allowed = "、".join(next_statuses(status)) or "无"
        return [f"{label}：当前为“{status}”，下一步只能是{allowed}，不能直接改为“{to}”"]
    lines = []
    if step.on is None:
        lines.append(f"{label}：请填写{_date_title(to)}")
    elif step.on < raised:
        lines.append(f"{label}：{_date_title(to)}早于收集日期{raised:%Y-%m-%d}")
    if to in L.RESULTS and not step.result.strip():
        lines.append(f"{label}：请写明办理结果")
    if to in L.NEEDS_REASON and not step.reason.strip():
        lines.append(f"{label}：“{to}”请写明原因")
    if to == L.FED_BACK:
        if not has_result:
            lines.append(f"{label}：还没有办理结果，不能标为“{L.FED_BACK}”")
        if not step.feedback_how.strip():
            lines.append(f"{label}：请写明怎样告知群众（如{'、'.join(L.FEEDBACK_WAYS[:3])}）")
    if to == L.IN_HAND and status == L.FED_BACK and not step.note.strip():
        lines.append(f"{label}：重新办理请写明群众反映未解决的情况")
    return lines


def _date_title(status: str) -> str:
    return {L.FED_BACK: "反馈日期", L.SOLVED: "办结日期", L.PARTLY_SOLVED: "办结日期",
            L.NOT_SOLVABLE: "办结日期"}.get(status, "日期")  # fmt: skip


def _text(lines: list[str], label: str, title: str, value: str, required: bool = True, limit: int = CONTENT_MAX) -> None:
    if required and not value.strip():
        lines.append(f"{label}：请填写{title}")
    elif len(value) > limit:
        lines.append(f"{label}：{title}最多{limit}字（现{len(value)}字）")


def item_problems(label: str, item: ItemInput, raised: dt.date | None) -> list[str]:
    lines: list[str] = []
    if item.category not in L.ITEM_CATEGORIES:
        lines.append(f"{label}：类别应为{'、'.join(L.ITEM_CATEGORIES)}之一")
    _text(lines, label, "反映的问题", item.content)
    if item.route and item.route not in L.ROUTES:
        lines.append(f"{label}：上报至应为{'、'.join(L.ROUTES)}之一")
    if item.route == L.ROUTE_OFFICE and not item.office.strip():
        lines.append(f"{label}：上报乡镇部门时请写明哪个部门")
    if item.due_date is not None and raised is not None and item.due_date < raised:
        lines.append(f"{label}：办理时限{item.due_date:%Y-%m-%d}早于收集日期{raised:%Y-%m-%d}")
    _text(lines, label, "反映人/户", item.household, required=False, limit=NAME_MAX * 2)
    _text(lines, label, "责任人", item.owner, required=False, limit=NAME_MAX)
    return lines


def visit_problems(visit: VisitInput, member_name: str, today: dt.date) -> list[str]:
    label = f"{member_name}的走访"
    lines: list[str] = []
    if visit.visit_date is None:
        lines.append(f"{label}：请填写走访日期")
    elif visit.visit_date > today:
        lines.append(f"{label}：走访日期{visit.visit_date:%Y-%m-%d}还没到")
    if visit.kind not in L.VISIT_KINDS:
        lines.append(f"{label}：方式应为{'、'.join(L.VISIT_KINDS)}之一")
    if not visit.households.strip():
        lines.append(f"{label}：请填写走访的户或地点")
    _text(lines, label, "听取的意见", visit.heard, required=False, limit=CONTENT_MAX * 2)
    for n, item in enumerate(visit.items, start=1):
        lines += item_problems(f"{label}第{n}条问题", item, visit.visit_date)
    return lines


def inspection_problems(ins: InspectionInput, today: dt.date) -> list[str]:
    label = f"视察调研“{ins.topic[:12] or '（无题目）'}”"
    lines: list[str] = []
    if ins.inspection_date is None:
        lines.append(f"{label}：请填写日期")
    elif ins.inspection_date > today:
        lines.append(f"{label}：日期{ins.inspection_date:%Y-%m-%d}还没到")
    if ins.area not in L.INSPECTION_AREAS:
        lines.append(f"{label}：调研方面应为{'、'.join(L.INSPECTION_AREAS)}之一")
    _text(lines, label, "调研题目", ins.topic, limit=60)
    if not ins.participant_ids:
        lines.append(f"{label}：请选择参加的党员")
    if ins.adoption not in L.ADOPTIONS:
        lines.append(f"{label}：采纳情况应为{'、'.join(L.ADOPTIONS)}之一")
    if ins.adoption != L.ADOPTION_PENDING and not ins.opinions.strip():
        lines.append(f"{label}：没有意见建议，谈不上“{ins.adoption}”")
    if ins.opinion_count < 0:
        lines.append(f"{label}：意见建议条数不能为负")
    return lines


def team_problems(team: TeamInput) -> list[str]:
    label = f"{team.kind or '队伍'}“{team.name or '（无名称）'}”"
    lines: list[str] = []
    if team.kind not in L.TEAM_KINDS:
        lines.append(f"{label}：类别应为{'、'.join(L.TEAM_KINDS)}之一")
    _text(lines, label, "名称", team.name, limit=NAME_MAX)
    if team.leader_id is None and not team.leader_name.strip():
        lines.append(f"{label}：请选择或填写负责人")
    if team.kind == L.CO_PROSPERITY_GROUP and not team.trade.strip():
        lines.append(f"{label}：党群共富组请写明产业（如{'、'.join(L.TRADES[:3])}）")
    if not 1990 <= team.formed_year <= 2100:
        lines.append(f"{label}：组建年份{team.formed_year}不对")
    names = [v.strip() for v in team.villagers]
    if any(not v for v in names):
        lines.append(f"{label}：群众成员的姓名不能为空")
    dup = sorted({v for v in names if v and names.count(v) > 1})
    if dup:
        lines.append(f"{label}：群众成员重复：{'、'.join(dup)}")
    if len(set(team.member_ids)) != len(team.member_ids):
        lines.append(f"{label}：党员成员有重复")
    if any(not name.strip() for name, _ in team.households):
        lines.append(f"{label}：帮带户的户主姓名不能为空")
    return lines
