"""A member's result slip (民主评议结果通知单), handed to the member: every item with its
maximum and points, the total and rank, the grade the points suggest and the grade the
committee proposes with its reason, the member's 申辩, and the improvement measures.
A4 portrait in the GB/T 9704 text block, one member a page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.units import mm

from dahe_desktop.appraisal.points import format_points, format_total, round_tenths
from dahe_desktop.appraisal.printouts.common import SHEET_FACE, PostedResults, cell, chains
from dahe_desktop.appraisal.printouts.posting import BLOCK, PAGE, TITLE
from dahe_desktop.appraisal.records import AppraisalError, MemberResult
from dahe_desktop.printing.document import (
    Drawer,
    PrintResult,
    finish_document,
    needed_height,
    open_document,
)
from dahe_desktop.printing.posting import cn_date
from dahe_desktop.printing.text import Box, TextStyle

TEXT = TextStyle(size=12, min_size=9, leading=1.35, valign="middle", shrink_first=False)
HEAD = replace(TEXT, align="center", bold=True)
LABEL_W = 32 * mm
PAD = 1.5 * mm
ROW_H = 7.5 * mm


def slip_lines(m: MemberResult) -> list[tuple[str, str]]:
    """The labelled facts under the item table, as printed."""
    lines = [("合计得分", f"{format_total(m.total)}分（本支部第{m.rank}名）"), ("按分数建议等次", m.suggested)]
    lines.append(("支委会评定等次", m.grade))
    if m.overridden:
        lines.append(("评定理由", m.grade_reason))
    lines.append(("本人申辩意见", m.appeal or "无"))
    if m.measures:
        lines.append(("改进措施", m.measures))
    return lines


def render_slips(results: PostedResults, out: str | Path, *, record: bool = False) -> PrintResult:
    if not results.members:
        raise AppraisalError("还没有评议结果可打印")
    texts = [(m.name, m.name + m.grade_reason + m.appeal + m.measures + "".join(i.name for i in m.items))
             for m in results.members]  # fmt: skip
    title_chain, body_chain = chains(texts, SHEET_FACE)  # a form to read, not prose: 宋体
    result = PrintResult(str(out), PAGE)
    canvas = open_document(out, PAGE, title=f"{results.branch}{results.year}年度党员民主评议结果通知单", record=record)
    d = Drawer(canvas, result, title_chain, body_chain)
    for n, m in enumerate(results.members):
        if n:
            d.next_page()
        _slip(d, results, m)
        result.printed_ids.append(m.member_id)
        result.documents += 1
    d.refuse_if_clipped(AppraisalError)
    result.pages = d.page + 1
    return finish_document(canvas, result)


def _slip(d: Drawer, results: PostedResults, m: MemberResult) -> None:
    x, w, y = BLOCK.x, BLOCK.width, BLOCK.top
    title_h = 2 * TITLE.size * TITLE.leading
    d.text(f"{results.branch}{results.year}年度\n党员民主评议结果通知单", Box(x, y - title_h, w, title_h), TITLE, title=True)
    y -= title_h + 4 * mm
    meeting = cn_date(results.meeting_date) if results.meeting_date else "—"
    d.text(f"姓名：{m.name}　　考核类别：{m.category}　　考评大会：{meeting}", Box(x, y - ROW_H, w, ROW_H), TEXT, who=m.name)
    y -= ROW_H + 2 * mm
    widths = (w * 0.62, w * 0.19, w * 0.19)
    lefts = (x, x + widths[0], x + widths[0] + widths[1])
    for left, cw, title in zip(lefts, widths, ("考核项目", "满分", "得分"), strict=True):
        cell(d, title, Box(left, y - ROW_H, cw, ROW_H), HEAD, PAD, title=True)
    y -= ROW_H
    for item in m.items:
        points = "" if item.points is None else format_points(round_tenths(item.points))
        name = f"{item.name}（{item.detail}）" if item.by_clauses and item.detail != "无" else item.name
        row_h = max(ROW_H, needed_height(name, widths[0] - 2 * PAD, TEXT, d.body_chain) + 2 * PAD)
        for left, cw, value, align in zip(lefts, widths, (name, format_points(item.max), points), ("left", "center", "center"), strict=True):
            cell(d, value, Box(left, y - row_h, cw, row_h), replace(TEXT, align=align), PAD, who=m.name)
        y -= row_h
    d.text("注：各项得分保留一位小数，合计按未舍入的分数计算。", Box(x, y - 6 * mm, w, 6 * mm), replace(TEXT, size=10, min_size=9))
    y -= 8 * mm
    for label, value in slip_lines(m):
        row_h = max(ROW_H, needed_height(value, w - LABEL_W - 2 * PAD, TEXT, d.body_chain) + 2 * PAD)
        cell(d, label, Box(x, y - row_h, LABEL_W, row_h), replace(HEAD, align="center"), PAD, title=True)
        cell(d, value, Box(x + LABEL_W, y - row_h, w - LABEL_W, row_h), TEXT, PAD, who=m.name)
        y -= row_h
    sign = TextStyle(size=12, min_size=10, leading=1.8, align="right", valign="top")
    d.text("党支部（盖章）　　　　　　\n年　　月　　日　　　", Box(x, y - 30 * mm, w, 24 * mm), sign)
