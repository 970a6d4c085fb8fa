"""Table models of the commitments tab over plain rows from the core (no rules here)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from dahe_desktop.commitments.records import (
    DONE,
    WITHDRAWN,
    BranchProgress,
    CommitmentRow,
)
from dahe_desktop.roster.members import MemberBrief
from ui.common.rows_model import RowsModel

_LATE = QColor("#b00020")
_DONE = QColor("#1b5e20")
_MUTED = QColor("#888888")


def _date(day) -> str:
    return day.isoformat() if day else ""


class CommitmentTableModel(RowsModel):
    """One commitment a row; late ones red, done ones green, withdrawn and drafts grey."""

    columns = (
        ("支部", lambda r: r.branch_name),
        ("姓名", lambda r: r.member_name),
        ("状态", lambda r: r.status_text),  # beside the name: visible in a narrow window
        ("职务", lambda r: r.position),
        ("承诺领域", lambda r: r.area),
        ("承诺事项", lambda r: r.content),
        ("完成时间", lambda r: _date(r.due_date)),
        ("逾期天数", lambda r: r.overdue_days or None),
        ("质量要求", lambda r: r.quality),
        ("完成日期", lambda r: _date(r.done_date)),
        ("核实情况", lambda r: "，".join(x for x in (r.verified_how, r.verified_by, r.status_reason) if x)),
    )

    def color(self, row: CommitmentRow) -> QColor | None:
        if row.is_draft or row.status == WITHDRAWN:
            return _MUTED
        if row.overdue:
            return _LATE
        if row.status == DONE:
            return _DONE
        return None

    def ids(self, rows: list[int]) -> list[int]:
        return [self._rows[r].id for r in rows]


class ProgressTableModel(RowsModel):
    """Per branch: members, with and without commitments, made, done, late, drafts."""

    columns = (
        ("支部", lambda p: p.branch_name),
        ("在册党员", lambda p: p.active_members),
        ("已承诺人数", lambda p: p.members_with),
        ("未承诺人数", lambda p: p.members_without),
        ("承诺事项", lambda p: p.committed),
        ("已完成", lambda p: p.done),
        ("完成率", lambda p: f"{p.done_share:.0%}" if p.committed else "—"),
        ("逾期", lambda p: p.overdue),
        ("待确认草稿", lambda p: p.drafts),
    )

    def color(self, row: BranchProgress) -> QColor | None:
        return _LATE if row.members_without else None


class MembersTableModel(RowsModel):
    """Members (those without commitments this year)."""

    columns = (
        ("支部", lambda m: m.branch_name),
        ("姓名", lambda m: m.name),
        ("职务", lambda m: m.position),
    )

    def member(self, row: int) -> MemberBrief:
        return self._rows[row]
