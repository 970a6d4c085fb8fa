"""Cells for every workbook the program writes: text that Excel would run as a formula
(= + - @ first) stays text, and control characters (which openpyxl refuses with an
exception, after the clerk chose the file) become spaces."""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run
# openpyxl's ILLEGAL_CHARACTERS_RE, here so that openpyxl loads on export, not at start.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def plain(value: object) -> object:
    """`value` as a cell may hold it: text without control characters."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub(" ", value)
    return value


def append_row(sheet, values: Iterable[object]) -> None:
    """Append a row to a normal (not write-only) sheet; formula-like text stays text."""
    values = [plain(v) for v in values]
    sheet.append(values)
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if isinstance(value, str) and value.startswith(FORMULA_START):
            cell.data_type = "s"  # openpyxl made "=..." a formula; this keeps it a string
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


def text_cell(sheet, value: str):
    """A write-only cell Excel shows as text even when it starts like a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=plain(value))
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
