"""Workbooks that go to the villages: a blank roster template to fill in, and the rows
the import could not take, as written, with why, to correct and send back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dahe_desktop import labels
from dahe_desktop.exporting.cells import append_row
from dahe_desktop.importing.roster import ImportPreview
from dahe_desktop.safety.outputs import safe_output

# The template's columns: what a village roster holds, in the program's own headers.
TEMPLATE_FIELDS = ("name", "sex", "ethnicity", "birth_date", "id_number", "education", "joined_party",
                   "membership", "branch", "phone", "position", "category", "specialties", "services",
                   "service_promise")  # fmt: skip
# One example row (a made-up person with a valid check digit), to be overwritten.
EXAMPLE = {
    "name": "卓玛才让", "sex": "女", "ethnicity": "藏族", "birth_date": "1985-03-12",
    "id_number": "632522198503120006", "education": "高中", "joined_party": "2008-07-01",
    "membership": "正式党员", "branch": "大河村党支部", "phone": "13912345670",
    "position": "村委会委员", "category": "一般党员", "specialties": "畜牧养殖",
    "services": "政策宣传；畜病防治", "service_promise": "随叫随到，有求必应",
}  # fmt: skip
_BOLD = Font(bold=True)
_EXAMPLE_FONT = Font(color="808080", italic=True)
_PROBLEM_FILL = PatternFill("solid", fgColor="FDE7E9")


def write_template(path: str | Path) -> Path:
    """A blank roster (.xlsx): the headers the import reads, one grey example row.
    ID numbers and phones are text columns, so Excel keeps all their digits."""
    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append([labels.FIELD_LABELS[f] for f in TEMPLATE_FIELDS])
    sheet.append([EXAMPLE[f] for f in TEMPLATE_FIELDS])
    for index, field in enumerate(TEMPLATE_FIELDS, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = _BOLD
        sheet[f"{letter}2"].font = _EXAMPLE_FONT
        sheet.column_dimensions[letter].width = 22 if field in ("id_number", "services", "service_promise") else 13
        if field in ("id_number", "phone", "birth_date", "joined_party"):
            for row in range(2, 502):
                sheet[f"{letter}{row}"].number_format = "@"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("填表说明")
    for line in (
        "第一行是列名，请勿修改；第二行是示例（虚构人员），填写时请覆盖或删除。",
        "必填：姓名、性别、民族、出生日期、所在支部；身份证号请填18位，用于识别同一名党员。",
        "日期可写 1985-03-12、1985.03 或 1985年3月；民族写全称，如 藏族、回族、汉族。",
        "再次报送时按身份证号更新：电话、职务、文化程度、支部等有变动的会更新，空着的格子保留原有内容。",
        "表末的“合计”行会被跳过。",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    return _save(book, path)


def write_bad_rows(preview: ImportPreview, path: str | Path) -> Path:
    """The rows that could not be imported, as written (the file's own headers), with
    their Excel row number and the reasons, to correct in the village."""
    book = Workbook()
    sheet = book.active
    sheet.title = "需改正的行"
    header = ["原表行号", *(h or f"第{i + 1}列" for i, h in enumerate(preview.header_cells)), "问题"]
    append_row(sheet, header)
    for bad in preview.bad:
        cells = [_cell(c) for c in bad.cells[: len(preview.header_cells)]]
        cells += [None] * (len(preview.header_cells) - len(cells))
        append_row(sheet, [bad.row, *cells, bad.text])  # the village's "=..." stays text
        problem = sheet.cell(row=sheet.max_row, column=len(header))
        problem.fill = _PROBLEM_FILL
        problem.alignment = Alignment(wrap_text=True, vertical="top")
    for index in range(1, len(header) + 1):
        sheet.cell(row=1, column=index).font = _BOLD
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.column_dimensions[get_column_letter(len(header))].width = 60
    sheet.freeze_panes = "B2"
    return _save(book, path)


def _cell(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e10:
        return str(int(value))  # a long number (an ID typed as a number) stays readable
    return value


def _save(book: Workbook, path: str | Path) -> Path:
    """Written beside the target and moved into place: a failed save leaves no half file,
    and never over the data file or a backup."""
    with safe_output(path) as temp:
        book.save(str(temp))
    return Path(path)
