"""The branch's pairing list for posting (结对帮扶公示): who serves which households.

A4 landscape; the title and the posting facts first, one row per member or helper
(name, 职务, phone, households by settlement), the header repeating on every page, the
issuer and date at the end, "第n页 共N页" on each page. It shows no household kind at all:
a posted list must not tell who is 困难户, 低保 or 监测户."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from dahe_desktop.pairing.printouts.data import BranchHead, PartnerPairs
from dahe_desktop.pairing.printouts.letters import NothingPaired
from dahe_desktop.printing import fonts
from dahe_desktop.printing.document import (
    Column,
    Drawer,
    PrintResult,
    cell_styles,
    column_edges,
    finish_document,
    needed_height,
    open_document,
    paragraph_height,
)
from dahe_desktop.printing.posting import PostingInfo, cn_date
from dahe_desktop.printing.text import Box, TextStyle

PAGE = landscape(A4)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 18 * mm, 18 * mm
WIDTH = PAGE[0] - 2 * MARGIN_X
PAD = 1.8 * mm
COLUMNS = (
    Column("序号", 0.5, "center"),
    Column("联系人", 1.0, "center"),
    Column("职务（身份）", 1.5, "center"),
    Column("联系电话", 1.3, "center", one_line=True),
    Column("联系服务的农牧户（户主）", 5.6),
    Column("户数", 0.55, "center"),
)
TITLE = TextStyle(size=22, min_size=15, align="center", valign="middle", bold=True)
INTRO = TextStyle(size=12, min_size=10, leading=1.5)
HEADER = TextStyle(size=11, min_size=8, align="center", valign="middle", bold=True)
CELL = TextStyle(size=10.5, min_size=9.5, leading=1.25, valign="middle")
CELL_TIGHT = replace(CELL, min_size=7)
RUNNING = TextStyle(size=11, min_size=9, align="center", valign="middle")
CLOSING = TextStyle(size=12, min_size=10, align="right", valign="middle", leading=1.8)
FOLIO = TextStyle(size=9, min_size=8, align="center", valign="middle")
TITLE_H, RUNNING_H, HEADER_H, CLOSING_H, MIN_ROW = 15 * mm, 8 * mm, 9 * mm, 24 * mm, 8 * mm


def title_of(branch: str, year: int) -> str:
    return f"{branch}{year}年度党员联系服务农牧户公示"


def intro_of(year: int, households: int, partners: int, info: PostingInfo, full: bool = True) -> str:
    covered = "，实现全覆盖" if full else ""
    return (
        f"按照“结链”责任制要求，本支部将村民全部列为党员联系服务对象，{year}年度由{partners}名党员"
        f"（含入党积极分子、后备干部）联系服务农牧户{households}户{covered}。现予公示，公示期为"
        f"{info.period_text}。群众遇到急事难事，可随时联系本户的联系人；如有意见和建议，请向{info.issuer}反映，"
        f"监督电话：{info.phone_text}。"
    )


def households_text(p: PartnerPairs) -> str:
    """Heads by settlement: 一社：卓玛、扎西；二社：……"""
    groups: dict[str, list[str]] = {}
    for h in p.households:
        groups.setdefault(h.settlement, []).append(h.head)
    return "；".join(f"{s}：{'、'.join(names)}" if s else "、".join(names) for s, names in groups.items())


def render_pairing_list(branches: list[tuple[BranchHead, list[PartnerPairs]]], out: str | Path, year: int,
                        info: PostingInfo, *, full: set[int] | None = None, record: bool = False) -> PrintResult:  # fmt: skip
    """Write the lists; `full`: ids of the branches whose households are all covered
    (only those say 实现全覆盖; None: all of them)."""
    branches = [(h, ps) for h, ps in branches if ps]
    if not branches:
        raise NothingPaired(f"{year}年所选支部没有结对，无法打印结对公示；请先制定结对方案")
    title_chain, body_chain = fonts.font_chain("simhei"), fonts.font_chain("simsun")
    items = [(p.name, p.name + p.role + p.phone + households_text(p)) for _, ps in branches for p in ps]
    items += [("页眉页脚", info.issuer + info.phone + "".join(h.name for h, _ in branches))]
    fonts.check_printable(items, body_chain)
    result = PrintResult(str(out), PAGE)
    canvas = open_document(out, PAGE, title=f"{year}年度党员联系服务农牧户公示", author=info.issuer, record=record)
    d = Drawer(canvas, result, title_chain, body_chain)
    edges = column_edges(COLUMNS, MARGIN_X, WIDTH)
    for number, (head, partners) in enumerate(branches):
        if number:
            d.next_page()
        rows = [(str(n), p.name, p.role, p.phone, households_text(p), str(len(p.households)))
                for n, p in enumerate(partners, 1)]  # fmt: skip
        intro = intro_of(year, sum(len(p.households) for p in partners), len(partners), info,
                         full is None or head.id in full)  # fmt: skip
        intro_h = paragraph_height(intro, WIDTH, INTRO, body_chain) + 3 * mm
        heights = [_row_height(r, edges, body_chain) for r in rows]
        pages = _paginate(heights, intro_h)
        top_of_first = True
        for index, page_rows in enumerate(pages):
            if index:
                d.next_page()
            y = PAGE[1] - MARGIN_TOP
            if top_of_first:
                d.text(title_of(head.name, year), Box(MARGIN_X, y - TITLE_H, WIDTH, TITLE_H), TITLE, title=True)
                y -= TITLE_H
                d.paragraph(intro, Box(MARGIN_X, y - intro_h, WIDTH, intro_h), INTRO)
                y -= intro_h
                top_of_first = False
            else:
                d.text(f"{title_of(head.name, year)}（续）", Box(MARGIN_X, y - RUNNING_H, WIDTH, RUNNING_H), RUNNING)
                y -= RUNNING_H
            if page_rows:
                for (left, cw), col in zip(edges, COLUMNS, strict=True):
                    _cell(d, col.title, Box(left, y - HEADER_H, cw, HEADER_H), (HEADER,), title=True)
                y -= HEADER_H
            for i in page_rows:
                for (left, cw), col, value in zip(edges, COLUMNS, rows[i], strict=True):
                    _cell(d, value, Box(left, y - heights[i], cw, heights[i]), cell_styles(col, CELL, CELL_TIGHT),
                          who=rows[i][1])  # fmt: skip
                y -= heights[i]
            if index == len(pages) - 1:
                box = Box(MARGIN_X + WIDTH / 2, y - CLOSING_H, WIDTH / 2 - 8 * mm, CLOSING_H)
                d.text(f"{head.name}\n{cn_date(info.issued_on)}", box, CLOSING)
            d.text(f"第{index + 1}页　共{len(pages)}页", Box(MARGIN_X, MARGIN_BOTTOM - 10 * mm, WIDTH, 6 * mm), FOLIO)
        result.documents += 1
    d.refuse_if_clipped(NothingPaired)
    result.pages = d.page + 1
    return finish_document(canvas, result)


def _row_height(row: tuple[str, ...], edges, chain) -> float:
    tallest = max(
        needed_height(v, cw - 2 * PAD, cell_styles(col, CELL, CELL_TIGHT)[0], chain) if v else 0.0
        for v, (_, cw), col in zip(row, edges, COLUMNS, strict=True)
    )
    return max(tallest + 1.6 * PAD, MIN_ROW)


def _paginate(heights: list[float], intro_h: float) -> list[list[int]]:
    """Row indices per page; the closing block never stands alone on a page."""
    room_first = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM - TITLE_H - intro_h - HEADER_H
    room_next = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM - RUNNING_H - HEADER_H
    pages: list[list[int]] = [[]]
    left = room_first
    for i, h in enumerate(heights):
        if h > left and pages[-1]:
            pages.append([])
            left = room_next
        pages[-1].append(i)
        left -= h
    if left < CLOSING_H and len(pages[-1]) > 1:
        pages.append([pages[-1].pop()])
    return pages


def _cell(d: Drawer, value: str, box: Box, styles, *, title: bool = False, who: str = "") -> None:
    d.rect(box)
    if value:
        inner = Box(box.x + PAD, box.y + PAD * 0.8, box.width - 2 * PAD, box.height - 1.6 * PAD)
        d.text(value, inner, styles, title=title, who=who)
