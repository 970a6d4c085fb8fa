"""A ruled table that flows over pages: the header row repeats on every page, each row
is as tall as its tallest cell at the table's even size. The painter owns the page (its
title, running head, folio); the table tells it when a row no longer fits. Every table
of every printout is one of these: the official papers' (`OfficialPaper.table`) differ
only in their `TableStyle`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from reportlab.lib.units import mm

from dahe_desktop.printing.document import Column, Drawer, cell_styles, column_edges, needed_height
from dahe_desktop.printing.text import Box, TextStyle


@dataclass(frozen=True)
class TableStyle:
    # Titles wrap before they shrink: a narrow column's title reads better on two lines.
    header: TextStyle = TextStyle(size=10.5, min_size=8, leading=1.15, align="center", valign="middle", bold=True,
                                  shrink_first=False)  # fmt: skip
    cell: TextStyle = TextStyle(size=10.5, min_size=9.5, leading=1.2, valign="middle")
    tight: TextStyle = TextStyle(size=10.5, min_size=7, leading=1.2, valign="middle")
    pad: float = 1.6 * mm  # left and right of a cell's text
    pad_v: float = 0.8  # above and below it, as a share of `pad`
    header_h: float | None = 9 * mm  # None: as tall as the titles need
    min_row: float = 7.5 * mm
    title_face: bool = True  # the titles in the title face (else the body face, bold)


class TableFlow:
    """Rows of text under `columns`, from `x` across `width`, in `drawer`'s pages."""

    def __init__(self, drawer: Drawer, columns: Sequence[Column], x: float, width: float,
                 style: TableStyle = TableStyle()) -> None:  # fmt: skip
        self.d, self.columns, self.style = drawer, tuple(columns), style
        self.edges = column_edges(self.columns, x, width)

    def _styles(self, column: Column) -> tuple[TextStyle, ...]:
        return cell_styles(column, self.style.cell, self.style.tight)

    def row_height(self, values: Sequence[str], styles: Sequence[TextStyle] | None = None) -> float:
        """As tall as the tallest cell's text at its first style, with the padding."""
        pad = self.style.pad
        firsts = styles or [self._styles(c)[0] for c in self.columns]
        tallest = max(
            (needed_height(v, w - 2 * pad, style, self.d.body_chain) if v else 0.0)
            for v, (_, w), style in zip(values, self.edges, firsts, strict=True)
        )
        return max(tallest + 2 * self.style.pad_v * pad, self.style.min_row)

    def header_height(self) -> float:
        if self.style.header_h is not None:
            return self.style.header_h
        return self.row_height([c.title for c in self.columns], [self.style.header] * len(self.columns))

    def header(self, y: float) -> float:
        """Draw the header row with its top at `y`; returns the y under it."""
        h = self.header_height()
        for (left, w), c in zip(self.edges, self.columns, strict=True):
            self._cell(c.title, Box(left, y - h, w, h), (replace(self.style.header, align="center"),),
                       title=self.style.title_face)  # fmt: skip
        return y - h

    def row(self, values: Sequence[str], y: float, height: float | None = None, who: str = "") -> float:
        height = height or self.row_height(values)
        for v, (left, w), c in zip(values, self.edges, self.columns, strict=True):
            self._cell(v, Box(left, y - height, w, height), self._styles(c), who=who)
        return y - height

    def flow(self, rows: Sequence[Sequence[str]], y: float, bottom: float,
             new_page: Callable[[], float], who: Callable[[int], str] = lambda i: "",
             max_row: float | None = None) -> float:  # fmt: skip
        """Draw the header and every row from `y` down to `bottom`; when a row does not
        fit, `new_page()` starts a page and says where the table goes on (the header is
        drawn again there). `max_row`: the most a row may take (a page under its header):
        a taller row's text shrinks to fit instead of running off the page. Returns the y
        under the last row."""
        y = self.header(y)
        for index, values in enumerate(rows):
            height = self.row_height(values)
            if max_row is not None:
                height = min(height, max_row)
            if y - height < bottom:
                y = self.header(new_page())
            y = self.row(values, y, height, who(index))
        return y

    def _cell(self, value: str, box: Box, styles: tuple[TextStyle, ...], *, title: bool = False, who: str = "") -> None:
        self.d.rect(box)
        if value:
            pad, pad_v = self.style.pad, self.style.pad_v * self.style.pad
            inner = Box(box.x + pad, box.y + pad_v, box.width - 2 * pad, box.height - 2 * pad_v)
            self.d.text(value, inner, styles, title=title, who=who)
