"""What the commitment card and the posting sheet share: the posting facts (period,
issuing body, supervision phone), fonts, table cells and a log of everything drawn, so
tests can check that nothing lies outside the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from reportlab.pdfgen.canvas import Canvas

from dahe_desktop import APP_TITLE, settings
from dahe_desktop.commitments.records import PostedCard, PostedItem
from dahe_desktop.commitments.rules import CommitmentError
from dahe_desktop.printing import fonts, text
from dahe_desktop.printing.text import Box, TextStyle

# GB/T 9704 habits: titles in a bold hei face, body text in song (fang song for prose).
# Where Windows faces are missing the chain falls back to the shipped sans.
TITLE_FACE = "simhei"
BODY_FACE = "simsun"
POSTING_DAYS = 7  # a usual 公示期


def cn_date(day: dt.date | None) -> str:
    """2026年6月28日 (no leading zeros), as official papers write dates."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def item_due(item: PostedItem) -> str:
    return cn_date(dt.date.fromisoformat(item.due_date)) if item.due_date else ""


@dataclass
class PostingInfo:
    """The facts every posting states: who issues it, when, for how long, whom to call."""

    issuer: str
    phone: str
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date

    @property
    def period_text(self) -> str:
        return f"{cn_date(self.period_start)}至{cn_date(self.period_end)}"

    @property
    def phone_text(self) -> str:
        # No phone configured: leave a line to write one in by hand.
        return self.phone or "＿＿＿＿＿＿＿＿"


def posting_info(start: dt.date | None = None, days: int = POSTING_DAYS, issued_on: dt.date | None = None) -> PostingInfo:
    """The posting facts from settings (issuing body, supervision phone) and a period."""
    start = start or dt.date.today()
    return PostingInfo(
        issuer=settings.get(settings.COMMITTEE_NAME),
        phone=settings.get(settings.SUPERVISION_PHONE),
        issued_on=issued_on or start,
        period_start=start,
        period_end=start + dt.timedelta(days=max(days, 1) - 1),
    )


@dataclass
class PrintResult:
    """What a render produced: pages, and every box drawn (page index, box), so callers
    and tests can check the geometry; `clipped` names texts cut at the floor size (the
    print is refused), `shortened` header values cut with an ellipsis (a warning)."""

    path: str
    page_size: tuple[float, float]
    pages: int = 0
    documents: int = 0  # cards, or branches on a notice
    boxes: list[tuple[int, Box]] = field(default_factory=list)
    clipped: list[str] = field(default_factory=list)
    shortened: list[str] = field(default_factory=list)
    # What was drawn, page by page, as plain tuples, so a screen can show the pages
    # without a PDF renderer: ("t", font, size, x, baseline, text, bold),
    # ("r", x, y, w, h, line width), ("l", x1, y1, x2, y2, line width, dash).
    page_ops: list[list[tuple]] = field(default_factory=lambda: [[]])
    fonts: dict[str, tuple[str, int]] = field(default_factory=dict)  # font name -> (file, index)

    def outside_page(self) -> list[tuple[int, Box]]:
        w, h = self.page_size
        eps = 0.01
        return [(p, b) for p, b in self.boxes if b.x < -eps or b.y < -eps or b.right > w + eps or b.top > h + eps]


class Chains:
    """The title and body font chains, checked against every text before a page is drawn."""

    def __init__(self) -> None:
        self.title = fonts.font_chain(TITLE_FACE)
        self.body = fonts.font_chain(BODY_FACE)

    def check(self, cards: list[PostedCard], extra: list[str]) -> None:
        """Refuse the job (MissingGlyphsError) naming the member and the character."""
        items = [(f"{c.name}（{c.branch_name}）", card_text(c)) for c in cards]
        items += [("页眉页脚", t) for t in extra]
        fonts.check_printable(items, self.body)
        fonts.check_printable(items, self.title)


def card_text(card: PostedCard) -> str:
    parts = [card.name, card.position, card.branch_name]
    for i in card.items:
        parts += [i.area, i.content, i.quality, i.due_date]
    return "".join(parts)


class Drawer:
    """Draws text and rules on a canvas, logging every box for `PrintResult`."""

    def __init__(self, canvas: Canvas, result: PrintResult, chains: Chains) -> None:
        self.canvas = canvas
        self.result = result
        self.chains = chains
        self.page = 0
        for face in (*chains.title.faces, *chains.body.faces):
            result.fonts[face.pdf_name] = (str(face.path), face.subfont_index)

    def _record(self, layout: text.TextLayout, chain: fonts.FontChain) -> None:
        ops = self.result.page_ops[-1]
        for line in layout.lines:
            x = line.x
            for font, chunk in line.runs:
                ops.append(("t", font, layout.size, x, line.baseline, chunk, layout.style.bold))
                x += sum(chain.char_width(ch) for ch in chunk) * layout.size

    def text(self, value: str, box: Box, style: TextStyle | tuple[TextStyle, ...], *, title: bool = False,
             who: str = "", cut_ok: bool = False) -> text.TextLayout:
        """Draw `value` in `box`. Given several styles, the first that fits without cutting
        wins: a mild floor first keeps a table's sizes even, a deeper one only if needed.
        With `cut_ok` (a header value such as a long 职务), text cut at the last floor is a
        warning in `shortened`, not a reason to refuse the whole print."""
        chain = self.chains.title if title else self.chains.body
        styles = style if isinstance(style, tuple) else (style,)
        for candidate in styles:
            layout = text.layout_text(value, box, candidate, chain)
            if not layout.clipped:
                break
        text.draw_layout(self.canvas, layout)
        self._record(layout, chain)
        if layout.clipped:
            named = f"{who}：{value[:20]}" if who else value[:20]
            (self.result.shortened if cut_ok else self.result.clipped).append(named)
        self.result.boxes.extend((self.page, b) for b in layout.ink_boxes())
        return layout

    def paragraph(self, value: str, box: Box, style: TextStyle) -> None:
        """An indented paragraph at the top of `box` (prose such as a notice's opening)."""
        indent = 2 * style.size
        first, rest = indented_lines(value, box.width, style, self.chains.body, indent)
        line_h = style.size * style.leading
        self.text(first, Box(box.x + indent, box.top - line_h, box.width - indent, line_h), exact(style))
        if rest:
            self.text(rest, Box(box.x, box.y, box.width, box.height - line_h), exact(style))

    def rect(self, box: Box, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.rect(box.x, box.y, box.width, box.height)
        self.result.boxes.append((self.page, box))
        self.result.page_ops[-1].append(("r", box.x, box.y, box.width, box.height, width))

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6, dash: tuple | None = None) -> None:
        self.canvas.saveState()
        self.canvas.setLineWidth(width)
        if dash:
            self.canvas.setDash(*dash)
        self.canvas.line(x1, y1, x2, y2)
        self.canvas.restoreState()
        self.result.boxes.append((self.page, Box(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))))
        self.result.page_ops[-1].append(("l", x1, y1, x2, y2, width, dash))

    def next_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self.result.page_ops.append([])


def refuse_if_clipped(result: PrintResult) -> None:
    """A signed paper must say all of it: refuse rather than cut text (nothing is saved)."""
    if result.clipped:
        lines = [f"{c}……放不下，请精简文字或改用更大的纸张" for c in result.clipped[:10]]
        raise CommitmentError(lines)


def shortened_lines(result: PrintResult) -> list[str]:
    """The warnings for header values printed cut short, one line each."""
    return [f"注意：{c}……太长，已截短打印（可精简后重印）" for c in result.shortened]


def new_canvas(path: str, page_size: tuple[float, float], title: str, issuer: str) -> Canvas:
    canvas = Canvas(path, pagesize=page_size, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(issuer)
    canvas.setCreator(APP_TITLE)
    return canvas


def exact(style: TextStyle) -> TextStyle:
    """The style without shrinking: table cells wrap at one size so a table reads even."""
    return replace(style, min_size=style.size)


def indented_lines(value: str, width: float, style: TextStyle, chain: fonts.FontChain, indent: float) -> tuple[str, str]:
    """Split a paragraph into its first line (set `indent` narrower, for the Chinese
    two-character first-line indent the engine would strip) and the rest."""
    wide = replace(style, min_size=style.size)
    first = text.layout_text(value, Box(0, 0, width - indent, 10_000), wide, chain).lines[0].text
    return first, value[len(first):].lstrip()


def paragraph_height(value: str, width: float, style: TextStyle, chain: fonts.FontChain) -> float:
    """Height of an indented paragraph set at its preferred size."""
    first, rest = indented_lines(value, width, style, chain, 2 * style.size)
    if not rest:
        return needed_height(first, width, exact(style), chain)
    return style.size * style.leading + needed_height(rest, width, exact(style), chain)


def needed_height(value: str, width: float, style: TextStyle, chain: fonts.FontChain) -> float:
    """Height a text takes in a column of `width` at its preferred size (shrinking to the
    floor first, then wrapping), measured with the engine's own layout."""
    layout = text.layout_text(value, Box(0, 0, width, 10_000), style, chain)
    n = max(len(layout.lines), 1)
    return layout.ascent + layout.descent + (n - 1) * layout.size * style.leading


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table width
    align: str = "left"
    one_line: bool = False  # shrink a little rather than wrap (a date split in two reads badly)


def cell_styles(column: Column, cell: TextStyle, tight: TextStyle) -> tuple[TextStyle, ...]:
    """The styles a cell tries in turn: wrap at the even size (or, for one-line columns,
    shrink a little), then shrink further only if the row is too short."""
    cell, tight = replace(cell, align=column.align), replace(tight, align=column.align)
    return (cell, tight) if column.one_line else (exact(cell), cell, tight)


def column_edges(columns: tuple[Column, ...], x: float, width: float) -> list[tuple[float, float]]:
    """(left, width) of each column; shares are normalised to fill the width exactly."""
    total = sum(c.share for c in columns)
    edges, left = [], x
    for c in columns:
        w = width * c.share / total
        edges.append((left, w))
        left += w
    return edges
