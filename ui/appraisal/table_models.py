"""The appraisal tab's read-only tables, over plain rows from the core."""

from __future__ import annotations

from PySide6.QtGui import QColor

from dahe_desktop.appraisal.points import format_points, format_total
from ui.common.rows_model import RowsModel

MUTED = QColor("#888888")
ATTENTION = QColor("#b00020")


class SubjectsModel(RowsModel):
    columns = (
        ("序号", lambda s: s.seq),
        ("姓名", lambda s: s.name),
        ("职务", lambda s: s.position),
        ("考核类别", lambda s: s.category),
        ("类别确认", lambda s: "已确认" if s.confirmed else "待确认"),
        ("建议依据", lambda s: f"{s.suggested_category}：{s.suggestion_note}" if s.suggested_category else ""),
        ("参加评议", lambda s: f"不参加（{s.excuse_reason}）" if s.excused else "参加"),
    )

    def color(self, row):
        if row.excused:
            return MUTED
        return None if row.confirmed else ATTENTION


class RatersModel(RowsModel):
    columns = (
        ("类别", lambda r: r.group),
        ("编号", lambda r: r.seq),
        ("姓名", lambda r: r.name),
        ("所在村（社）", lambda r: r.village),
    )


class ProgressModel(RowsModel):
    columns = (
        ("评议人", lambda p: p.rater.label),
        ("应填格数", lambda p: p.cells),
        ("第一遍已录", lambda p: p.first),
        ("第二遍已录", lambda p: p.second),
        ("不一致", lambda p: p.differences),
    )

    def color(self, row):
        return ATTENTION if row.differences else None


class DifferencesModel(RowsModel):
    columns = (
        ("评议人", lambda d: d.rater),
        ("党员", lambda d: d.member),
        ("类别", lambda d: d.category),
        ("项目", lambda d: d.item),
        ("第一遍", lambda d: format_points(d.first) or "空"),
        ("第二遍", lambda d: format_points(d.second) or "空"),
    )


class ResultsModel(RowsModel):
    columns = (
        ("排名", lambda m: m.rank),
        ("姓名", lambda m: m.name),
        ("考核类别", lambda m: m.category),
        ("得分", lambda m: format_total(m.total) if m.total is not None else ("不参加" if m.excused else "—")),
        ("按分数建议", lambda m: m.suggested + ("（受优秀比例限制）" if m.capped else "")),
        ("评定等次", lambda m: m.grade if not m.excused else ""),
        ("评定理由", lambda m: m.grade_reason),
        ("申辩意见", lambda m: m.appeal),
        ("改进措施", lambda m: m.measures),
    )

    def color(self, row):
        if row.excused:
            return MUTED
        return ATTENTION if row.overridden else None


class EventsModel(RowsModel):
    columns = (
        ("时间", lambda e: e.at.strftime("%Y-%m-%d %H:%M")),
        ("事项", lambda e: e.kind),
        ("内容", lambda e: e.text),
    )
