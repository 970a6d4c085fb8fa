"""Tables of the 服务工作 tab over the core's plain rows."""

from __future__ import annotations

from PySide6.QtGui import QColor

from dahe_desktop.service import labels as L
from ui.common.rows_model import RowsModel

LATE = QColor("#b00020")


def _d(day) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


class ItemsModel(RowsModel):
    columns = [
        ("责任人", lambda i: i.owner), ("状态", lambda i: i.status_text), ("办理时限", lambda i: _d(i.due_date)),
        ("支部", lambda i: i.branch_name), ("收集人", lambda i: i.member_name), ("收集日期", lambda i: _d(i.raised_date)),
        ("反映人/户", lambda i: i.household), ("类别", lambda i: i.category), ("反映的问题", lambda i: i.content),
        ("上报至", lambda i: i.routed_to), ("办理结果", lambda i: i.result), ("原因", lambda i: i.reason),
        ("反馈", lambda i: f"{_d(i.feedback_date)} {i.feedback_how}".strip()),
        ("重办", lambda i: i.reopened or ""),
    ]  # fmt: skip

    def color(self, row):
        return LATE if row.overdue else None


class VisitsModel(RowsModel):
    columns = [
        ("日期", lambda v: _d(v.visit_date)), ("支部", lambda v: v.branch_name), ("党员", lambda v: v.member_name),
        ("方式", lambda v: v.kind), ("走访户/地点", lambda v: v.households), ("听取的意见", lambda v: v.heard),
        ("问题", lambda v: v.items),
    ]  # fmt: skip


class InspectionsModel(RowsModel):
    columns = [
        ("日期", lambda i: _d(i.inspection_date)), ("支部", lambda i: i.branch_name), ("方面", lambda i: i.area),
        ("题目", lambda i: i.topic), ("地点", lambda i: i.places + ("（艰苦/边远）" if i.remote else "")),
        ("参加人员", lambda i: i.participants_text), ("发现的问题", lambda i: i.findings),
        ("意见建议", lambda i: i.opinions), ("条数", lambda i: i.opinion_count), ("采纳", lambda i: i.adoption),
    ]  # fmt: skip


class SummaryModel(RowsModel):
    columns = [
        ("支部", lambda s: s.branch_name), ("视察调研", lambda s: s.inspections), ("艰苦/边远", lambda s: s.remote),
        ("意见建议", lambda s: s.opinions), ("已采纳", lambda s: s.adopted), ("未采纳", lambda s: s.not_adopted),
        ("待研究", lambda s: s.pending),
        *((area, lambda s, a=area: s.by_area.get(a, 0)) for area in L.INSPECTION_AREAS),
    ]  # fmt: skip


class TeamsModel(RowsModel):
    columns = [
        ("支部", lambda t: t.branch_name), ("类别", lambda t: t.kind), ("名称", lambda t: t.name),
        ("负责人", lambda t: t.leader), ("产业", lambda t: t.trade), ("党员", lambda t: t.party_members),
        ("群众", lambda t: t.villagers), ("帮带户", lambda t: t.households), ("组建", lambda t: t.formed_year),
        ("撤销", lambda t: t.dissolved_year or ""),
    ]  # fmt: skip
