"""Small files shaped to fill the memory: one row of a million cells, rows with a cell at
column XFD (openpyxl pads every row up to it), a CSV line of 40 MB, a field past the
csv module's limit. Each is refused from its shape before the reader builds the rows,
for every importer (they share the reader)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dahe_desktop.importing import ImportFileError, bounds, preview_roster_import
from dahe_desktop.importing.households import preview_household_import
from dahe_desktop.importing.tables import read_sheets
from tests.fixtures.rosters import HEADER, write_xlsx

_SHEET_HEAD = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>"
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def with_sheet_xml(tmp_path: Path, body: bytes) -> Path:
    """A real workbook (openpyxl opens it) whose first sheet's XML is `body`."""
    path = write_xlsx(tmp_path / "base.xlsx", [HEADER])
    out = tmp_path / "shaped.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = _SHEET_HEAD + body + _SHEET_TAIL
            target.writestr(item.filename, data, zipfile.ZIP_STORED)  # no ratio to trip on
    return out


def read_all(path: Path) -> list:
    return [sheet.rows for sheet in read_sheets(path)]


def test_rows_with_a_cell_at_a_far_column_are_refused_from_the_xml(tmp_path):
    # 166 KB on disk took 40 s and 2.6 GB before: every row padded to 16,384 cells.
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="XFD%d"><v>1</v></c></row>' % (i, i, i)
                    for i in range(1, 200))  # fmt: skip
    path = with_sheet_xml(tmp_path, rows)
    with pytest.raises(ImportFileError) as refused:
        read_all(path)
    assert refused.value.lines == [bounds.too_many_columns(1)]
    assert "超过200列" in refused.value.lines[0]


def test_one_row_of_many_cells_without_references_is_refused(tmp_path):
    cells = b"<c t=\"inlineStr\"><is><t>x</t></is></c>" * 50_000  # ~2 MB: several read chunks
    path = with_sheet_xml(tmp_path, b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2">' + cells + b"</row>")
    with pytest.raises(ImportFileError) as refused:
        preview_household_import(path)
    assert refused.value.lines == [bounds.too_many_columns(2)]


def test_a_sheet_inside_the_column_limit_is_read(tmp_path):
    cells = b"".join(b'<c r="%s1" t="inlineStr"><is><t>v</t></is></c>' % col for col in (b"A", b"B", b"GR"))
    path = with_sheet_xml(tmp_path, b'<row r="1">' + cells + b"</row>")  # GR is column 200
    [rows] = read_all(path)
    assert rows[0][0] == 1 and len(rows[0][1]) == 200


def test_column_letters_count_as_excel_counts_them():
    assert [bounds._column_index(c) for c in (b"A", b"Z", b"AA", b"GR", b"XFD")] == [1, 26, 27, 200, 16384]


def test_a_csv_line_too_long_for_a_row_is_refused(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("户主,所在村,居住点,家庭人口\n" + "x" * (bounds.MAX_LINE_CHARS + 1), encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        preview_household_import(path)
    assert refused.value.lines[0].startswith("第2行长达")


def test_a_csv_row_of_too_many_fields_is_refused(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("姓名,性别\n" + "x," * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        preview_roster_import(path)
    assert refused.value.lines == [bounds.too_many_columns(2)]


def test_a_csv_field_past_the_csv_limit_is_refused_in_chinese(tmp_path):
    # A quoted field over many lines passes the line bound but not the csv module's
    # 128K limit: that was a traceback ("field larger than field limit").
    path = tmp_path / "quoted.csv"
    path.write_text('姓名,性别\n"' + ("x" * 1000 + "\n") * 200 + '",男\n', encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        preview_roster_import(path)
    assert "不像表格" in refused.value.lines[0]


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\n" + bytes(range(128, 256)) * 40,  # a PDF saved under an Excel name
    bytes((i * 37) % 255 + 1 for i in range(20_000)),  # bytes with no NUL, in no encoding
])  # fmt: skip
def test_a_file_named_xlsx_in_no_text_encoding_is_not_called_a_csv(db, tmp_path, data):
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as refused:
        preview_roster_import(path)
    assert refused.value.lines[0].startswith("该文件名为Excel表格，但内容既不是Excel也不是文本表格")


def test_a_sheet_of_too_many_cells_is_refused_from_the_xml(tmp_path, monkeypatch):
    # 50,000 rows of 100 numbers (34 MB, under every other limit) took minutes and GBs.
    monkeypatch.setattr(bounds, "MAX_CELLS", 500)
    rows = b"".join(b'<row r="%d">' % r + b"<c><v>7</v></c>" * 20 + b"</row>" for r in range(1, 30))
    with pytest.raises(ImportFileError) as refused:
        read_all(with_sheet_xml(tmp_path, rows))
    assert refused.value.lines == [bounds.too_many_cells()]
