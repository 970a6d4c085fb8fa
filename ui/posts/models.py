"""Table models of the 设岗定责 tab over plain rows from the core (no rules here)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from dahe_desktop.posts import labels
from dahe_desktop.posts.records import AppointmentRow, CoverageRow, DutyLogRow, PostRow
from ui.common.rows_model import RowsModel

_WARN = QColor("#b00020")
_OK = QColor("#1b5e20")
_MUTED = QColor("#777777")


def _candidates(p: PostRow) -> str:
    return "、".join(f"{c.member_name}（{c.votes}票，{c.outcome}）" if c.outcome else c.member_name for c in p.candidates)


class PostsModel(RowsModel):
    """A post a row; red while it has no more candidates than seats (差额)."""

    columns = (
        ("岗位", lambda p: p.name),
        ("名额", lambda p: p.seats),
        ("自己申报", lambda p: p.applications),
        ("群众提名", lambda p: p.nominations),
        ("候选人数", lambda p: len(p.candidates)),
        ("差额", lambda p: "是" if len(p.candidates) > p.seats else "否"),
        ("候选人（得票、结果）", _candidates),
        ("职责任务", lambda p: "；".join(p.duties.splitlines())),
        ("年度目标", lambda p: "；".join(p.targets.splitlines())),
    )

    def color(self, row: PostRow) -> QColor | None:
        return None if len(row.candidates) > row.seats else _WARN


class AppointmentsModel(RowsModel):
    columns = (
        ("岗位", lambda a: a.post_name),
        ("姓名", lambda a: a.member_name),
        ("职务", lambda a: a.position),
        ("产生方式", lambda a: a.source),
        ("上岗日期", lambda a: a.appointed_on.isoformat()),
        ("履职记录", lambda a: a.log_entries),
        ("职责任务", lambda a: "；".join(a.duties.splitlines())),
        ("年度目标", lambda a: "；".join(a.targets.splitlines())),
        ("调剂理由", lambda a: a.reason),
    )

    def color(self, row: AppointmentRow) -> QColor | None:
        return _MUTED if row.log_entries == 0 else None


class DutyLogModel(RowsModel):
    columns = (
        ("日期", lambda e: e.done_on.isoformat()),
        ("姓名", lambda e: e.member_name),
        ("岗位", lambda e: e.post_name),
        ("做了什么", lambda e: e.what),
        ("为谁", lambda e: e.for_whom),
    )

    def entry(self, row: int) -> DutyLogRow:
        return self.row_at(row)


class CoverageModel(RowsModel):
    """Every active member: 未定岗 red, 有职 and 不作要求 grey, 已定岗 green."""

    columns = (
        ("姓名", lambda r: r.member_name),
        ("人员类别", lambda r: r.category),
        ("职务", lambda r: r.position),
        ("定岗情况", lambda r: r.status),
        ("岗位", lambda r: r.posts),
        ("说明", lambda r: r.why),
    )

    def color(self, row: CoverageRow) -> QColor | None:
        return {labels.NO_POST: _WARN, labels.HOLDS_POST: _OK}.get(row.status, _MUTED)


class ResultsModel(RowsModel):
    """The tally (or its preview) a candidate a row: (post result, candidate result)."""

    columns = (
        ("岗位", lambda r: r[0].post_name),
        ("名额", lambda r: r[0].seats),
        ("有效票", lambda r: r[0].valid_ballots),
        ("当选须得票", lambda r: r[0].needed),
        ("候选人", lambda r: r[1].name),
        ("得票", lambda r: r[1].votes),
        ("结果", lambda r: r[1].outcome),
    )

    def color(self, row) -> QColor | None:
        return {labels.ELECTED: _OK, labels.TIED: _WARN}.get(row[1].outcome)


class OverviewModel(RowsModel):
    """Every branch's selection of the year: steps done, the next one, what is missing."""

    columns = (
        ("支部", lambda s: s.branch_name),
        ("已完成步骤", lambda s: f"{sum(x.done for x in s.steps)}/{len(s.steps)}"),
        ("下一步", lambda s: next((x.title for x in s.steps if not x.done), "已完成")),
        ("待办", lambda s: "；".join(s.missing)),
    )

    def color(self, row) -> QColor | None:
        return _OK if row.finished else (_WARN if row.missing else None)
