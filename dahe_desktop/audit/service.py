"""The audit log as the clerk reads it: filtered by member, table and dates, with field
names in Chinese, and exported to .xlsx. Entries are written by `db.audit`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dahe_desktop import labels, settings
from dahe_desktop.errors import UserError
from dahe_desktop.safety.labels import TABLES
from dahe_desktop.safety.outputs import safe_output
from dahe_desktop.textnorm import clean_text
from db import audit
from db.models import AuditEntry

MAX_ROWS = 10_000  # what a viewer shows at once; the export takes the same filter


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    clerk: str
    table: str  # Chinese
    record: str
    field: str  # Chinese
    old: str
    new: str


def start(clerk: str | None = None) -> None:
    """Attribute this session's changes to the township's clerk (setting 经办人)."""
    audit.set_default_clerk(clerk if clerk is not None else settings.get(settings.CLERK_NAME))


def save_clerk(name: str) -> None:
    """The clerk's name, asked at first start: every change after this carries it."""
    name = clean_text(name)
    if not name or len(name) > 20:
        raise UserError("请填写经办人姓名（最多20个字）")
    settings.put(settings.CLERK_NAME, name)
    audit.set_default_clerk(name)


def _field_label(table: str, field: str) -> str:
    if field == audit.CREATED:
        return "新建"
    if table == "setting":
        return "设置值"
    return labels.FIELD_LABELS.get(field, field)


def list_entries(*, member_id: int | None = None, table: str | None = None,
                 since: dt.date | None = None, until: dt.date | None = None,
                 limit: int = MAX_ROWS) -> list[AuditRow]:  # fmt: skip
    """Newest first. `member_id` keeps the member's own records (table member)."""
    query = AuditEntry.select().order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if member_id is not None:
        query = query.where((AuditEntry.table == "member") & (AuditEntry.record == str(member_id)))
    if table:
        query = query.where(AuditEntry.table == table)
    if since:
        query = query.where(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
    if until:
        query = query.where(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    return [
        AuditRow(at=row["at"], clerk=row["clerk"], table=TABLES.get(row["table"], row["table"]),
                 record=row["record"], field=_field_label(row["table"], row["field"]),
                 old=row["old"] or "", new=row["new"] or "")  # fmt: skip
        for row in query.limit(limit).dicts()
    ]


HEADERS = ("时间", "经办人", "类别", "记录", "项目", "原值", "新值")


def export_entries(path: str | Path, rows: list[AuditRow]) -> int:
    """The rows to an .xlsx (written beside and renamed into place); cells are text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    with safe_output(path) as temp:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("修改记录")
        sheet.append(list(HEADERS))
        for row in rows:
            cells = []
            for value in (f"{row.at:%Y-%m-%d %H:%M:%S}", row.clerk, row.table, row.record,
                          row.field, row.old, row.new):  # fmt: skip
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # never a formula, whatever the old value was
                cells.append(cell)
            sheet.append(cells)
        book.save(str(temp))
    return len(rows)
