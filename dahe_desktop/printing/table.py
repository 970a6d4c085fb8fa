"""A ruled table that flows over pages: the header row repeats on every page, each row
is as tall as its tallest cell at the table's even size. The painter owns the page (its
title, running head, folio); the table tells it when a row no longer fits."""

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
    pad: float = 1.6 * mm
    header_h: float = 9 * mm
    min_row: float = 7.5 * mm


class TableFlow:
    """Rows of text under `columns`, from `x` across `width`, in `drawer`'s pages."""

    def __init__(self, drawer: Drawer, columns: Sequence[Column], x: float, width: float,
                 style: TableStyle = TableStyle()) -> None:  # fmt: skip
        self.d, self.columns, self.style = drawer, tuple(columns), style
        self.edges = column_edges(self.columns, x, width)

    def _styles(self, column: Column) -> tuple[TextStyle, ...]:
        return cell_styles(column, self.style.cell, self.style.tight)

    def row_height(self, values: Sequence[str]) -> float:
        pad = self.style.pad
        tallest = max(
            (needed_height(v, w - 2 * pad, self._styles(c)[0], self.d.body_chain) if v else 0.0)
            for v, (_, w), c in zip(values, self.edges, self.columns, strict=True)
        )
        return max(tallest + 1.6 * pad, self.style.min_row)

    def header(self, y: float) -> float:
        """Draw the header row with its top at `y`; returns the y under it."""
        h = self.style.header_h
        for (left, w), c in zip(self.edges, self.columns, strict=True):
            self._cell(c.title, Box(left, y - h, w, h), (replace(self.style.header, align="center"),), title=True)
        return y - h

    def row(self, values: Sequence[str], y: float, height: float | None = None, who: str = "") -> float:
        height = height or self.row_height(values)
        for v, (left, w), c in zip(values, self.edges, self.columns, strict=True):
            self._cell(v, Box(left, y - height, w, height), self._styles(c), who=who)
        return y - height

    def flow(self, rows: Sequence[Sequence[str]], y: float, bottom: float,
             new_page: Callable[[], float], who: Callable[[int], str] = lambda i: "") -> float:  # fmt: skip
        """Draw the header and every row from `y` down to `bottom`; when a row does not
        fit, `new_page()` starts a page and says where the table goes on (the header is
        drawn again there). Returns the y under the last row."""
        y = self.header(y)
        for index, values in enumerate(rows):
            height = self.row_height(values)
            if y - height < bottom:
                y = self.header(new_page())
            y = self.row(values, y, height, who(index))
        return y

    def _cell(self, value: str, box: Box, styles: tuple[TextStyle, ...], *, title: bool = False, who: str = "") -> None:
        self.d.rect(box)
        if value:
            pad = self.style.pad
            inner = Box(box.x + pad, box.y + pad * 0.8, box.width - 2 * pad, box.height - 1.6 * pad)
            self.d.text(value, inner, styles, title=title, who=who)
