"""Limits an import file must keep before it is read: size, zip expansion (zip bombs),
rows and cell lengths. A hostile or broken file is refused within seconds and in
bounded memory, saying what was wrong, instead of filling the PC's memory."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from dahe_desktop.importing.errors import ImportFileError

MAX_FILE_BYTES = 50 * 1024 * 1024  # a county's 30,000 members fit in a few MB
MAX_XLS_BYTES = 30 * 1024 * 1024  # xlrd reads an .xls whole into memory
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024  # all parts of an .xlsx, expanded
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024  # openpyxl keeps every shared string in memory
MAX_RATIO = 100  # expanded/compressed for a large part: real sheets stay far below
MAX_ROWS = 200_000
MAX_COLUMNS = 200  # a roster has about 20; a cell at column XFD makes openpyxl build 16,384
MAX_CELLS = 2_000_000  # 30,000 members of 20 columns are 600,000; each cell costs ~100 bytes read
MAX_CELL_CHARS = 2_000
MAX_LINE_CHARS = 200_000  # one CSV line: the csv module builds the whole row in memory

# A row tag, or a cell tag with its column letters when it has an `r` attribute.
_TAG = re.compile(rb"<(?:\w{1,8}:)?(?:(row)[\s>/]|c[\s>/](?:[^>]{0,200}?\br=\"([A-Z]{1,3})\d)?)")
_TAIL = 256  # bytes kept between chunks: longer than any tag the pattern reads


class ImportBoundsError(ImportFileError):
    """The file is too large or not shaped like a roster; nothing was read."""


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}MB"


def check_file_size(path: Path, kind: str) -> None:
    limit = MAX_XLS_BYTES if kind == "xls" else MAX_FILE_BYTES
    size = path.stat().st_size
    if size > limit:
        raise ImportBoundsError(f"文件太大（{_mb(size)}，最多{_mb(limit)}），不像要导入的表格；请只保留要导入的那张表后再导入")


def check_xlsx_parts(path: Path) -> None:
    """Refuse a zip bomb before openpyxl expands it, and count the rows of each sheet
    by streaming its XML (a second or so for a million rows)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # openpyxl says the file is damaged, in its own words
    with archive:
        parts = archive.infolist()
        total = sum(part.file_size for part in parts)
        if total > MAX_UNZIPPED_BYTES:
            raise ImportBoundsError(f"该Excel文件解压后达{_mb(total)}（最多{_mb(MAX_UNZIPPED_BYTES)}），不像要导入的表格，未导入")
        for part in parts:
            if part.file_size > 1024 * 1024 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                raise ImportBoundsError("该Excel文件的压缩比异常（可能是“压缩炸弹”），未导入；请用Excel另存为后再试")
            if part.filename.endswith("sharedStrings.xml") and part.file_size > MAX_SHARED_STRINGS_BYTES:
                raise ImportBoundsError(f"该Excel文件的文字部分达{_mb(part.file_size)}，不像要导入的表格，未导入")
        for part in parts:
            if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                _check_sheet_xml(archive, part)


def _check_sheet_xml(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Count rows and the columns of each row from the sheet's XML, in bounded memory:
    openpyxl builds a whole row before the reader sees it, padded up to its last cell,
    so one row of a million cells, or rows with a cell at column XFD, fill the memory."""
    rows = column = cells = 0
    tail = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(1 << 20)
            data = tail + chunk
            limit = len(data) - _TAIL if chunk else len(data)  # the last chunk: read it all
            for match in _TAG.finditer(data):
                if match.start() >= limit:
                    break
                if match[1]:
                    rows, column = rows + 1, 0
                    if rows > MAX_ROWS:
                        raise ImportBoundsError(too_many_rows())
                    continue
                column = _column_index(match[2]) if match[2] else column + 1
                cells += 1
                if column > MAX_COLUMNS:
                    raise ImportBoundsError(too_many_columns(rows))
                if cells > MAX_CELLS:
                    raise ImportBoundsError(too_many_cells())
            if not chunk:
                return
            tail = data[max(limit, 0):]


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index


def too_many_rows() -> str:
    return f"表格超过{MAX_ROWS}行，不像一个乡镇的数据；请分成几个文件导入"


def too_many_cells() -> str:
    return f"表格有超过{MAX_CELLS}个格子，不像一个乡镇的数据，未导入；请只保留需要的行和列，或分成几个文件导入"


def too_many_columns(row: int) -> str:
    where = f"第{row}行" if row else "表格中"
    return f"{where}有超过{MAX_COLUMNS}列的内容，不像要导入的表格，未导入；请只保留需要的列，或用Excel另存为后再试"


def check_columns(number: int, values: list[object]) -> None:
    if len(values) > MAX_COLUMNS:
        raise ImportBoundsError(too_many_columns(number))


def check_cells(number: int, values: list[object]) -> None:
    for value in values:
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise ImportBoundsError(
                f"第{number}行有一个格子长达{len(value)}个字（最多{MAX_CELL_CHARS}），不像表格的内容，未导入；请检查该行"
            )
