"""Exporting members to `.xlsx` with the importer's headers, so a file can go out and back.

ID numbers are masked unless the clerk asks for them: an export is how personal data
leaves the PC, so the safe choice is the default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from dahe_desktop import labels, settings
from dahe_desktop.audit.viewing import members_exported
from dahe_desktop.exporting.cells import FORMULA_START, plain, text_cell
from dahe_desktop.roster.idcard import birth_month, mask_id_number_strict
from dahe_desktop.roster.members import in_roster_order
from dahe_desktop.safety.outputs import safe_output
from db.models import Branch, Member

SERIAL_HEADER = "序号"  # village rosters number their rows; the importer ignores this column
EXPORT_FIELDS = (
    "name", "sex", "ethnicity", "birth_date", "id_number", "education", "joined_party",
    "membership", "branch", "phone", "position", "category", "specialties", "services",
    "service_promise", "status", "status_date",
)  # fmt: skip
# Sensitive (health, age, disability: 老病残党员 is one of the categories): out unless ticked.
SENSITIVE_FIELDS = ("category",)
_DATE_FIELDS = {"birth_date", "joined_party", "status_date"}
_WIDTHS = {"name": 10, "sex": 6, "ethnicity": 8, "birth_date": 12, "id_number": 21, "education": 14,
           "joined_party": 12, "membership": 10, "branch": 18, "phone": 14, "position": 16,
           "category": 12, "specialties": 20, "services": 30, "service_promise": 30, "status": 8,
           "status_date": 14}  # fmt: skip
_QUERY_CHUNK = 900  # ids per IN (...) query, below SQLite's old 999-variable limit


def roster_member_ids(
    branch_id: int | None = None, statuses: Sequence[str] = (labels.STATUS_ACTIVE,)
) -> list[int]:
    """Member ids in roster order (branch order, then entry order) for the CLI's export."""
    query = in_roster_order(Member.id, branch_id=branch_id, statuses=statuses)
    return [row[0] for row in query.tuples()]


def export_roster(
    path: str | Path,
    member_ids: Sequence[int],
    *,
    include_id_numbers: bool = False,
    include_sensitive: bool = False,
    title: str | None = None,
) -> int:
    """Write the members, in the order given (the GUI's sorted, filtered view), to an
    .xlsx file: a title row, a frozen header row, real dates. Returns the row count.
    Masked ID numbers go with a year-month birth date; `SENSITIVE_FIELDS` are left out
    unless `include_sensitive`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    with safe_output(path) as temp:  # a kill or a full disk leaves the old file
        records = _member_records(member_ids)
        book = Workbook(write_only=True)
        sheet = book.create_sheet("花名册")
        fields = [f for f in EXPORT_FIELDS if include_sensitive or f not in SENSITIVE_FIELDS]
        width = len(fields) + 1
        sheet.column_dimensions["A"].width = 6
        for index, name in enumerate(fields, start=2):
            sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[name]
        sheet.freeze_panes = "C3"  # title and header stay, and so do 序号 and 姓名
        sheet.print_title_rows = "2:2"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.auto_filter.ref = f"A2:{get_column_letter(width)}{len(records) + 2}"

        if title is None:
            title = f"{settings.get(settings.TOWNSHIP_NAME)}党员花名册"
        heading = WriteOnlyCell(
            sheet, value=f"{title}（{dt.date.today():%Y年%m月%d日}导出，共{len(records)}人）"
        )
        heading.font = Font(bold=True, size=14)
        heading.alignment = Alignment(horizontal="center", vertical="center")
        sheet.row_dimensions[1].height = 28
        sheet.append([heading])
        sheet.merged_cells.add(f"A1:{get_column_letter(width)}1")

        bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
        centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header = []
        for text in (SERIAL_HEADER, *(labels.FIELD_LABELS[name] for name in fields)):
            cell = WriteOnlyCell(sheet, value=text)
            cell.font, cell.fill, cell.alignment = bold, fill, centre
            header.append(cell)
        sheet.append(header)

        for serial, record in enumerate(records, start=1):
            if not include_id_numbers:
                record["id_number"] = export_mask(record["id_number"])
                if record["birth_date"] is not None:  # the hidden digits are the birth date
                    record["birth_date"] = birth_month(record["birth_date"])
            row = [serial]
            for name in fields:
                value = record[name]
                if isinstance(value, str) and value.startswith(FORMULA_START):
                    row.append(text_cell(sheet, value))
                elif name in _DATE_FIELDS and isinstance(value, dt.date):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "yyyy-mm-dd"
                    row.append(cell)
                elif name in ("id_number", "phone"):
                    cell = WriteOnlyCell(sheet, value=value or None)
                    cell.number_format = "@"  # text, so Excel never turns them into 6.3E+17
                    row.append(cell)
                else:
                    row.append(plain(value) if value != "" else None)
            sheet.append(row)
        book.save(str(temp))
        if include_sensitive:  # who took the 老病残 categories out is logged
            members_exported([r["id"] for r in records])
    return len(records)


def export_mask(id_number: str | None) -> str:
    """The ID number as a masked export shows it: the birth date hidden and the check
    digit too, so the birth year-month beside it cannot rebuild the day
    (`632522********123*`: 28-31 equally likely days remain)."""
    return mask_id_number_strict(id_number)


def _member_records(member_ids: Sequence[int]) -> list[dict]:
    """Field values for the members, in the given order, in one query per chunk of ids."""
    by_id: dict[int, dict] = {}
    ids = list(member_ids)
    for start in range(0, len(ids), _QUERY_CHUNK):
        query = (
            Member.select(Member, Branch.name.alias("branch_name"))
            .join(Branch)
            .where(Member.id.in_(ids[start : start + _QUERY_CHUNK]))
            .dicts()
        )
        for row in query:
            row["branch"] = row.pop("branch_name")
            by_id[row["id"]] = row
    return [dict(by_id[i]) for i in ids if i in by_id]
