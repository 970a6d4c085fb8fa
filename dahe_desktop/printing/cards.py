"""The card run every card printout uses (name cards, contact cards, ...): check every
character before the first page, stream the cards sheet by sheet (10-up A4 or one a
page, fronts and backs, duplex order, a start slot), report progress, cancel between
pages. A feature supplies the cards and a painter that draws one front and one back in
card coordinates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop.errors import CancelledError, UserError
from dahe_desktop.printing import fonts
from dahe_desktop.printing.compact import compact_last_page
from dahe_desktop.printing.document import PrintResult, finish_document, open_document, pdf_canvas
from dahe_desktop.printing.recording import RecordingCanvas
from dahe_desktop.printing.sheets import FRONT, ONE_UP_NAME_CARD, SheetLayout, plan_pages


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
    """How to print: 10 per A4 sheet or one per page, backs, duplex order, start slot,
    and the back side's offset on this printer (millimetres, from the alignment sheet)."""

    per_page: int = 10
    duplex: bool = False
    front_only: bool = False
    start: int = 1
    back_shift_mm: tuple[float, float] = (0.0, 0.0)
    one_up: SheetLayout = ONE_UP_NAME_CARD

    def layout(self) -> SheetLayout:
        if self.per_page == 1:
            return self.one_up
        dx, dy = self.back_shift_mm
        return SheetLayout(back_shift=(dx * mm, dy * mm))


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
    record: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PrintResult:
    """Write the cards as a PDF (and record its operations when `record`). Raises
    `fonts.MissingGlyphsError` before any page if a character has no font (the design's
    `fixed_texts` included), `NothingToPrint(empty)` for no card, and `CancelledError`
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
    result = PrintResult(str(out) if isinstance(out, str | Path) else "", layout.page)
    _draw_pages(canvas, source, count, job, sides, result, progress, cancelled)
    result.documents = count
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


def _draw_pages(canvas, source: Iterable[Card], count: int, job: CardJob, sides: CardSides,
                result: PrintResult, progress: Callable[[int, int], None] | None,
                cancelled: Callable[[], bool] | None) -> None:  # fmt: skip
    """Every page of `plan_pages` (the one plan of sides, order and places) on `canvas`."""
    layout = job.layout()
    backs = not job.front_only
    steps = count * (2 if backs else 1)
    direct = isinstance(canvas, Canvas)
    cursor = _Cursor(source)
    done = 0
    for page in plan_pages(count, layout, backs=backs, duplex=job.duplex, start=job.start,
                           mirror=job.per_page != 1):  # fmt: skip
        if cancelled is not None and cancelled():
            raise CancelledError()
        draw_crop_marks(canvas, layout, page.side)
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
        canvas.showPage()
        compact_last_page(pdf_canvas(canvas))
        result.pages += 1
        done += len(cards)
        if progress is not None:
            progress(done, steps)
    if cancelled is not None and cancelled():
        raise CancelledError()


def draw_crop_marks(canvas, layout: SheetLayout, side: str) -> None:
    lines = layout.crop_mark_lines(side)
    if lines:
        canvas.setStrokeColorRGB(0, 0, 0)
        canvas.setLineWidth(0.25)
        canvas.lines(lines)
