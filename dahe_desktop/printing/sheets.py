"""Cards on sheets: where each card of a sheet goes, crop marks, mirrored backs for
long-edge duplex, and the order of pages. Pure geometry (points), no drawing of content.

A sheet layout is reusable for any card size: name cards are 90 x 54 mm 10-up on A4
(2 x 5, the common pre-perforated card paper), commitment cards can be A5 2-up, etc.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from dahe_desktop.printing.text import Box

T = TypeVar("T")

# Laser printers leave about 4-5 mm unprinted at each edge: marks must stay inside this.
PRINTABLE_MARGIN = 5 * mm
CROP_GAP = 2 * mm  # gap between a card edge and its crop mark
CROP_LENGTH = 4 * mm

FRONT, BACK = "front", "back"


PERFORATED, GUILLOTINE = "perforated", "guillotine"


@dataclass(frozen=True)
class SheetLayout:
    """`columns` x `rows` cards of `card` size centred on `page`. Butting cards (`gap`
    0: perforated card stock, one cut between neighbours) take no bleed: their colour
    must stay inside the card (`inset`). Cards with gutters (`gap`, for a guillotine)
    may run their colour `bleed` past the trim into the gutter. `back_shift` moves the
    back side (x, y in points) to correct a printer that does not register both sides
    exactly; the alignment sheet shows how much."""

    page: tuple[float, float] = A4
    card: tuple[float, float] = (90 * mm, 54 * mm)
    columns: int = 2
    rows: int = 5
    crop_marks: bool = True
    back_shift: tuple[float, float] = (0.0, 0.0)
    gap: float = 0.0
    bleed: float = 0.0
    inset: float = 0.0  # how far colour stays inside the trim (perforated stock)

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def block(self) -> Box:
        """The rectangle all cards of a sheet cover (with gutters), centred on the page."""
        w = self.columns * self.card[0] + (self.columns - 1) * self.gap
        h = self.rows * self.card[1] + (self.rows - 1) * self.gap
        return Box((self.page[0] - w) / 2, (self.page[1] - h) / 2, w, h)

    @property
    def bleed_block(self) -> Box:
        b = self.block
        return Box(b.x - self.bleed, b.y - self.bleed, b.width + 2 * self.bleed, b.height + 2 * self.bleed)

    def cut_lines(self) -> tuple[list[float], list[float]]:
        """x of every vertical cut and y of every horizontal cut (both edges of a gutter)."""
        b = self.block
        xs, ys = [], []
        for c in range(self.columns):
            left = b.x + c * (self.card[0] + self.gap)
            xs += [left, left + self.card[0]]
        for r in range(self.rows):
            bottom = b.y + r * (self.card[1] + self.gap)
            ys += [bottom, bottom + self.card[1]]
        return sorted(set(round(x, 6) for x in xs)), sorted(set(round(y, 6) for y in ys))

    def printable_area(self) -> Box:
        return Box(
            PRINTABLE_MARGIN,
            PRINTABLE_MARGIN,
            self.page[0] - 2 * PRINTABLE_MARGIN,
            self.page[1] - 2 * PRINTABLE_MARGIN,
        )

    def slot(self, index: int, side: str = FRONT) -> Box:
        """The card at `index` (0 = top left, row by row) on the front sheet, or where its
        back goes on the back sheet: mirrored left-right for long-edge duplex."""
        row, column = divmod(index, self.columns)
        if side == BACK:
            column = self.columns - 1 - column
        block = self.block
        x = block.x + column * (self.card[0] + self.gap)
        y = block.top - (row + 1) * self.card[1] - row * self.gap
        if side == BACK:
            x += self.back_shift[0]
            y += self.back_shift[1]
        return Box(x, y, self.card[0], self.card[1])

    def crop_mark_lines(self, side: str = FRONT) -> list[tuple[float, float, float, float]]:
        """Short lines (x1, y1, x2, y2) in the margin, on the extension of every cut."""
        if not self.crop_marks:
            return []
        block = self.block
        dx, dy = self.back_shift if side == BACK else (0.0, 0.0)
        gap = max(CROP_GAP, self.bleed + 1 * mm)  # a mark never touches the colour
        xs, ys = self.cut_lines()
        lines = []
        for x in xs:
            x += dx
            lines.append((x, block.top + dy + gap, x, block.top + dy + gap + CROP_LENGTH))
            lines.append((x, block.y + dy - gap, x, block.y + dy - gap - CROP_LENGTH))
        for y in ys:
            y += dy
            lines.append((block.x + dx - gap, y, block.x + dx - gap - CROP_LENGTH, y))
            lines.append((block.right + dx + gap, y, block.right + dx + gap + CROP_LENGTH, y))
        return lines


# Perforated 10-up card stock: butting cards, colour kept 1.5 mm inside each cut so a
# sheet that feeds a little crooked shows no colour on the neighbour.
PERFORATED_SHEET = SheetLayout(inset=1.5 * mm)
# For a guillotine (a print shop, or the office's cutter): 8-up with 6 mm gutters, the
# colour bleeding 2 mm past each cut, crop marks on every cut line in the margins.
GUILLOTINE_SHEET = SheetLayout(rows=4, gap=6 * mm, bleed=2 * mm)
ONE_UP_NAME_CARD = SheetLayout(page=(90 * mm, 54 * mm), columns=1, rows=1, crop_marks=False, bleed=1 * mm)
# CR-80 (ID-1) cards for card printers: 85.6 x 54 mm.
ONE_UP_CR80 = SheetLayout(page=(85.6 * mm, 54 * mm), card=(85.6 * mm, 54 * mm), columns=1, rows=1,
                          crop_marks=False, bleed=1 * mm)  # fmt: skip
SHEETS = {PERFORATED: PERFORATED_SHEET, GUILLOTINE: GUILLOTINE_SHEET}


@dataclass(frozen=True)
class Placement:
    """One card on one page side: which item, where."""

    item_index: int
    box: Box


@dataclass(frozen=True)
class PageSpec:
    side: str  # FRONT / BACK
    sheet_number: int  # 1-based
    placements: tuple[Placement, ...]


def sheet_groups(
    items: Iterable[T], per_sheet: int, start: int = 1
) -> Iterator[list[tuple[T, int]]]:
    """Items grouped by sheet with their slot index; the first sheet starts at `start`
    (1-based: positions before it were already used). Streams: holds one sheet."""
    slot = max(1, min(start, per_sheet)) - 1
    sheet: list[tuple[T, int]] = []
    for item in items:
        sheet.append((item, slot))
        slot += 1
        if slot == per_sheet:
            yield sheet
            sheet, slot = [], 0
    if sheet:
        yield sheet


def page_order(
    sheets: Iterable[list[tuple[T, int]]],
    *,
    backs: bool,
    duplex: bool,
    again: Iterable[list[tuple[T, int]]] | None = None,
) -> Iterator[tuple[str, int, list[tuple[T, int]]]]:
    """(side, sheet number, sheet) in print order. With `duplex`, each sheet of fronts is
    followed by its sheet of backs (a duplex printer prints them back to back); without,
    all fronts come first, then all backs in the same order from `again` (a second pass
    over the same sheets: print the fronts, put the stack back in, print the backs)."""
    if duplex and backs:
        for n, sheet in enumerate(sheets, 1):
            yield FRONT, n, sheet
            yield BACK, n, sheet
        return
    for n, sheet in enumerate(sheets, 1):
        yield FRONT, n, sheet
    if backs:
        for n, sheet in enumerate(again if again is not None else sheets, 1):
            yield BACK, n, sheet


def plan_pages(
    count: int,
    layout: SheetLayout,
    *,
    backs: bool = True,
    duplex: bool = True,
    start: int = 1,
    mirror: bool = True,
) -> Iterator[PageSpec]:
    """The pages for `count` cards in print order, with where each card goes. Backs are
    mirrored left-right (long-edge flip) unless `mirror` is False (one card per page)."""
    sheets = list(sheet_groups(range(count), layout.per_sheet, start))
    for side, number, sheet in page_order(sheets, backs=backs, duplex=duplex):
        where = BACK if (side == BACK and mirror) else FRONT
        yield PageSpec(side, number, tuple(Placement(i, layout.slot(s, where)) for i, s in sheet))
