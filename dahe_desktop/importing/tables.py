"""Reading a spreadsheet as plain rows: `.xlsx`, old `.xls` and `.csv` as villages send them.

Every row keeps the number Excel shows beside it, so the clerk can find a bad row.
The file kind is told by its first bytes, not its name: WPS and e-mail often leave an
old `.xls` called `.xlsx` or the other way round.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

from dahe_desktop.importing import bounds
from dahe_desktop.importing.errors import ImportFileError

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_A_WORKBOOK = (
    "该文件名为Excel表格，但内容既不是Excel也不是文本表格，文件可能已损坏；请用Excel或WPS打开后另存为.xlsx再导入"
)


class _UnknownEncoding(ImportFileError):
    """Bytes in no encoding a spreadsheet program writes (the caller words the refusal)."""

    def __init__(self) -> None:
        super().__init__("无法识别该CSV文件的文字编码，请用Excel另存为.xlsx后再导入")


@dataclass
class SheetRows:
    """One sheet's rows as cell values (str, int, float, date, datetime or None)."""

    name: str
    rows: list[tuple[int, list[object]]]  # (row number as Excel shows it, cells)
    encoding: str | None = None  # for CSV: the detected text encoding
    notes: list[str] = field(default_factory=list)


def read_sheets(path: str | Path) -> Generator[SheetRows, None, None]:
    """The sheets of a spreadsheet file, first (active) sheet first."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise ImportFileError("找不到文件") from None
    except OSError as error:
        raise ImportFileError(f"无法打开文件（{error.strerror or error}）") from None
    if head.startswith(_ZIP_MAGIC):
        bounds.check_file_size(path, "xlsx")
        bounds.check_xlsx_parts(path)
        yield from _read_xlsx(path)
    elif head.startswith(_OLE2_MAGIC):
        bounds.check_file_size(path, "xls")
        yield from _read_xls(path)
    elif path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        # Not a workbook inside: some systems save CSV or HTML text with an Excel name.
        if head.lstrip().lower().startswith((b"<", b"\xef\xbb\xbf<")):
            raise ImportFileError(
                "该文件不是Excel表格（可能是网页格式），请用Excel或WPS另存为.xlsx后再导入"
            )
        if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ImportFileError(_NOT_A_WORKBOOK)
        bounds.check_file_size(path, "csv")
        try:
            yield _read_csv(path, guess=False)
        except _UnknownEncoding:  # a PDF, a picture, random bytes: not "a CSV" to the clerk
            raise ImportFileError(_NOT_A_WORKBOOK) from None
    else:
        bounds.check_file_size(path, "csv")
        yield _read_csv(path)


def _read_xlsx(path: Path) -> Generator[SheetRows, None, None]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise ImportFileError(
            f"无法读取该Excel文件（{type(error).__name__}），文件可能已损坏或被加密"
        ) from None
    try:
        sheets = list(book.worksheets)
        active = book.active
        if active in sheets:
            sheets.remove(active)
            sheets.insert(0, active)
        for sheet in sheets:
            if not hasattr(sheet, "iter_rows"):  # a chart sheet
                continue
            # Some writers store a wrong sheet size; read every row actually present.
            sheet.reset_dimensions()
            rows = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if any(v is not None and v != "" for v in values):
                    bounds.check_cells(number, values)
                    rows.append((number, list(values)))
                if number > bounds.MAX_ROWS:
                    raise bounds.ImportBoundsError(bounds.too_many_rows())
            yield SheetRows(name=sheet.title, rows=rows)
    finally:
        book.close()


def _read_xls(path: Path) -> Generator[SheetRows, None, None]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception:  # xlrd's reasons are English and technical: the clerk needs what to do
        raise ImportFileError(
            "无法读取该.xls文件（文件已损坏或版本太旧），请用Excel或WPS另存为.xlsx后再导入"
        ) from None
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = []
            for r in range(sheet.nrows):
                if r >= bounds.MAX_ROWS:
                    raise bounds.ImportBoundsError(bounds.too_many_rows())
                values = [_xls_value(cell, book.datemode) for cell in sheet.row(r)]
                if any(v is not None and v != "" for v in values):
                    bounds.check_cells(r + 1, values)
                    rows.append((r + 1, values))
            yield SheetRows(name=sheet.name, rows=rows)
    finally:
        book.release_resources()


def _xls_value(cell, datemode: int) -> object:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
        return value.date() if value.time() == dt.time() else value
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    return cell.value


def _read_csv(path: Path, guess: bool = True) -> SheetRows:
    data = path.read_bytes()
    text, encoding = decode_text(data, guess=guess)
    # Excel writes commas; "Unicode text" (UTF-16) and some systems write tabs.
    sample = text[:4096]
    dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    rows = []
    reader = csv.reader(_bounded_lines(text), dialect)
    try:
        for number, values in enumerate(reader, start=1):
            if number > bounds.MAX_ROWS:
                raise bounds.ImportBoundsError(bounds.too_many_rows())
            bounds.check_columns(number, values)
            cells: list[object] = [v if v.strip() else None for v in values]
            if any(v is not None for v in cells):
                bounds.check_cells(number, cells)
                rows.append((number, cells))
    except csv.Error:  # a field past the csv module's limit (128K characters), a stray NUL
        raise bounds.ImportBoundsError(
            f"第{reader.line_num}行附近的内容不像表格（一个格子过长或含有无法识别的字符），未导入；请用Excel另存为.xlsx后再导入"
        ) from None
    return SheetRows(name=path.stem, rows=rows, encoding=encoding)


def _bounded_lines(text: str) -> Generator[str, None, None]:
    """The lines of `text` for the csv reader, refusing a line too long to be a row."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > bounds.MAX_LINE_CHARS:
            raise bounds.ImportBoundsError(
                f"第{number}行长达{len(line)}个字，不像表格的一行，未导入；请用Excel另存为.xlsx后再导入"
            )
        yield line


def decode_text(data: bytes, guess: bool = True) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (with or without BOM), UTF-16 with BOM,
    GBK/GB18030 (what Chinese Excel writes for "CSV"), else charset-normalizer's guess
    (unless not `guess`: then `_UnknownEncoding`)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        try:
            data.decode("gbk")
            return text, "GBK"
        except UnicodeDecodeError:
            return text, "GB18030"
    if not guess:
        raise _UnknownEncoding()
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ImportFileError("无法识别该CSV文件的文字编码，请用Excel另存为.xlsx后再导入")
    return str(best), best.encoding
