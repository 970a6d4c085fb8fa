"""Official papers on A4 after GB/T 9704-2012, for every posting, letter and report:
top margin 37 mm, binding (left) margin 28 mm, a text block of 156 x 225 mm holding 22
lines of 28 characters of 3号 (16 pt) 仿宋 on a grid (the character pitch is set, not
just the size), the title in 2号 (22 pt) bold Song (小标宋 where installed), page
numbers "— 1 —" in 4号 (14 pt) Song 7 mm below the block (odd pages right, even pages
left, one character in), and the issuer centred over the date, the date four
characters in from the right.

A painter builds the paper top to bottom: `title`, `paragraph`, `heading`, `table`,
`lines` (signatures), `signature` (issuer and date); pages break by themselves, and
`finish` numbers the last page. Nothing here knows what the paper is about.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dahe_desktop.printing import fonts, text, text_pdf
from dahe_desktop.printing.document import (
    Column,
    Drawer,
    PrintResult,
)
from dahe_desktop.printing.posting import cn_date
from dahe_desktop.printing.table import TableFlow, TableStyle
from dahe_desktop.printing.text import Box, TextStyle

PAGE = A4
TOP_MARGIN, BINDING_MARGIN = 37 * mm, 28 * mm
BLOCK_W, BLOCK_H = 156 * mm, 225 * mm
LINES, CHARS = 22, 28
PITCH = BLOCK_W / CHARS  # 15.79 pt: a 16 pt character and a little less than no space
LINE_PITCH = BLOCK_H / LINES  # 28.99 pt
BODY_SIZE, TITLE_SIZE, FOLIO_SIZE, TABLE_SIZE = 16.0, 22.0, 14.0, 12.0
BLOCK = Box(BINDING_MARGIN, PAGE[1] - TOP_MARGIN - BLOCK_H, BLOCK_W, BLOCK_H)

BODY = TextStyle(size=BODY_SIZE, min_size=BODY_SIZE, leading=LINE_PITCH / BODY_SIZE, shrink_first=False,
                 char_space=PITCH - BODY_SIZE)  # fmt: skip
TITLE = TextStyle(size=TITLE_SIZE, min_size=16, leading=1.4, align="center", shrink_first=False, bold=True)
HEADING = replace(BODY, bold=False)
FOLIO = TextStyle(size=FOLIO_SIZE, min_size=FOLIO_SIZE, valign="bottom")
CELL = TextStyle(size=TABLE_SIZE, min_size=TABLE_SIZE, leading=1.3, valign="middle", shrink_first=False)
CELL_TIGHT = replace(CELL, min_size=9)
TABLE_HEAD = replace(CELL, align="center", bold=True)
CELL_PAD = 1.5 * mm
# Tables on the grid's paper: 小四 (12 pt) in the body face, headers bold in the same face,
# rows at least 8 mm, titles as tall as they need.
TABLE = TableStyle(header=TABLE_HEAD, cell=CELL, tight=CELL_TIGHT, pad=CELL_PAD, pad_v=1.0, header_h=None,
                   min_row=8 * mm, title_face=False)  # fmt: skip


@dataclass
class Chains:
    """The faces of an official paper, by role (see `fonts.role_chain`)."""

    title: fonts.FontChain
    body: fonts.FontChain
    song: fonts.FontChain
    sans: fonts.FontChain

    @classmethod
    def default(cls) -> Chains:
        return cls(*(fonts.role_chain(r) for r in (fonts.TITLE, fonts.BODY, fonts.SONG, fonts.SANS)))

    def check(self, items: list[tuple[str, str]]) -> None:
        """Refuse (MissingGlyphsError, naming who) before any page when a character has
        no glyph in a chain the paper uses."""
        for chain in (self.title, self.body, self.song, self.sans):
            fonts.check_printable(items, chain)


class OfficialPaper:
    """Draws one or more official papers on `canvas`, page after page."""

    def __init__(self, canvas, result: PrintResult, chains: Chains | None = None):
        self.chains = chains or Chains.default()
        self.drawer = Drawer(canvas, result, self.chains.title, self.chains.body)
        self.canvas, self.result = canvas, result
        self.line = 0  # the next free line of the grid on this page
        self.number = 1  # page number within the current paper
        self._started = False
        for chain in (self.chains.song, self.chains.sans):
            if hasattr(canvas, "add_fonts"):
                canvas.add_fonts(chain.faces)

    # ---- the grid ---------------------------------------------------------------
    def lines_left(self) -> int:
        return LINES - self.line

    def slot(self, line: int, count: int = 1) -> Box:
        """Grid lines `line` .. `line + count - 1` of this page as one box."""
        top = BLOCK.top - line * LINE_PITCH
        return Box(BLOCK.x, top - count * LINE_PITCH, BLOCK.width, count * LINE_PITCH)

    def _need(self, lines: int) -> None:
        if self.line + lines > LINES and self.line > 0:
            self.page_break()

    def page_break(self) -> None:
        self._folio()
        self.drawer.next_page()
        self.line = 0
        self.number += 1

    def new_paper(self) -> None:
        """Start another paper (a new page numbered 1), e.g. the next member's letter."""
        if self._started:
            self._folio()
            self.drawer.next_page()
        self.line, self.number = 0, 1
        self._started = False

    def _folio(self) -> None:
        """ — n — 7 mm below the block: odd pages right, even pages left, one character in."""
        style = replace(FOLIO, align="right" if self.number % 2 else "left")
        box = Box(BLOCK.x + FOLIO_SIZE, BLOCK.y - 7 * mm - FOLIO_SIZE * 1.3, BLOCK.width - 2 * FOLIO_SIZE, FOLIO_SIZE * 1.3)
        layout = text.layout_text(f"— {self.number} —", box, style, self.chains.song)
        text_pdf.draw_layout(self.canvas, layout)
        self.result.boxes.extend((self.drawer.page, b) for b in layout.ink_boxes())

    # ---- content ------------------------------------------------------------------
    def title(self, value: str) -> None:
        """The title, centred, in as many grid lines as it takes, then a blank line."""
        self._started = True
        layout = text.layout_text(value, Box(0, 0, BLOCK.width, 10_000), TITLE, self.chains.title)
        height = layout.ascent + layout.descent + (len(layout.lines) - 1) * layout.size * TITLE.leading
        lines = max(1, math.ceil(height / LINE_PITCH))
        self._need(lines + 1)
        box = self.slot(self.line, lines)
        self.drawer.text(value, box, replace(TITLE, valign="middle"), title=True)
        self.line += lines + 1

    def paragraph(self, value: str, *, indent: int = 2, style: TextStyle = BODY, chain: fonts.FontChain | None = None) -> None:
        """Body text on the grid, the first line indented `indent` characters; it
        flows over pages line by line."""
        self._started = True
        chain = chain or self.chains.body
        lines = self._lines(value, indent, style, chain)
        for i, line in enumerate(lines):
            self._need(1)
            left = indent * PITCH if i == 0 else 0.0
            box = self.slot(self.line)
            box = Box(box.x + left, box.y, box.width - left, box.height)
            self._grid_line(line, box, style, chain)
            self.line += 1

    def heading(self, value: str) -> None:
        """A first-level heading (一、…) in 黑体, on its own grid line, kept with what follows."""
        self._need(2)
        self.paragraph(value, indent=2, style=HEADING, chain=self.chains.sans)

    def blank(self, lines: int = 1) -> None:
        self.line = min(self.line + lines, LINES)

    def _lines(self, value: str, indent: int, style: TextStyle, chain: fonts.FontChain) -> list[str]:
        out = []
        for paragraph in [p.strip() for p in value.split("\n") if p.strip()] or [""]:
            first = text.layout_text(paragraph, Box(0, 0, BLOCK.width - indent * PITCH, 10_000), style, chain)
            head = first.lines[0].text if first.lines else ""
            out.append(head)
            rest = paragraph[len(head):].lstrip()
            if rest:
                out += [ln.text for ln in text.layout_text(rest, Box(0, 0, BLOCK.width, 100_000), style, chain).lines]
        return out

    def _grid_line(self, line: str, box: Box, style: TextStyle, chain: fonts.FontChain) -> None:
        """One line on its grid slot: the baseline sits where a 16 pt line centred in the
        slot puts it."""
        layout = text.layout_text(line, box, replace(style, valign="middle", leading=1.0), chain)
        text_pdf.draw_layout(self.canvas, layout)
        if layout.clipped:
            self.result.clipped.append(line[:20])
        self.result.boxes.extend((self.drawer.page, b) for b in layout.ink_boxes())

    def lines(self, entries: list[str], *, gap: int = 1) -> None:
        """Lines such as signatures (签字：＿＿＿＿), left-aligned, `gap` blank lines between."""
        for i, entry in enumerate(entries):
            self._need(1)
            self._grid_line(entry, self.slot(self.line), replace(BODY, char_space=0.0), self.chains.body)
            self.line += 1 + (gap if i + 1 < len(entries) else 0)

    def signature(self, issuer: str, day: dt.date | None, *, space_before: int = 2) -> None:
        """The issuer centred over the date; the date four characters in from the right.
        `space_before` lines are left above for a signature or the seal."""
        if self.lines_left() >= 2:  # never a page holding only the issuer and the date
            space_before = min(space_before, self.lines_left() - 2)
        self._need(space_before + 2)
        self.blank(space_before)
        date = cn_date(day) if day else "　　年　　月　　日"
        style = replace(BODY, char_space=0.0)
        date_w = self.chains.body.text_width(date) * BODY_SIZE
        right = BLOCK.right - 4 * PITCH
        centre = right - date_w / 2
        issuer_w = min(self.chains.body.text_width(issuer) * BODY_SIZE, BLOCK.width)
        left = max(BLOCK.x, min(centre - issuer_w / 2, BLOCK.right - issuer_w))
        issuer_box = self.slot(self.line)
        self._grid_line(issuer, Box(left, issuer_box.y, BLOCK.right - left, issuer_box.height), style, self.chains.body)
        self.line += 1
        date_box = self.slot(self.line)
        self._grid_line(date, Box(right - date_w, date_box.y, date_w + 1, date_box.height), style, self.chains.body)
        self.line += 1

    def table(self, columns: tuple[Column, ...], rows: list[tuple[str, ...]], *, who: list[str] | None = None) -> None:
        """A ruled table across the block, its header repeated on every page; rows are
        as tall as their text needs (wrapping at an even size, shrinking only if a row
        is taller than a page). After it the grid resumes on the next free line."""
        self._started = True
        flow = TableFlow(self.drawer, columns, BLOCK.x, BLOCK.width, TABLE)

        def new_page() -> float:
            self.page_break()
            return BLOCK.top

        y = flow.flow(rows, self._table_top(), BLOCK.y - 0.01, new_page, who=(lambda i: who[i]) if who else (lambda i: ""),
                      max_row=BLOCK.height - flow.header_height())  # fmt: skip
        used = (BLOCK.top - y) / LINE_PITCH
        self.line = min(LINES, math.ceil(used - 1e-6))

    def _table_top(self) -> float:
        if self.lines_left() < 3:
            self.page_break()
        return BLOCK.top - self.line * LINE_PITCH

    def finish(self) -> None:
        """Number the last page and count the pages."""
        self._folio()
        self.result.pages = self.drawer.page + 1
