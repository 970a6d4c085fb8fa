"""The card run every card printout uses (name cards, contact cards, ...): check every
character before the first page, stream the cards sheet by sheet (10-up A4 or one a
page, fronts and backs, duplex order, a start slot), report progress, cancel between
pages. A feature supplies the cards and a painter that draws one front and one back in
card coordinates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Protocol

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop.errors import CancelledError, UserError
from dahe_desktop.printing import fonts, text, text_pdf
from dahe_desktop.printing.document import PrintResult, finish_document, open_document, pdf_canvas
from dahe_desktop.printing.recording import RecordingCanvas
from dahe_desktop.printing.sheets import (
    FRONT,
    ONE_UP_CR80,
    ONE_UP_NAME_CARD,
    PERFORATED,
    SHEETS,
    SheetLayout,
    plan_pages,
)
from dahe_desktop.printing.text import Box, TextStyle


class Card(Protocol):
    """What the run needs of a card: who it is for (in refusals), the id logged as
    printed, and every text it prints (checked against the fonts first)."""

    @property
    def who(self) -> str: ...

    @property
    def record_id(self) -> int: ...

    def texts(self) -> str: ...


class CardSides(Protocol):
    def front(self, canvas, card) -> None: ...

    def back(self, canvas, card) -> None: ...

    warnings: list[str]


@dataclass(frozen=True)
class CardJob:
    """How to print: sheets (perforated 10-up or guillotine 8-up) or one card a page
    (90 mm, or CR-80 with `cr80`), backs, duplex order, start slot, the back side's
    offset on this printer (millimetres, read off the alignment sheet), and a range of
    sheets to print again after a jam (`sheets`, 1-based, inclusive)."""

    per_page: int = 10  # 10: a sheet of cards (8 with the guillotine layout); 1: one a page
    duplex: bool = False
    front_only: bool = False
    start: int = 1
    back_shift_mm: tuple[float, float] = (0.0, 0.0)
    cut: str = PERFORATED
    cr80: bool = False
    sheets: tuple[int, int] | None = None
    one_up: SheetLayout = ONE_UP_NAME_CARD

    def layout(self) -> SheetLayout:
        if self.per_page == 1:
            return ONE_UP_CR80 if self.cr80 else self.one_up
        dx, dy = self.back_shift_mm
        return replace(SHEETS[self.cut], back_shift=(dx * mm, dy * mm))

    def wanted(self, sheet_number: int) -> bool:
        return self.sheets is None or self.sheets[0] <= sheet_number <= self.sheets[1]


class NothingToPrint(UserError):
    """The chosen scope holds no card; nothing was written."""


def run_cards(
    cards: Iterable[Card],
    out: str | Path | BinaryIO,
    sides: CardSides,
    chain: fonts.FontChain,
    *,
    job: CardJob = CardJob(),
    title: str,
    author: str = "",
    fixed_texts: tuple[str, ...] = (),
    empty: str = "没有需要打印的卡片",
    cmyk: bool = False,
    record: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PrintResult:
    """Write the cards as a PDF (and record its operations when `record`). Raises
    `fonts.MissingGlyphsError` before any page if a character has no font (the design's
    `fixed_texts` included; with `cmyk` the marks and the slug are in process black too), `NothingToPrint(empty)` for no card, and `CancelledError`
    if `cancelled()` turns True. `cards` may be re-iterable (it is read twice, three times
    without duplex); a one-shot iterator is first collected into a list."""
    source = list(cards) if iter(cards) is cards else cards
    fonts.check_printable([("卡片样式", "".join(fixed_texts))], chain)
    count = _count_checked(source, chain)
    if count == 0:
        raise NothingToPrint(empty)
    layout = job.layout()
    canvas = open_document(out, layout.page, title=title, author=author, record=record)
    if isinstance(canvas, RecordingCanvas):
        canvas.add_fonts(chain.faces)
    trim, bleed = layout.block, layout.bleed_block
    pdf = pdf_canvas(canvas)  # for a print shop's preflight: where to cut, how far colour runs
    pdf.setTrimBox((trim.x, trim.y, trim.right, trim.top))
    pdf.setBleedBox((max(bleed.x, 0), max(bleed.y, 0), min(bleed.right, layout.page[0]),
                     min(bleed.top, layout.page[1])))  # fmt: skip
    result = PrintResult(str(out) if isinstance(out, str | Path) else "", layout.page)
    slug = _Slug(title, chain, dt.date.today(), cmyk) if layout.crop_marks else None
    _draw_pages(canvas, source, count, job, sides, result, slug, progress, cancelled)
    if result.pages == 0 and job.sheets is not None:
        raise NothingToPrint(f"所选的第{job.sheets[0]}至{job.sheets[1]}张纸超出了范围（共{_sheets(count, job)}张）")
    result.documents = count if job.sheets is None else len(result.printed_ids)
    result.warnings = list(dict.fromkeys(sides.warnings))
    return finish_document(canvas, result)


def _count_checked(source: Iterable[Card], chain: fonts.FontChain) -> int:
    """Check every card's characters (all problems reported at once) while counting."""
    problems: list[tuple[str, list[str]]] = []
    good: set[str] = set()
    count = 0
    for card in source:
        text = card.texts()
        if not good.issuperset(text):
            missing = chain.missing(text)
            if missing:
                problems.append((card.who, missing))
            good.update(ch for ch in text if ch not in missing)
        count += 1
    if problems:
        raise fonts.MissingGlyphsError(problems)
    return count


class _Cursor:
    """Cards by index from a re-iterable source, streaming: holds one sheet, and starts
    the source again when a page asks for earlier cards (the backs without duplex)."""

    def __init__(self, source: Iterable[Card]):
        self.source = source
        self._it = iter(source)
        self._next = 0  # index of the card the iterator yields next
        self._sheet: dict[int, Card] = {}

    def take(self, indices: list[int]) -> list[Card]:
        sheet: dict[int, Card] = {}
        for i in indices:
            card = self._sheet.get(i)
            if card is None:
                if i < self._next:
                    self._it, self._next = iter(self.source), 0
                while self._next <= i:
                    card = next(self._it)
                    self._next += 1
            sheet[i] = card
        self._sheet = sheet
        return [sheet[i] for i in indices]


def _sheets(count: int, job: CardJob) -> int:
    per = job.layout().per_sheet
    return (max(1, min(job.start, per)) - 1 + count + per - 1) // per


class _Slug:
    """A line in the bottom margin of every sheet (sheet n/N, side, date), so a jammed
    sheet in a long run is found and printed again from the right place."""

    STYLE = TextStyle(size=6, min_size=5, align="center", valign="middle", color=(0.45, 0.45, 0.45))

    def __init__(self, title: str, chain: fonts.FontChain, day: dt.date, cmyk: bool = False):
        self.title, self.chain, self.day, self.cmyk = title, chain, day, cmyk
        self.style = replace(self.STYLE, color=(0.0, 0.0, 0.0, 0.55)) if cmyk else self.STYLE

    def draw(self, canvas, layout, page, total: int) -> None:
        side = "正面" if page.side == FRONT else "背面"
        line = f"{self.title}　第{page.sheet_number}/{total}张　{side}　{self.day.isoformat()}"
        box = Box(0, 5.2 * mm, layout.page[0], 2.2 * mm)  # inside the printable area, below the marks
        text_pdf.draw_layout(canvas, text.layout_text(line, box, self.style, self.chain))


def _draw_pages(canvas, source: Iterable[Card], count: int, job: CardJob, sides: CardSides,
                result: PrintResult, slug: _Slug | None, progress: Callable[[int, int], None] | None,
                cancelled: Callable[[], bool] | None) -> None:  # fmt: skip
    """Every page of `plan_pages` (the one plan of sides, order and places) on `canvas`;
    with `job.sheets`, only the pages of those sheets."""
    layout = job.layout()
    backs = not job.front_only
    steps = count * (2 if backs else 1)
    direct = isinstance(canvas, Canvas)
    cursor = _Cursor(source)
    total = _sheets(count, job)
    done = 0
    for page in plan_pages(count, layout, backs=backs, duplex=job.duplex, start=job.start,
                           mirror=job.per_page != 1):  # fmt: skip
        if cancelled is not None and cancelled():
            raise CancelledError()
        done += len(page.placements)
        if not job.wanted(page.sheet_number):
            continue
        draw_crop_marks(canvas, layout, page.side, cmyk=slug is not None and slug.cmyk)
        if slug is not None:
            slug.draw(canvas, layout, page, total)
        draw = sides.front if page.side == FRONT else sides.back
        cards = cursor.take([p.item_index for p in page.placements])
        for card, placement in zip(cards, page.placements, strict=True):
            box = placement.box
            if direct:  # the operators saveState/translate would write, at a fifth of the cost
                canvas.addLiteral(f"q 1 0 0 1 {box.x:.3f} {box.y:.3f} cm")
                draw(canvas, card)
                canvas.addLiteral("Q")
            else:
                canvas.saveState()
                canvas.translate(box.x, box.y)
                draw(canvas, card)
                canvas.restoreState()
            if page.side == FRONT:
                result.printed_ids.append(card.record_id)
        canvas.showPage()  # compressed at once (`compact.CompactCanvas`)
        result.pages += 1
        if progress is not None:
            progress(done, steps)
    if cancelled is not None and cancelled():
        raise CancelledError()


def draw_crop_marks(canvas, layout: SheetLayout, side: str, *, cmyk: bool = False) -> None:
    lines = layout.crop_mark_lines(side)
    if lines:
        if cmyk:
            canvas.setStrokeColorCMYK(0, 0, 0, 1)
        else:
            canvas.setStrokeColorRGB(0, 0, 0)
        canvas.setLineWidth(0.25)
        canvas.lines(lines)
