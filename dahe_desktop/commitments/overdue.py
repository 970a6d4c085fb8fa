"""Overdue commitments the clerk can act on: the list (longest overdue first within each
branch), exported to .xlsx for the branches, and the 督办 printout per branch
(`printouts/supervision.py`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from dahe_desktop import settings
from dahe_desktop.commitments import service
from dahe_desktop.commitments.records import CommitmentFilter, CommitmentRow
from dahe_desktop.exporting.cells import append_row
from dahe_desktop.safety.outputs import safe_output

if TYPE_CHECKING:  # the print engine and openpyxl load when printing or exporting, not at start
    from dahe_desktop.printing.document import PrintResult

# What the list shows and the workbook holds, in the clerk's words.
COLUMNS = ("支部", "姓名", "职务", "承诺领域", "承诺事项", "完成时间", "逾期天数", "状态", "达到的质量要求")
_WIDTHS = (18, 10, 14, 12, 40, 12, 10, 12, 30)


def overdue_list(year: int, branch_id: int | None = None, *, area: str | None = None, name: str = "",
                 today: dt.date | None = None) -> list[CommitmentRow]:  # fmt: skip
    """Late commitments of a year (confirmed, not done, past their date): by branch in
    roster order, the longest overdue first."""
    rows = service.list_commitments(
        CommitmentFilter(year, branch_id, area, None, name, overdue_only=True), today=today
    )
    order = {bid: i for i, bid in enumerate(dict.fromkeys(r.branch_id for r in rows))}
    return sorted(rows, key=lambda r: (order[r.branch_id], -r.overdue_days, r.member_id, r.seq))


def row_values(row: CommitmentRow) -> tuple:
    return (row.branch_name, row.member_name, row.position, row.area, row.content,
            row.due_date.isoformat() if row.due_date else "", row.overdue_days, row.status_text, row.quality)  # fmt: skip


def export_overdue(path: str | Path, rows: list[CommitmentRow], *, year: int, today: dt.date | None = None) -> int:
    """The overdue list as a workbook (one sheet, a title row with the date); returns
    how many commitments it holds. Written beside the target, then moved into place."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    today = today or dt.date.today()
    book = Workbook()
    sheet = book.active
    sheet.title = "逾期清单"
    sheet.append([f"{year}年度党员公开承诺逾期未完成清单（截至{today.isoformat()}，共{len(rows)}项）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(list(COLUMNS))
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.cell(row=2, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in rows:
        append_row(sheet, row_values(row))  # a commitment "=..." stays text
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    with safe_output(path) as temp:  # refused onto the data file or a backup, like every output
        book.save(str(temp))
    return len(rows)


def render_supervision_list(out: str | Path, year: int, branch_id: int | None = None, *, record: bool = False,
                            today: dt.date | None = None) -> PrintResult:  # fmt: skip
    """The 督办单 of every branch with overdue commitments (or of one branch), as the
    dialog previews and prints it and the CLI writes it. Nothing is recorded."""
    from dahe_desktop.commitments.printouts.supervision import SupervisionBranch, render_supervision

    groups: dict[str, list[CommitmentRow]] = {}
    for row in overdue_list(year, branch_id, today=today):
        groups.setdefault(row.branch_name, []).append(row)
    branches = [SupervisionBranch(name, rows) for name, rows in groups.items()]
    return render_supervision(branches, out, year=year, issuer=settings.get(settings.COMMITTEE_NAME),
                              today=today, record=record)  # fmt: skip
