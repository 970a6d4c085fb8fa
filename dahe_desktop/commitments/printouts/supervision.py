"""督办单: a branch's overdue commitments, for the township to hand the branch to act on.

A4 landscape, one branch per section starting on a new page: the title, a line saying
as of when and what is asked, a table (序号, 姓名, 职务, 承诺事项, 完成时间, 逾期天数, and
two columns left blank for the branch: 督办意见, 落实情况) flowing over pages on the engine's
table (header repeated), then the issuing body and the date; pages numbered within each
branch. Not a posting: nothing is recorded when it is printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from dahe_desktop.commitments.records import CommitmentRow
from dahe_desktop.commitments.rules import CommitmentError
from dahe_desktop.printing import fonts
from dahe_desktop.printing.document import (
    Column,
    Drawer,
    PrintResult,
    finish_document,
    open_document,
)
from dahe_desktop.printing.posting import cn_date
from dahe_desktop.printing.table import TableFlow, TableStyle
from dahe_desktop.printing.text import Box, TextStyle

COLUMNS = (
    Column("序号", 0.5, "center"),
    Column("姓名", 0.9, "center"),
    Column("职务", 1.1, "center"),
    Column("承诺事项", 3.4),
    Column("完成时间", 1.3, "center", one_line=True),
    Column("逾期天数", 0.9, "center", one_line=True),
    Column("督办意见", 1.9),
    Column("落实情况", 1.9),
)
PAGE = landscape(A4)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 18 * mm, 18 * mm
WIDTH = PAGE[0] - 2 * MARGIN_X
TITLE = TextStyle(size=20, min_size=14, align="center", valign="middle", bold=True)
TITLE_H = 14 * mm
INTRO = TextStyle(size=12, min_size=10, leading=1.4, valign="middle")
INTRO_H = 12 * mm
RUNNING = TextStyle(size=11, min_size=9, align="center", valign="middle")
RUNNING_H = 9 * mm
MIN_ROW = 11 * mm  # room to write in the two blank columns
CLOSING = TextStyle(size=12, min_size=10, align="right", valign="middle", leading=1.8)
CLOSING_H = 22 * mm
FOLIO = TextStyle(size=9, min_size=8, align="center", valign="middle")


@dataclass
class SupervisionBranch:
    name: str
    rows: list[CommitmentRow]


def title_of(branch: str, year: int) -> str:
    return f"{branch}{year}年度党员公开承诺逾期督办单"


def intro_of(year: int, today: dt.date, count: int) -> str:
    return (f"截至{cn_date(today)}，本支部以下{count}项{year}年度公开承诺已过完成时间仍未完成。"
            "请支部督促党员抓紧落实，填写落实情况后报乡党委。")  # fmt: skip


def _values(index: int, row: CommitmentRow) -> tuple[str, ...]:
    due = cn_date(row.due_date) if row.due_date else ""
    return (str(index), row.member_name, row.position or "党员", row.content, due, f"{row.overdue_days}天", "", "")


def render_supervision(branches: list[SupervisionBranch], out: str | Path, *, year: int, issuer: str,
                       today: dt.date | None = None, record: bool = False) -> PrintResult:  # fmt: skip
    """Write the 督办单 of each branch. Raises CommitmentError when nothing is overdue,
    MissingGlyphsError (naming the member) before writing when a character has no glyph."""
    today = today or dt.date.today()
    branches = [b for b in branches if b.rows]
    if not branches:
        raise CommitmentError("没有逾期未完成的承诺，无需督办")
    title_chain, body_chain = fonts.role_chain(fonts.TITLE), fonts.role_chain(fonts.SONG)
    items = [(f"{r.member_name}（{r.branch_name}）", r.member_name + r.position + r.content) for b in branches for r in b.rows]
    items += [("页眉页脚", issuer + "".join(title_of(b.name, year) for b in branches))]
    for chain in (body_chain, title_chain):
        fonts.check_printable(items, chain)
    result = PrintResult(str(out), PAGE)
    canvas = open_document(out, PAGE, title=f"{year}年度党员公开承诺逾期督办单", author=issuer, record=record)
    drawer = Drawer(canvas, result, title_chain, body_chain)
    for number, branch in enumerate(branches):
        if number:
            drawer.next_page()
        _draw_branch(drawer, branch, year, issuer, today)
        result.documents += 1
    drawer.refuse_if_clipped(CommitmentError)
    result.pages = drawer.page + 1
    result.printed_ids = [r.id for b in branches for r in b.rows]
    return finish_document(canvas, result)


def _draw_branch(d: Drawer, branch: SupervisionBranch, year: int, issuer: str, today: dt.date) -> None:
    """One branch's pages: the table flows on (header repeated, a running title), the
    issuer and date close it; pages numbered within the branch."""
    top, bottom = PAGE[1] - MARGIN_TOP, MARGIN_BOTTOM + 8 * mm
    title = title_of(branch.name, year)
    page_in_branch = [1]

    def new_page() -> float:
        _folio(d, page_in_branch[0])
        d.next_page()
        page_in_branch[0] += 1
        d.text(f"{title}（续）", Box(MARGIN_X, top - RUNNING_H, WIDTH, RUNNING_H), RUNNING)
        return top - RUNNING_H

    d.text(title, Box(MARGIN_X, top - TITLE_H, WIDTH, TITLE_H), TITLE, title=True)
    y = top - TITLE_H
    d.text(intro_of(year, today, len(branch.rows)), Box(MARGIN_X, y - INTRO_H, WIDTH, INTRO_H), INTRO)
    y -= INTRO_H
    rows = [_values(i, r) for i, r in enumerate(branch.rows, 1)]
    table = TableFlow(d, COLUMNS, MARGIN_X, WIDTH, TableStyle(min_row=MIN_ROW))
    who = lambda i: f"{branch.rows[i].member_name}（{branch.name}）"  # noqa: E731
    y = table.flow(rows[:-1], y, bottom, new_page, who)
    # The issuer and date never stand alone on a page: the last row goes with them.
    last = table.row_height(rows[-1])
    if y - last - CLOSING_H < bottom:
        y = table.header(new_page())
    y = table.row(rows[-1], y, last, who(len(rows) - 1))
    box = Box(MARGIN_X + WIDTH / 2, y - CLOSING_H, WIDTH / 2 - 8 * mm, CLOSING_H)
    d.text(f"{issuer}\n{cn_date(today)}", box, CLOSING)
    _folio(d, page_in_branch[0])


def _folio(d: Drawer, page: int) -> None:
    d.text(f"第{page}页", Box(MARGIN_X, MARGIN_BOTTOM - 6 * mm, WIDTH, 6 * mm), FOLIO)
