"""The commitment card (党员公开承诺卡), one per member: filed and posted (建卡存档).

A5 landscape, two to an A4 sheet with a dashed cut line between them (the default), or
one card on an A4 page. The card has five rows whatever the number of commitments
(the seed's 1 to 5), so every card in the file has the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dahe_desktop.commitments.printouts.common import checked_chains, item_due
from dahe_desktop.commitments.records import MAX_PER_YEAR, PostedCard
from dahe_desktop.commitments.rules import CommitmentError
from dahe_desktop.printing.document import (
    Column,
    Drawer,
    PrintResult,
    cell_styles,
    column_edges,
    finish_document,
    open_document,
)
from dahe_desktop.printing.posting import PostingInfo
from dahe_desktop.printing.text import Box, TextStyle, free_shape

COLUMNS = (
    Column("序号", 0.55, "center"),
    Column("承诺领域", 1.4, "center"),
    Column("承诺事项", 3.6),
    Column("完成时间", 1.5, "center", one_line=True),
    Column("达到的质量要求", 2.25),
)
PAD = 1.6 * mm
CELL = TextStyle(size=10.5, min_size=9.5, leading=1.2, valign="middle")
CELL_TIGHT = replace(CELL, min_size=7)  # only when a row has too much to say
LABEL = TextStyle(size=10.5, min_size=8, align="center", valign="middle", bold=True)
# Header values (姓名, 支部, 职务) shrink to 7 pt, then wrap, then are cut with a warning:
# one long 职务 never stops a township's cards.
VALUE = TextStyle(size=11, min_size=7, align="center", valign="middle")
TITLE = TextStyle(size=20, min_size=14, align="center", valign="middle", bold=True)
SUBTITLE = TextStyle(size=11, min_size=9, align="center", valign="middle")
SIGN = TextStyle(size=10.5, min_size=8, valign="bottom")
FOOT = TextStyle(size=9, min_size=7, align="center", valign="middle")
A5_LANDSCAPE = (A4[0], A4[1] / 2)


def card_slots(a4: bool) -> list[Box]:
    """Where the cards of one sheet go: the top and bottom halves of A4, or the page."""
    w, h = A4
    if a4:
        return [Box(0, 0, w, h)]
    return [Box(0, h / 2, w, h / 2), Box(0, 0, w, h / 2)]


def render_cards(cards: list[PostedCard], out: str | Path, info: PostingInfo, *, a4: bool = False,
                 record: bool = False) -> PrintResult:
    """Write the cards to a PDF. Refuses (MissingGlyphsError) before writing anything
    when a character has no glyph, naming the member; raises CommitmentError if empty."""
    if not cards:
        raise CommitmentError("没有可打印的承诺卡：所选范围内没有已确认的承诺")
    title_chain, body_chain = checked_chains(cards, [info.issuer, info.phone])
    result = PrintResult(str(out), A4)
    year = cards[0].year
    canvas = open_document(out, A4, title=f"{year}年度党员公开承诺卡", author=info.issuer, record=record)
    drawer = Drawer(canvas, result, title_chain, body_chain)
    slots = card_slots(a4)
    for index, card in enumerate(cards):
        slot_index = index % len(slots)
        if index and slot_index == 0:
            drawer.next_page()
        if slot_index == 0 and len(slots) > 1 and index + 1 < len(cards):
            # Cut line between the two halves, inside the printer's margins.
            drawer.line(5 * mm, A4[1] / 2, A4[0] - 5 * mm, A4[1] / 2, 0.4, dash=(3, 3))
        draw_card(drawer, card, info, slots[slot_index], large=a4)
        result.documents += 1
    drawer.refuse_if_clipped(CommitmentError)
    result.pages = drawer.page + 1
    return finish_document(canvas, result)


A4_SCALE = 1.3  # one card on A4: the type grows with the page (A4 is 1.41 x A5)


@lru_cache(maxsize=64)
def _scaled(style: TextStyle, k: float) -> TextStyle:
    return replace(style, size=style.size * k, min_size=(style.min_size or style.size) * k)


@dataclass(frozen=True)
class _Frame:
    """Where a card's parts go inside its slot (the same for every card in that slot)."""

    frame: Box
    k: float
    header_top: float  # top of the 姓名/所在支部/职务 row
    info_h: float
    table: Box  # the commitments table, its heading row included
    sign_y: float
    sign_h: float
    foot_h: float


@lru_cache(maxsize=8)
def _frame(slot: Box, large: bool) -> _Frame:
    k = A4_SCALE if large else 1.0
    margin_x, margin_y = (15 * mm, 20 * mm) if large else (12 * mm, 10 * mm)
    frame = Box(slot.x + margin_x, slot.y + margin_y, slot.width - 2 * margin_x, slot.height - 2 * margin_y)
    title_h = (16 if large else 10) * mm
    header_top = frame.top - title_h - 8 * mm * k
    info_h = (11 if large else 9) * mm
    top = header_top - info_h - 2 * mm
    # The seal (a 40 mm round stamp) is pressed over 党支部（盖章） and the date: that
    # corner is kept free, 45 mm wide and as tall as the card allows.
    foot_h, sign_h = 6 * mm, (34 if large else 16) * mm
    table = Box(frame.x, frame.y + foot_h + sign_h, frame.width, top - (frame.y + foot_h + sign_h))
    return _Frame(frame, k, header_top, info_h, table, frame.y + foot_h + 1.5 * mm, sign_h, foot_h)


def draw_card(d: Drawer, card: PostedCard, info: PostingInfo, slot: Box, *, large: bool = False) -> None:
    """One card inside `slot`: title, who, the commitments, signatures with room for the
    branch's seal, posting facts. On A4 (`large`) everything is set larger. What every
    card has at this place (frame, titles, headings, signature lines, posting facts) is
    drawn once per document and placed again (`Drawer.form`)."""
    f = _frame(slot, large)
    k = f.k
    d.form(f"card-{slot.x:.0f}-{slot.y:.0f}-{int(large)}-{card.year}", lambda: _draw_static(d, f, info, card.year))
    who = card.name
    x, w = f.frame.x, f.frame.width
    label, value = _scaled(LABEL, k), _scaled(VALUE, k)
    pairs = (("姓名", card.name), ("所在支部", card.branch_name), ("职务（岗位）", card.position or "党员"))
    left, top = x, f.header_top
    xs = [left]  # the cells' edges: their rules are one grid (`Drawer.grid`)
    for (name, text_value), (lw, vw) in zip(pairs, _header_widths(d, pairs, w, label, value), strict=True):
        _cell(d, name, Box(left, top - f.info_h, lw, f.info_h), label, who, title=True)
        _cell(d, text_value, Box(left + lw, top - f.info_h, vw, f.info_h), value, who, cut_ok=True)
        xs += [left + lw, left + lw + vw]
        left += lw + vw
    d.grid(xs, [top - f.info_h, top])
    _draw_items(d, card, f.table, who, k)


def _draw_static(d: Drawer, f: _Frame, info: PostingInfo, year: int) -> None:
    k, frame = f.k, f.frame
    d.rect(Box(frame.x - 3 * mm, frame.y - 3 * mm, frame.width + 6 * mm, frame.height + 6 * mm), 1.2)
    x, w = frame.x, frame.width
    title_h = frame.top - f.header_top - 8 * mm * k
    d.text("党员公开承诺卡", Box(x, frame.top - title_h, w, title_h), _scaled(TITLE, k), title=True)
    top = frame.top - title_h
    d.text(f"（{year}年度）", Box(x, top - 6 * mm * k, w, 6 * mm * k), _scaled(SUBTITLE, k))
    table, header_h = f.table, 8 * mm * k
    edges = column_edges(COLUMNS, table.x, table.width)
    for (left, cw), col in zip(edges, COLUMNS, strict=True):
        _cell(d, col.title, Box(left, table.top - header_h, cw, header_h), _scaled(LABEL, k), "", title=True)
    d.grid(_grid_xs(edges), [table.top - header_h, table.top])
    sign = _scaled(SIGN, k)
    sign_y = f.sign_y
    d.text("承诺人（签字）：", Box(x, sign_y, 34 * mm * k, 8 * mm * k), sign)
    d.line(x + 34 * mm * k, sign_y + 0.5 * mm, x + 80 * mm * k, sign_y + 0.5 * mm)
    seal = Box(x + w - SEAL_W, sign_y, SEAL_W, f.sign_h - 2 * mm)
    d.text("党支部（盖章）", Box(seal.x, seal.top - 8 * mm * k, seal.width, 8 * mm * k), replace(sign, valign="top"))
    d.text("年　　月　　日", Box(seal.x, seal.y, seal.width, 8 * mm * k), replace(sign, align="right"))
    footer = f"公示期：{info.period_text}　　监督电话：{info.phone_text}　　{info.issuer}制"
    d.text(footer, Box(x, frame.y, w, f.foot_h), _scaled(FOOT, k))


SEAL_W = 45 * mm


def _header_widths(d: Drawer, pairs, width: float, label: TextStyle, value: TextStyle) -> list[tuple[float, float]]:
    """Label and value cell widths of the header row, sized to their content: each cell
    gets its text's natural width plus padding, and what is left goes to the values in
    proportion (a long 职务 takes the room a short name leaves)."""
    natural = []
    for name, text_value in pairs:
        lw = d.title_chain.text_width(name) * label.size + 2 * PAD + 2 * mm
        vw = d.body_chain.text_width(text_value) * value.size + 2 * PAD + 2 * mm
        natural.append((lw, max(vw, 14 * mm)))
    labels = sum(lw for lw, _ in natural)
    values = sum(vw for _, vw in natural)
    room = width - labels
    if values <= room:  # all fit on one line: spread the rest evenly over the values
        extra = (room - values) / len(natural)
        return [(lw, vw + extra) for lw, vw in natural]
    # Too long together: the values share the room by their length (they wrap or shrink).
    return [(lw, room * vw / values) for lw, vw in natural]


def _grid_xs(edges: list[tuple[float, float]]) -> list[float]:
    """Column edges, left to right, from (left, width) pairs."""
    return [left for left, _ in edges] + [edges[-1][0] + edges[-1][1]]


def _cell(d: Drawer, value: str, box: Box, style: TextStyle | tuple[TextStyle, ...], who: str, *,
          title: bool = False, cut_ok: bool = False) -> None:
    """The text of a cell (its rule is drawn with the others of its table: `Drawer.grid`)."""
    if not value:
        return  # an empty cell is its rule only: nothing to lay out
    d.text_in(value, box.x + PAD, box.y + PAD * 0.6, box.width - 2 * PAD, box.height - 1.2 * PAD, style,
              title=title, who=who, cut_ok=cut_ok)  # fmt: skip


BLANK_BELOW = "以下空白"
DATE_COLUMN = 3


def _draw_items(d: Drawer, card: PostedCard, table: Box, who: str, k: float = 1.0) -> None:
    """The header row and five rows; rows with more text get more of the height. The
    first unused row says 以下空白 so nothing can be added after signing; the dates of a
    card share one size."""
    edges = _edges(table)
    cell, tight = _scaled(CELL, k), _scaled(CELL_TIGHT, k)
    header_h = 8 * mm * k  # the heading row is the card's static part (`_draw_static`)
    rows = [_values(n, item) for n, item in enumerate(card.items, start=1)]
    if len(rows) < MAX_PER_YEAR:
        rows.append((str(len(rows) + 1), "", BLANK_BELOW, "", ""))
    rows += [(str(n), "", "", "", "") for n in range(len(rows) + 1, MAX_PER_YEAR + 1)]
    styles = list(_column_styles(cell, tight))
    styles[DATE_COLUMN] = (_date_style(d, [r[DATE_COLUMN] for r in rows], edges[DATE_COLUMN][1] - 2 * PAD, cell, tight),)
    heights = _row_heights(rows, edges, table.height - header_h, d, cell, tight)
    y = table.top - header_h
    ys = [y]
    inner = [(left + PAD, cw - 2 * PAD) for left, cw in edges]  # inside each cell's padding
    for values, h in zip(rows, heights, strict=True):
        y -= h
        ys.append(y)
        text_y, text_h = y + PAD * 0.6, h - 1.2 * PAD
        for (text_x, text_w), value, style in zip(inner, values, styles, strict=True):
            if value:  # an empty cell is its rule only (the grid): nothing to lay out
                d.text_in(value, text_x, text_y, text_w, text_h, style, who=who)
    d.grid(_grid_xs(edges), ys[::-1])


@lru_cache(maxsize=8)
def _edges(table: Box) -> list[tuple[float, float]]:
    return column_edges(COLUMNS, table.x, table.width)  # the same for every card in a slot


@lru_cache(maxsize=16)
def _column_styles(cell: TextStyle, tight: TextStyle) -> tuple[tuple[TextStyle, ...], ...]:
    """The styles each column's cells try in turn (the date column's is set per card)."""
    return tuple(cell_styles(col, cell, tight) for col in COLUMNS)


def _date_style(d: Drawer, dates: list[str], width: float, cell: TextStyle, tight: TextStyle) -> TextStyle:
    """One size for every date of the card: the largest at which the longest fits."""
    widest = max((d.body_chain.text_width(v) for v in dates if v), default=0.0)
    size = cell.size if widest <= 0 else max(tight.floor, min(cell.size, width / widest))
    return _sized(cell, int(size * 2) / 2)  # half points, as the engine steps


@lru_cache(maxsize=64)
def _sized(cell: TextStyle, size: float) -> TextStyle:
    """The date style at `size`: the same object for every card of that size, so the
    layout caches know it at once."""
    return replace(cell, size=size, min_size=size, align="center")


def _values(n: int, item) -> tuple[str, str, str, str, str]:
    return (str(n), item.area, item.content, item_due(item), item.quality)


def _row_heights(rows: list[tuple], edges: list[tuple[float, float]], available: float, d: Drawer,
                 cell: TextStyle = CELL, tight: TextStyle = CELL_TIGHT) -> list[float]:  # fmt: skip
    need = []
    firsts = [styles[0] for styles in _column_styles(cell, tight)]
    widths = [cw - 2 * PAD for _, cw in edges]
    chain = d.body_chain
    for values in rows:
        tallest = 0.0
        for v, cw, style in zip(values, widths, firsts, strict=True):
            if v:
                tallest = max(tallest, free_shape(v, cw, style, chain)[1])  # `needed_height`
        need.append(max(tallest + 1.2 * PAD, 7 * mm))
    total = sum(need)
    if total <= available:
        extra = (available - total) / len(need)
        return [n + extra for n in need]
    return [available * n / total for n in need]

