"""What every printout shares: the one result type, the PDF document (recorded for the
window when asked), a drawer that fits text into boxes and logs every box drawn, and
table columns. A new printout is a painter over these, in its feature's `printouts/`."""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from dahe_desktop import APP_TITLE
from dahe_desktop.errors import UserError
from dahe_desktop.printing import fonts, text, text_pdf
from dahe_desktop.printing.compact import CompactCanvas
from dahe_desktop.printing.recording import RecordedPages, RecordingCanvas
from dahe_desktop.printing.text import Box, TextStyle

PART_SUFFIX = ".part"


class BoxLog:
    """Every box a render drew, as (page index, Box), kept as plain numbers (five 4-byte
    floats a box, exact to a ten-thousandth of a point on any paper): a run of 10,000
    cards logs half a million boxes, which as Python objects would weigh more than the
    PDF itself. A form placed again (`Drawer.form`) logs its boxes once, with the page of
    each placement. Reads like a list of (page, Box): boxes drawn directly, then those
    of the forms placed."""

    __slots__ = ("_data", "_placed", "_placed_boxes")

    def __init__(self, items: Iterable[tuple[int, Box]] = ()) -> None:
        self._data = array("f")
        self._placed: list[tuple[int, array]] = []  # (page, x y w h of each box of a form)
        self._placed_boxes = 0
        self.extend(items)

    def add(self, page: int, x: float, y: float, width: float, height: float) -> None:
        self._data.extend((page, x, y, width, height))

    def append(self, item: tuple[int, Box]) -> None:
        page, b = item
        self._data.extend((page, b.x, b.y, b.width, b.height))

    def extend(self, items: Iterable[tuple[int, Box]]) -> None:
        data = self._data
        for page, b in items:
            data.extend((page, b.x, b.y, b.width, b.height))

    def mark(self) -> int:
        """A position in the boxes drawn directly, for `take_since`."""
        return len(self._data)

    def take_since(self, mark: int) -> array:
        """Remove the boxes drawn since `mark` and give them (x y w h each), for `place`."""
        taken = array("f")
        for i in range(mark, len(self._data), 5):
            taken.extend(self._data[i + 1 : i + 5])
        del self._data[mark:]
        return taken

    def place(self, page: int, boxes: array) -> None:
        """`boxes` (from `take_since`) drawn again on `page`."""
        self._placed.append((page, boxes))
        self._placed_boxes += len(boxes) // 4

    def __len__(self) -> int:
        return len(self._data) // 5 + self._placed_boxes

    def __iter__(self) -> Iterator[tuple[int, Box]]:
        data = self._data
        for i in range(0, len(data), 5):
            yield int(data[i]), Box(data[i + 1], data[i + 2], data[i + 3], data[i + 4])
        for page, boxes in self._placed:
            for i in range(0, len(boxes), 4):
                yield page, Box(boxes[i], boxes[i + 1], boxes[i + 2], boxes[i + 3])

    def __getitem__(self, index):
        return list(self)[index]


@dataclass
class PrintResult:
    """What a render produced. `documents` counts what the clerk thinks in (cards, a
    branch's posting); `printed_ids` are the records printed, for the print log;
    `recorded` holds the drawing operations when the window asked for them (preview and
    printer); `boxes` every box drawn (page index, box) when the painter logs them, so
    tests can check geometry; `clipped` texts cut at the floor size (the print is
    refused), `shortened` values cut with a warning; `warnings` anything else to say."""

    path: str = ""
    page_size: tuple[float, float] = (0.0, 0.0)
    pages: int = 0
    documents: int = 0
    printed_ids: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    clipped: list[str] = field(default_factory=list)
    shortened: list[str] = field(default_factory=list)
    boxes: BoxLog = field(default_factory=BoxLog)
    recorded: RecordedPages | None = None
    payload: object = None  # what the feature records once the print is saved or sent

    def outside_page(self) -> list[tuple[int, Box]]:
        w, h = self.page_size
        eps = 0.01
        return [(p, b) for p, b in self.boxes if b.x < -eps or b.y < -eps or b.right > w + eps or b.top > h + eps]

    def notes(self) -> list[str]:
        """Warnings and values printed cut short, one line each, for the dialog and CLI."""
        return [*self.warnings, *(f"注意：{c}……太长，已截短打印（可精简后重印）" for c in self.shortened)]


def open_document(out: str | Path | BinaryIO, page_size: tuple[float, float], *, title: str,
                  author: str = "", record: bool = False) -> Canvas | RecordingCanvas:  # fmt: skip
    """A PDF canvas for `out`; with `record`, a recording canvas drawing on it, so the same
    calls give the file and the operations the window previews and prints."""
    # The default font of ReportLab's page preamble would be Helvetica, named but not
    # embedded: a shipped face instead, so every font in every file is embedded.
    # A file is written beside its target and renamed into place by `finish_document`:
    # a kill or a full disk mid-save leaves the previous file as it was.
    target = Path(out) if isinstance(out, str | Path) else None
    partial = target.with_name(f".{target.name}{PART_SUFFIX}") if target is not None else None
    canvas = CompactCanvas(str(partial) if partial is not None else out, pagesize=page_size,
                           pageCompression=1, initialFontName=fonts.font_chain(None).names[0])  # fmt: skip
    canvas.dahe_target = (partial, target)
    canvas.setTitle(title)
    canvas.setAuthor(author or APP_TITLE)
    canvas.setCreator(APP_TITLE)
    canvas.setSubject(title)
    return RecordingCanvas(page_size, canvas) if record else canvas


def pdf_canvas(canvas: Canvas | RecordingCanvas) -> Canvas:
    """The ReportLab canvas behind a (possibly recording) canvas."""
    return canvas.target if isinstance(canvas, RecordingCanvas) else canvas


def finish_document(canvas: Canvas | RecordingCanvas, result: PrintResult) -> PrintResult:
    """Write the file (synced, then renamed onto its target) and keep the recording, if
    any, in the result."""
    partial, target = getattr(pdf_canvas(canvas), "dahe_target", (None, None))
    try:
        canvas.save()
        if partial is not None:
            with open(partial, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(partial, target)
    finally:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
    if isinstance(canvas, RecordingCanvas):
        result.recorded = canvas.recorded
    return result


class TextDoesNotFit(UserError):
    """A signed paper must say all of it: the print is refused rather than cut."""


class Drawer:
    """Draws text and rules on a canvas, logging every box in the `PrintResult`.
    Titles use `title_chain`, everything else `body_chain`."""

    def __init__(self, canvas, result: PrintResult, title_chain: fonts.FontChain,
                 body_chain: fonts.FontChain) -> None:  # fmt: skip
        self.canvas = canvas
        self.result = result
        self.title_chain, self.body_chain = title_chain, body_chain
        self.page = 0
        self._forms: dict[str, array] = {}
        self._pdf = canvas if isinstance(canvas, Canvas) else None  # the PDF alone: shapes moved into place
        if isinstance(canvas, RecordingCanvas):
            canvas.add_fonts([*title_chain.faces, *body_chain.faces])

    def text(self, value: str, box: Box, style: TextStyle | tuple[TextStyle, ...], *, title: bool = False,
             who: str = "", cut_ok: bool = False) -> None:
        """Draw `value` in `box`. Given several styles, the first that fits without cutting
        wins: a mild floor first keeps a table's sizes even, a deeper one only if needed.
        With `cut_ok` (a header value such as a long 职务), text cut at the last floor is a
        warning in `shortened`, not a reason to refuse the whole print."""
        self.text_in(value, box.x, box.y, box.width, box.height, style, title=title, who=who, cut_ok=cut_ok)

    def text_in(self, value: str, x: float, y: float, width: float, height: float,
                style: TextStyle | tuple[TextStyle, ...], *, title: bool = False, who: str = "",
                cut_ok: bool = False) -> None:  # fmt: skip
        """`text` in the box at (x, y) of `width` × `height`, for painters placing many
        cells (no Box made per cell)."""
        chain = self.title_chain if title else self.body_chain
        for candidate in style if type(style) is tuple else (style,):
            shape, block = text.free_shape(value, width, candidate, chain)  # fitted once per text and width
            if shape.clipped or block > height + 1e-6:  # the box is too small for it: fit to the box
                shape, dy = text.sized_shape(value, width, height, candidate, chain)
            else:  # `sized_shape`, its common case inline (the hot path of 10,000 cards)
                valign = candidate.valign
                dy = height - (height - block) / 2 if valign == "middle" else block if valign == "bottom" else height
            if not shape.clipped:
                break
        if shape.clipped:
            named = f"{who}：{value[:20]}" if who else value[:20]
            (self.result.shortened if cut_ok else self.result.clipped).append(named)
        if self._pdf is not None:
            text_pdf.draw_shape(self._pdf, shape, x, y + dy)
        else:
            text_pdf.draw_layout(self.canvas, text.layout_text(value, Box(x, y, width, height), candidate, chain))
        log, page, bottom, ink = self.result.boxes._data, self.page, y + dy - shape.descent, shape.ascent + shape.descent
        for ln in shape.lines:  # its ink boxes (`TextLayout.ink_boxes`), moved into place (`BoxLog.add`)
            log.extend((page, ln.x + x, ln.baseline + bottom, ln.width, ink))

    def form(self, name: str, draw: Callable[[], object]) -> None:
        """What `draw` draws (the same wherever it is placed: a card's frame, headings and
        signature lines) is drawn once per document as a PDF form and placed again on
        each page: laid out and written once, its boxes logged on every page."""
        boxes = self._forms.get(name)
        if boxes is None:
            mark = self.result.boxes.mark()
            self.canvas.beginForm(name)
            draw()
            self.canvas.endForm()
            boxes = self._forms[name] = self.result.boxes.take_since(mark)
        self.canvas.doForm(name)
        self.result.boxes.place(self.page, boxes)

    def paragraph(self, value: str, box: Box, style: TextStyle) -> None:
        """An indented paragraph at the top of `box` (prose such as a notice's opening)."""
        indent = 2 * style.size
        first, rest = indented_lines(value, box.width, style, self.body_chain, indent)
        line_h = style.size * style.leading
        self.text(first, Box(box.x + indent, box.top - line_h, box.width - indent, line_h), exact(style))
        if rest:
            self.text(rest, Box(box.x, box.y, box.width, box.height - line_h), exact(style))

    def rect(self, box: Box, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.rect(box.x, box.y, box.width, box.height)
        self.result.boxes.add(self.page, box.x, box.y, box.width, box.height)

    def grid(self, xs: list[float], ys: list[float], width: float = 0.6) -> None:
        """The rules of a table's cells, the cells lying between consecutive `xs` (left
        to right) and `ys` (bottom to top): the ink of `rect` on every cell, drawn as one
        path (the frame and the inner lines, stroked once) and logged as the table's box."""
        x0, x1, y0, y1 = xs[0], xs[-1], ys[0], ys[-1]
        if isinstance(self.canvas, Canvas):
            # Each coordinate written once (to a thousandth of a point), then reused.
            left, right, bottom, top = (f"{v:.3f}" for v in (x0, x1, y0, y1))
            ops = [f"q {fp_str(width)} w n {left} {bottom} {x1 - x0:.3f} {y1 - y0:.3f} re"]
            ops += [f"{x} {bottom} m {x} {top} l" for x in [f"{x:.3f}" for x in xs[1:-1]]]
            ops += [f"{left} {y} m {right} {y} l" for y in [f"{y:.3f}" for y in ys[1:-1]]]
            ops.append("S Q")
            self.canvas.addLiteral("\n".join(ops))
        else:  # a recording canvas records the cells, as the window paints them
            self.canvas.setLineWidth(width)
            for bottom, top in pairwise(ys):
                for left, right in pairwise(xs):
                    self.canvas.rect(left, bottom, right - left, top - bottom)
        self.result.boxes.add(self.page, x0, y0, x1 - x0, y1 - y0)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6, dash: tuple | None = None) -> None:
        self.canvas.saveState()
        self.canvas.setLineWidth(width)
        if dash:
            self.canvas.setDash(*dash)
        self.canvas.line(x1, y1, x2, y2)
        self.canvas.restoreState()
        self.result.boxes.add(self.page, min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))

    def next_page(self) -> None:
        self.canvas.showPage()
        self.page += 1

    def refuse_if_clipped(self, error: type[UserError] = TextDoesNotFit) -> None:
        """Refuse (nothing is saved) when a text was cut at its floor size."""
        if self.result.clipped:
            raise error([f"{c}……放不下，请精简文字或改用更大的纸张" for c in self.result.clipped[:10]])


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
    return text.free_shape(value, width, style, chain)[1]


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table width
    align: str = "left"
    one_line: bool = False  # shrink a little rather than wrap (a date split in two reads badly)


@lru_cache(maxsize=256)
def cell_styles(column: Column, cell: TextStyle, tight: TextStyle) -> tuple[TextStyle, ...]:
    """The styles a cell tries in turn: wrap at the even size (or, for one-line columns,
    shrink a little), then shrink further only if the row is too short."""
    cell, tight = replace(cell, align=column.align), replace(tight, align=column.align)
    if column.one_line:  # shrink before wrapping, whatever the table's habit
        return replace(cell, shrink_first=True, wrap=False), replace(tight, shrink_first=True)
    return (exact(cell), cell, tight)


def column_edges(columns: tuple[Column, ...], x: float, width: float) -> list[tuple[float, float]]:
    """(left, width) of each column; shares are normalised to fill the width exactly."""
    total = sum(c.share for c in columns)
    edges, left = [], x
    for c in columns:
        w = width * c.share / total
        edges.append((left, w))
        left += w
    return edges
