"""The public posting sheet (党员公开承诺公示) of a branch: the village's wall copy.

A4 or A3 landscape; a title and a short notice on the first page, then every member's
commitments in one table whose header row repeats on every page; a member's rows are
kept on one page when they fit; the issuing body and the date close the sheet, and
every page is numbered "第n页 共N页". Several branches may share one PDF, each starting
on a new page with its own numbering.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm

from dahe_desktop.commitments.printouts.common import checked_chains, item_due
from dahe_desktop.commitments.records import PostedCard, PostedItem
from dahe_desktop.commitments.rules import CommitmentError
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
from dahe_desktop.printing.fonts import FontChain
from dahe_desktop.printing.posting import PostingInfo, cn_date
from dahe_desktop.printing.text import Box, TextStyle

COLUMNS = (
    Column("序号", 0.55, "center"),
    Column("姓名", 1.0, "center"),
    Column("职务（岗位）", 1.25, "center"),
    Column("承诺领域", 1.4, "center"),
    Column("承诺事项", 3.8),
    Column("完成时间", 1.55, "center", one_line=True),
    Column("达到的质量要求", 2.6),
)
ITEM_COLUMNS = range(3, 7)  # the columns of one commitment; the first three span a member


@dataclass
class NoticeBranch:
    """One branch's posting: its name and its members' commitments (in card form)."""

    name: str
    cards: list[PostedCard]


@dataclass
class _Row:
    card: int  # index in the branch's cards
    item: PostedItem
    height: float


@dataclass
class _Page:
    first: bool
    rows: list[_Row] = field(default_factory=list)
    closing: bool = False  # the issuer and date go on this page


class _Geometry:
    """Sizes for one paper size. A3 keeps A4's type sizes (it is read at the same
    distance on the same wall), so it holds twice as much; only its margins grow."""

    def __init__(self, a3: bool) -> None:
        self.page = landscape(A3 if a3 else A4)
        k = self.k = 1.0
        m = 1.25 if a3 else 1.0
        self.margin_x, self.margin_top, self.margin_bottom = 20 * mm * m, 18 * mm * m, 16 * mm * m
        self.width = self.page[0] - 2 * self.margin_x
        self.pad = 1.8 * mm * k
        self.title = TextStyle(size=22 * k, min_size=15 * k, align="center", valign="middle", bold=True)
        self.title_h = 15 * mm * k
        self.running = TextStyle(size=11 * k, min_size=9 * k, align="center", valign="middle")
        self.running_h = 8 * mm * k
        self.intro = TextStyle(size=12 * k, min_size=10 * k, leading=1.5)
        self.header = TextStyle(size=11 * k, min_size=8 * k, align="center", valign="middle", bold=True)
        self.header_h = 9 * mm * k
        self.cell = TextStyle(size=10.5 * k, min_size=9.5 * k, leading=1.2, valign="middle")
        self.cell_tight = replace(self.cell, min_size=7 * k)
        self.min_row = 8 * mm * k
        self.closing = TextStyle(size=12 * k, min_size=10 * k, valign="middle")
        self.closing_h = 30 * mm * k  # room for the seal over the issuer and the date
        self.folio = TextStyle(size=9 * k, min_size=8 * k, align="center", valign="middle")

    @property
    def top(self) -> float:
        return self.page[1] - self.margin_top

    @property
    def bottom(self) -> float:
        return self.margin_bottom


def title_of(branch: str, year: int) -> str:
    return f"{branch}{year}年度党员公开承诺公示"


def intro_of(year: int, info: PostingInfo) -> str:
    return (
        "按照党员公开承诺制度，本支部党员围绕基础设施建设、带领创业、兴办实事、解决就业、"
        f"传授技术、义务出工和监督村务等方面，每人向群众公开承诺办1至5件实事。现将{year}年度承诺事项"
        f"予以公示，公示期为{info.period_text}。公示期间，如有意见和建议，请向{info.issuer}反映，"
        f"监督电话：{info.phone_text}。"
    )


def render_notice(branches: list[NoticeBranch], out: str | Path, info: PostingInfo, *, a3: bool = False,
                  record: bool = False) -> PrintResult:
    """Write the posting sheet(s). Refuses before writing (MissingGlyphsError) when a
    character has no glyph, naming the member; raises CommitmentError when empty."""
    branches = [b for b in branches if b.cards]
    if not branches:
        raise CommitmentError("没有可公示的承诺：所选支部没有已确认的承诺")
    geo = _Geometry(a3)
    year = branches[0].cards[0].year
    title_chain, body_chain = checked_chains([c for b in branches for c in b.cards],
                                             [info.issuer, info.phone, *(title_of(b.name, year) for b in branches)])  # fmt: skip
    result = PrintResult(str(out), geo.page)
    canvas = open_document(out, geo.page, title=f"{year}年度党员公开承诺公示", author=info.issuer, record=record)
    drawer = Drawer(canvas, result, title_chain, body_chain)
    edges = column_edges(COLUMNS, geo.margin_x, geo.width)
    for number, branch in enumerate(branches):
        if number:
            drawer.next_page()
        intro_h = paragraph_height(intro_of(year, info), geo.width, geo.intro, body_chain) + 3 * mm * geo.k
        pages = _paginate(branch, geo, edges, body_chain, intro_h)
        for index, page in enumerate(pages):
            if index:
                drawer.next_page()
            _draw_page(drawer, geo, edges, branch, year, info, page, intro_h)
            drawer.text(f"第{index + 1}页　共{len(pages)}页", Box(geo.margin_x, geo.bottom - 10 * mm * geo.k, geo.width, 6 * mm * geo.k), geo.folio)
        result.documents += 1
    drawer.refuse_if_clipped(CommitmentError)
    result.pages = drawer.page + 1
    return finish_document(canvas, result)


def _row_height(item: PostedItem, geo: _Geometry, edges: list[tuple[float, float]], chain: FontChain) -> float:
    values = _item_values(item)
    tallest = max(
        needed_height(v, edges[c][1] - 2 * geo.pad, _styles(geo, COLUMNS[c])[0], chain) if v else 0.0
        for c, v in zip(ITEM_COLUMNS, values, strict=True)
    )
    return max(tallest + 1.6 * geo.pad, geo.min_row)


def _member_height(card: PostedCard, geo: _Geometry, edges: list[tuple[float, float]], chain: FontChain) -> float:
    tallest = max(
        needed_height(v, edges[c][1] - 2 * geo.pad, _styles(geo, COLUMNS[c])[1], chain)
        for c, v in ((1, card.name), (2, card.position or "党员"))
    )
    return tallest + 1.6 * geo.pad


def _item_values(item: PostedItem) -> tuple[str, str, str, str]:
    return (item.area, item.content, item_due(item), item.quality)


def _paginate(branch: NoticeBranch, geo: _Geometry, edges, chain: FontChain, intro_h: float) -> list[_Page]:
    """Rows onto pages: a member's rows stay together when they fit on a page."""
    first_room = geo.top - geo.bottom - geo.title_h - intro_h - geo.header_h
    room_after = geo.top - geo.bottom - geo.running_h - geo.header_h
    pages = [_Page(first=True)]
    left = first_room
    for index, card in enumerate(branch.cards):
        group = [_Row(index, item, _row_height(item, geo, edges, chain)) for item in card.items]
        if group:  # the member's span is tall enough for the name and 职务, wrapped
            group[-1].height += max(0.0, _member_height(card, geo, edges, chain) - sum(r.height for r in group))
        height = sum(r.height for r in group)
        # A member's rows move whole to the next page only when little room is left;
        # otherwise they continue there (name and 职务 repeated), so pages stay full.
        if height > left and height <= room_after and pages[-1].rows and left < 0.2 * room_after:
            pages.append(_Page(first=False))
            left = room_after
        for row in group:
            if row.height > left and pages[-1].rows:
                pages.append(_Page(first=False))
                left = room_after
            # A single row taller than a page cannot happen: content is at most 100 characters.
            pages[-1].rows.append(row)
            left -= row.height
    if left < geo.closing_h:
        # The issuer and date never stand alone: the last member's rows go with them
        # when the page keeps at least one other member.
        last = pages[-1].rows
        tail = [r for r in last if r.card == last[-1].card] if last else []
        moved = tail if tail and len(tail) < len(last) and sum(r.height for r in tail) + geo.closing_h <= room_after else []
        pages.append(_Page(first=False, rows=moved))
        del last[len(last) - len(moved):]
    pages[-1].closing = True
    return pages


def _draw_page(d: Drawer, geo: _Geometry, edges, branch: NoticeBranch, year: int, info: PostingInfo,
               page: _Page, intro_h: float) -> None:
    x, w = geo.margin_x, geo.width
    y = geo.top
    if page.first:
        d.text(title_of(branch.name, year), Box(x, y - geo.title_h, w, geo.title_h), geo.title, title=True)
        y -= geo.title_h
        d.paragraph(intro_of(year, info), Box(x, y - intro_h, w, intro_h), geo.intro)
        y -= intro_h
    else:
        d.text(f"{title_of(branch.name, year)}（续）", Box(x, y - geo.running_h, w, geo.running_h), geo.running)
        y -= geo.running_h
    if page.rows:
        table_top = y
        y = _draw_header(d, geo, edges, y)
        y = _draw_rows(d, geo, edges, branch, page.rows, y)
        d.rect(Box(x, y, w, table_top - y), 1.5)  # the heavier outer frame
    if page.closing:
        _closing(d, geo, info, y)


def _closing(d: Drawer, geo: _Geometry, info: PostingInfo, y: float) -> None:
    """The issuer centred over the date, the date four characters in from the right
    (GB/T 9704), with room above for the seal."""
    size = geo.closing.size
    date = cn_date(info.issued_on)
    date_w = d.body_chain.text_width(date) * size
    right = geo.margin_x + geo.width - 4 * size
    centre = right - date_w / 2
    issuer_w = min(d.body_chain.text_width(info.issuer) * size, geo.width / 2)
    line_h = size * 1.8
    date_y = y - geo.closing_h
    d.text(date, Box(right - date_w, date_y, date_w + 1, line_h), geo.closing)
    d.text(info.issuer, Box(centre - issuer_w / 2, date_y + line_h, issuer_w + 1, line_h), geo.closing)


def _draw_header(d: Drawer, geo: _Geometry, edges, y: float) -> float:
    for (left, cw), col in zip(edges, COLUMNS, strict=True):
        _cell(d, geo, col.title, Box(left, y - geo.header_h, cw, geo.header_h), (geo.header,), title=True)
    return y - geo.header_h


def _draw_rows(d: Drawer, geo: _Geometry, edges, branch: NoticeBranch, rows: list[_Row], y: float) -> float:
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end].card == rows[start].card:
            end += 1
        card = branch.cards[rows[start].card]
        span = sum(r.height for r in rows[start:end])
        who = f"{card.name}（{card.branch_name}）"
        for c, value in enumerate((str(rows[start].card + 1), card.name, card.position or "党员")):
            left, cw = edges[c]
            _cell(d, geo, value, Box(left, y - span, cw, span), _styles(geo, COLUMNS[c]), who=who, cut_ok=True)
        for row in rows[start:end]:
            for c, value in zip(ITEM_COLUMNS, _item_values(row.item), strict=True):
                left, cw = edges[c]
                _cell(d, geo, value, Box(left, y - row.height, cw, row.height), _styles(geo, COLUMNS[c]), who=who)
            y -= row.height
        start = end
    return y


def _styles(geo: _Geometry, column: Column) -> tuple[TextStyle, ...]:
    return cell_styles(column, geo.cell, geo.cell_tight)


def _cell(d: Drawer, geo: _Geometry, value: str, box: Box, styles: tuple[TextStyle, ...], *,
          title: bool = False, who: str = "", cut_ok: bool = False) -> None:
    d.rect(box)
    if value:
        inner = Box(box.x + geo.pad, box.y + geo.pad * 0.8, box.width - 2 * geo.pad, box.height - 1.6 * geo.pad)
        d.text(value, inner, styles, title=title, who=who, cut_ok=cut_ok)

