"""GB/T 9704-2012 page for official papers: A4, top margin 37 mm, binding margin 28 mm,
text block 156 x 225 mm, body 3号 (16 pt) 仿宋 on a grid of 22 lines of 28 characters.

28 characters of 16 pt are 158 mm, wider than the block: the grid sets the character
pitch (156/28 mm) and places every character on it, as word processors do with
"document grid", rather than shrinking the type."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dahe_desktop.printing.document import Drawer
from dahe_desktop.printing.fonts import FontChain
from dahe_desktop.printing.text import Box, TextStyle

PAGE = A4
LEFT, TOP = 28 * mm, 37 * mm
BLOCK_W, BLOCK_H = 156 * mm, 225 * mm
CHARS, LINES = 28, 22
PITCH = BLOCK_W / CHARS  # 5.571 mm per character
LINE_PITCH = BLOCK_H / LINES  # 10.227 mm per line
BODY = TextStyle(size=16, min_size=16, valign="bottom")  # 3号
TITLE = TextStyle(size=22, min_size=18, align="center", valign="middle", bold=True)  # 2号
FOLIO = TextStyle(size=14, min_size=14, align="center", valign="middle")  # 4号
NO_LINE_START = "，。、；：？！）》”’"
_WORD = re.compile(r"[0-9A-Za-z.\-]+|.", re.S)


def block_top() -> float:
    return PAGE[1] - TOP


def line_box(line: int, lines: int = 1) -> Box:
    """The box of grid line `line` (0 = first) spanning `lines` lines."""
    top = block_top() - line * LINE_PITCH
    return Box(LEFT, top - lines * LINE_PITCH, BLOCK_W, lines * LINE_PITCH)


def cells(chain: FontChain, ch: str) -> float:
    """Grid cells a character takes: CJK one, Latin and digits half."""
    return 0.5 if chain.char_width(ch) < 0.75 else 1.0


def wrap(text: str, chain: FontChain, indent: int = 2, hang: int = 0) -> list[tuple[float, str]]:
    """A paragraph as grid lines: (first cell, text). The first line is indented
    `indent` cells, later lines `hang`; a line never starts with closing punctuation
    (the character before it moves down with it), and nothing passes the block's edge."""
    lines: list[tuple[float, str]] = []
    start, current, used = float(indent), "", float(indent)
    for unit in _WORD.findall(text):  # a number or Latin word is never split
        w = sum(cells(chain, ch) for ch in unit)
        if used + w > CHARS + 1e-6 and current:
            carry = ""
            if unit in NO_LINE_START and len(current) > 1:  # no line starts with ，。: take a character along
                current, carry = current[:-1], current[-1]
            lines.append((start, current))
            start, current = float(hang), carry
            used = hang + sum(cells(chain, ch) for ch in carry)
        current += unit
        used += w
    if current or not lines:
        lines.append((start, current))
    return lines


@dataclass
class GridWriter:
    """Writes grid lines down the page, starting new pages with their folio."""

    drawer: Drawer
    line: int = 0
    folios: int = 1

    def room(self) -> int:
        return LINES - self.line

    def new_page(self) -> None:
        self.folio()
        self.drawer.next_page()
        self.line = 0
        self.folios += 1

    def folio(self) -> None:
        """Page number "— 1 —" below the block (4号 Song)."""
        box = Box(LEFT, PAGE[1] - TOP - BLOCK_H - 14 * mm, BLOCK_W, 8 * mm)
        self.drawer.text(f"— {self.folios} —", box, FOLIO)

    def need(self, lines: int) -> None:
        if self.room() < lines:
            self.new_page()

    def title(self, text: str, lines: int = 2) -> None:
        self.need(lines + 1)
        self.drawer.text(text, line_box(self.line, lines), TITLE, title=True)
        self.line += lines

    def blank(self, lines: int = 1) -> None:
        self.line = min(LINES, self.line + lines)

    def paragraph(self, text: str, indent: int = 2, hang: int = 0, keep: bool = False, with_next: int = 0) -> None:
        """Wrapped onto the grid; `keep` keeps its lines on one page, `with_next` also
        keeps that many lines after it (the signatures never stand alone on a page)."""
        lines = wrap(text, self.drawer.body_chain, indent, hang)
        if keep or with_next:
            self.need(len(lines) + with_next)
        for start, chunk in lines:
            self.need(1)
            self.chars(start, chunk)
            self.line += 1

    def chars(self, start: float, text: str) -> None:
        """Every character in its grid cell, on the line's baseline."""
        chain = self.drawer.body_chain
        box = line_box(self.line)
        x = LEFT + start * PITCH
        for ch in text:
            w = cells(chain, ch)
            if ch != " ":
                # The cell box is a little wider than the pitch so a 16 pt glyph is never shrunk.
                self.drawer.text(ch, Box(x, box.y + 2.2 * mm, BODY.size + 1, box.height - 2.2 * mm), BODY)
            x += w * PITCH

    def signatures(self, left: str, right: str) -> None:
        """Two signature labels on one line, each followed by an equal rule to sign on."""
        chain = self.drawer.body_chain
        self.need(1)
        w_left, w_right = (sum(cells(chain, ch) for ch in t) for t in (left, right))
        right_start = 2 + w_left + (CHARS - 2 - w_left - w_right) / 2
        box = line_box(self.line)
        for start, label, end in ((2, left, right_start - 1), (right_start, right, CHARS - 0.5)):
            self.chars(start, label)
            x = LEFT + (start + sum(cells(chain, ch) for ch in label)) * PITCH
            self.drawer.line(x, box.y + 1.6 * mm, LEFT + end * PITCH, box.y + 1.6 * mm, 0.5)
        self.line += 1

    def right(self, text: str, margin_cells: int = 4) -> None:
        """A line ending `margin_cells` cells before the block's right edge."""
        chain = self.drawer.body_chain
        width = sum(cells(chain, ch) for ch in text)
        self.need(1)
        self.chars(CHARS - margin_cells - width, text)
        self.line += 1

    def centred_over(self, text: str, under: str, margin_cells: int = 4) -> None:
        """The issuing body centred over the date line that follows (GB/T 9704)."""
        chain = self.drawer.body_chain
        w_text = sum(cells(chain, ch) for ch in text)
        w_under = sum(cells(chain, ch) for ch in under)
        end = CHARS - margin_cells
        self.need(2)
        self.chars(end - w_under + (w_under - w_text) / 2, text)
        self.line += 1
        self.chars(end - w_under, under)
        self.line += 1
