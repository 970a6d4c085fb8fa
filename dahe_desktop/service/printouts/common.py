"""What the service papers share: faces, the check of every character, the page frame."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm

from dahe_desktop.printing import fonts
from dahe_desktop.printing.document import Drawer, PrintResult, open_document
from dahe_desktop.printing.text import Box, TextStyle

TITLE_FACE, BODY_FACE = "simhei", "simsun"
TITLE = TextStyle(size=20, min_size=14, align="center", valign="middle", bold=True)
SUBTITLE = TextStyle(size=11, min_size=9, align="center", valign="middle")
HEADING = TextStyle(size=13, min_size=11, valign="middle", bold=True)
LINE = TextStyle(size=11, min_size=9, valign="middle")
FOLIO = TextStyle(size=9, min_size=8, align="center", valign="middle")


def checked_drawer(out: str | Path, page: tuple[float, float], title: str, author: str, texts: list[tuple[str, str]],
                   record: bool) -> tuple[Drawer, PrintResult]:  # fmt: skip
    """A drawer on a new document, once every character is known printable (else
    `MissingGlyphsError` naming the record and the character: nothing is written)."""
    title_chain, body_chain = fonts.font_chain(TITLE_FACE), fonts.font_chain(BODY_FACE)
    fonts.check_printable(texts, body_chain)
    fonts.check_printable(texts, title_chain)
    result = PrintResult(str(out), page)
    canvas = open_document(out, page, title=title, author=author, record=record)
    return Drawer(canvas, result, title_chain, body_chain), result


@dataclass
class Frame:
    """A page's text area with a running head and a folio; `new_page` for tables."""

    drawer: Drawer
    page: tuple[float, float]
    running: str
    margin_x: float = 15 * mm
    margin_top: float = 15 * mm
    margin_bottom: float = 15 * mm

    @property
    def x(self) -> float:
        return self.margin_x

    @property
    def width(self) -> float:
        return self.page[0] - 2 * self.margin_x

    @property
    def top(self) -> float:
        return self.page[1] - self.margin_top

    @property
    def bottom(self) -> float:
        return self.margin_bottom + 6 * mm

    def folio(self) -> None:
        box = Box(self.x, self.margin_bottom - 2 * mm, self.width, 6 * mm)
        self.drawer.text(f"第{self.drawer.page + 1}页", box, FOLIO)

    def new_page(self) -> float:
        """Finish this page and start the next under its running head; returns its top."""
        self.folio()
        self.drawer.next_page()
        h = 8 * mm
        self.drawer.text(f"{self.running}（续）", Box(self.x, self.top - h, self.width, h), SUBTITLE)
        return self.top - h - 2 * mm

    def heading(self, text: str, y: float, height: float = 10 * mm, *, needs: float = 25 * mm) -> float:
        """A section heading at `y`, on a new page when it would stand alone at the foot."""
        if y - height - needs < self.bottom:
            y = self.new_page()
        self.drawer.text(text, Box(self.x, y - height, self.width, height), HEADING, title=True)
        return y - height
