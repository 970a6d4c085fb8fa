"""The branch's appraisal results for public posting (民主评议结果公示), in the GB/T 9704
layout: A4, text block 156 x 225 mm from 37 mm top and 28 mm left, title 22 pt, body
16 pt, page numbers "— n —" in 14 pt on the outer side, the issuer centred over the date.

Total and grade only: no item detail, no category (老病残 is a health matter), nobody
excused named (only how many), and no committee reason (it may name an illness); a grade
set against the points is marked as set by the committee on its conduct."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dahe_desktop.appraisal.points import format_total
from dahe_desktop.appraisal.printouts.common import PostedResults, cell, chains
from dahe_desktop.appraisal.records import AppraisalError
from dahe_desktop.printing.document import (
    Column,
    Drawer,
    PrintResult,
    column_edges,
    finish_document,
    open_document,
    paragraph_height,
)
from dahe_desktop.printing.posting import PostingInfo, cn_date
from dahe_desktop.printing.text import Box, TextStyle

PAGE = A4
LEFT, TOP = 28 * mm, 37 * mm
BLOCK_W, BLOCK_H = 156 * mm, 225 * mm
BLOCK = Box(LEFT, PAGE[1] - TOP - BLOCK_H, BLOCK_W, BLOCK_H)
TITLE = TextStyle(size=22, min_size=22, leading=1.35, align="center", valign="top", bold=True, shrink_first=False)
BODY = TextStyle(size=16, min_size=16, leading=1.6, shrink_first=False)
CELL = TextStyle(size=16, min_size=12, align="center", valign="middle")
HEAD = replace(CELL, bold=True)
FOLIO = TextStyle(size=14, min_size=14, valign="middle")
ROW_H = 10 * mm
COLUMNS = (Column("排名", 0.8, "center"), Column("姓名", 1.6, "center"), Column("得分", 1.1, "center"),
           Column("评定等次", 1.3, "center"), Column("备注", 2.2, "center"))  # fmt: skip
BY_COMMITTEE = "按现实表现评定"


def title_of(results: PostedResults) -> str:
    # Two lines broken where they read well, not where the width runs out.
    return f"{results.branch}{results.year}年度\n党员民主评议结果公示"


def intro_of(results: PostedResults, info: PostingInfo) -> str:
    meeting = f"于{cn_date(results.meeting_date)}" if results.meeting_date else ""
    return (
        f"按照党员目标责任绩效管理和民主评议党员的要求，本支部{meeting}召开由全体党员和群众代表参加的考评大会，"
        "对照考核内容逐项打分，支部委员会根据得分和党员现实表现提出评定等次。现将评议结果予以公示，"
        f"公示期为{info.period_text}。公示期间如有异议，请向{info.issuer}反映，监督电话：{info.phone_text}。"
    )


def render_results_posting(results: PostedResults, out: str | Path, info: PostingInfo, *,
                           record: bool = False) -> PrintResult:  # fmt: skip
    """Write the posting; `info.issuer` is whoever posts it (the branch)."""
    if not results.members:
        raise AppraisalError("还没有评议结果可公示")
    texts = [(m.name, m.name + m.grade) for m in results.members] + [("页眉页脚", title_of(results) + info.issuer + info.phone)]
    title_chain, body_chain = chains(texts)
    result = PrintResult(str(out), PAGE)
    canvas = open_document(out, PAGE, title=title_of(results).replace("\n", ""), author=info.issuer, record=record)
    d = Drawer(canvas, result, title_chain, body_chain)
    edges = column_edges(COLUMNS, BLOCK.x, BLOCK.width)
    y = BLOCK.top
    title = title_of(results)
    title_h = paragraph_free_height(title, d)
    d.text(title, Box(BLOCK.x, y - title_h, BLOCK.width, title_h), TITLE, title=True)
    y -= title_h + BODY.size * 0.8
    intro = intro_of(results, info)
    intro_h = paragraph_height(intro, BLOCK.width, BODY, body_chain)
    d.paragraph(intro, Box(BLOCK.x, y - intro_h, BLOCK.width, intro_h), BODY)
    y -= intro_h + BODY.size * 0.5
    y = _header(d, edges, y)
    for m in results.members:
        if y - ROW_H < BLOCK.y:
            _folio(d)
            d.next_page()
            y = _header(d, edges, BLOCK.top)
        note = BY_COMMITTEE if m.overridden else ""
        values = (str(m.rank or ""), m.name, format_total(m.total), m.grade, note)
        for (left, w), col, value in zip(edges, COLUMNS, values, strict=True):
            cell(d, value, Box(left, y - ROW_H, w, ROW_H), replace(CELL, align=col.align), 1.5 * mm, who=m.name)
        y -= ROW_H
    closing = []
    if results.excused:
        closing.append(f"另有{results.excused}名党员因故未参加本次评议。")
    closing_h = BODY.size * BODY.leading * (len(closing) + 4)
    if y - closing_h < BLOCK.y:
        _folio(d)
        d.next_page()
        y = BLOCK.top
    y -= BODY.size * 0.5
    for line in closing:
        d.text(line, Box(BLOCK.x, y - BODY.size * BODY.leading, BLOCK.width, BODY.size * BODY.leading), BODY)
        y -= BODY.size * BODY.leading
    _issuer(d, info, y - BODY.size * BODY.leading * 1.5)
    _folio(d)
    d.refuse_if_clipped(AppraisalError)
    result.pages = d.page + 1
    result.documents = 1
    return finish_document(canvas, result)


def paragraph_free_height(value: str, d: Drawer) -> float:
    from dahe_desktop.printing.document import needed_height

    return needed_height(value, BLOCK.width, TITLE, d.title_chain)


def _header(d: Drawer, edges, y: float) -> float:
    for (left, w), col in zip(edges, COLUMNS, strict=True):
        cell(d, col.title, Box(left, y - ROW_H, w, ROW_H), HEAD, 1.5 * mm, title=True)
    return y - ROW_H


def _issuer(d: Drawer, info: PostingInfo, y: float) -> None:
    """GB/T 9704: the date right-indented four characters, the issuer centred over it."""
    line_h = BODY.size * BODY.leading
    date = cn_date(info.issued_on)
    width = max(d.body_chain.text_width(info.issuer), d.body_chain.text_width(date)) * BODY.size
    right = BLOCK.right - 4 * BODY.size
    box_w = max(width, d.body_chain.text_width(date) * BODY.size) + 2
    centre = right - d.body_chain.text_width(date) * BODY.size / 2
    left = min(centre - box_w / 2, BLOCK.right - box_w)
    style = replace(BODY, align="center", valign="middle")
    d.text(info.issuer, Box(left, y - line_h, box_w, line_h), style)
    d.text(date, Box(left, y - 2 * line_h, box_w, line_h), style)


def _folio(d: Drawer) -> None:
    """Page numbers 7 mm below the text block: odd pages right, even left, one space in."""
    number = d.page + 1
    text = f"— {number} —"
    y = BLOCK.y - 7 * mm - FOLIO.size
    style = replace(FOLIO, align="right" if number % 2 else "left")
    d.text(text, Box(BLOCK.x + FOLIO.size, y, BLOCK.width - 2 * FOLIO.size, FOLIO.size * 1.3), style)
