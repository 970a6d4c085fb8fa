"""The audit log as the clerk reads it: filtered by member, table and dates, with field
names in Chinese, and exported to .xlsx. Entries are written by `db.audit`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dahe_desktop import labels, settings
from dahe_desktop.errors import UserError
from dahe_desktop.exporting.cells import plain
from dahe_desktop.safety.labels import AUDIT_TABLES
from dahe_desktop.safety.outputs import safe_output
from dahe_desktop.textnorm import clean_text
from db import audit
from db.models import AuditEntry, Member

MAX_ROWS = 10_000
COMMITMENT_FIELDS = {"area": "承诺类别", "content": "承诺内容", "due_date": "完成时限", "quality": "质量要求",
                     "status": "状态", "status_reason": "原因", "done_date": "完成日期", "verified_how": "核实方式",
                     "verified_by": "核实人", "is_draft": "草稿", "member": "党员", "year": "年度"}  # fmt: skip  # what a viewer shows at once; the export takes the same filter
# Other tables' fields where the member words (labels.FIELD_LABELS) do not fit.
TABLE_FIELDS = {
    "commitment": COMMITMENT_FIELDS,
    "branch": {"name": "支部名称", "kind": "支部类型", "village": "所在村", "secretary": "支部书记"},
    "household": {"head": "户主", "settlement": "居住点", "people": "家庭人口", "kind": "户类别",
                  "away_member": "外出党员", "notes": "备注"},
    "pairing_helper": {"role": "身份", "settlement": "居住点", "max_households": "最多联系户数", "branch": "所在支部"},
    "post_type": {"name": "岗位名称", "duties": "默认职责任务", "targets": "默认年度目标", "in_use": "在用"},
    "branch_post": {"seats": "名额", "duties": "职责任务", "targets": "年度目标"},
    "post_appointment": {"duties": "职责任务", "targets": "年度目标"},
}  # fmt: skip


_POSTS = ("post_selection", "ballot_entry", "ballot_count", "post_candidate", "tie_decision", "post_appointment")
_APPRAISAL = ("appraisal_run", "appraisal_subject")  # appraisal_score: the fields are the rubric's item names


@cache
def _feature_fields() -> dict[str, dict[str, str]]:
    """The features' own field names, read when a log is first shown (every start opens
    this module; the appraisal's and posts' modules are not needed for that)."""
    from dahe_desktop.appraisal import runs as appraisal_runs
    from dahe_desktop.pairing import labels as pairing_labels
    from dahe_desktop.posts import history as posts_history

    return ({t: posts_history.FIELDS for t in _POSTS} | {t: appraisal_runs.FIELDS for t in _APPRAISAL}
            | {"household": pairing_labels.HOUSEHOLD_FIELDS})  # fmt: skip


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


def field_label(table: str, field: str) -> str:
    """A field's name as the clerk reads it."""
    if field == audit.CREATED:
        return "新建"
    if field == audit.DELETED:
        return "删除"
    if field == audit.VIEWED:
        return "查看"
    if table == "setting":
        return "值"
    if field in (feature := _feature_fields()).get(table, {}):
        return feature[table][field]
    return TABLE_FIELDS.get(table, {}).get(field) or labels.FIELD_LABELS.get(field, field)


def list_entries(*, member_id: int | None = None, member_name: str = "", table: str | None = None,
                 since: dt.date | None = None, until: dt.date | None = None,
                 limit: int = MAX_ROWS) -> list[AuditRow]:  # fmt: skip
    """Newest first. `member_id` (or a part of the name, `member_name`) keeps those
    members' own records; a member's record shows as `name（id）`."""
    query = AuditEntry.select().order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if member_id is not None:
        query = query.where((AuditEntry.table == "member") & (AuditEntry.record == str(member_id)))
    if clean_text(member_name):
        ids = [str(i) for (i,) in Member.select(Member.id).where(Member.name.contains(clean_text(member_name))).tuples()]
        query = query.where((AuditEntry.table == "member") & (AuditEntry.record.in_(ids or ["-"])))
    if table:
        query = query.where(AuditEntry.table == table)
    if since:
        query = query.where(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
    if until:
        query = query.where(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    found = list(query.limit(limit).dicts())
    member_ids = {int(r["record"]) for r in found if r["table"] == "member" and r["record"].isdigit()}
    names = dict(Member.select(Member.id, Member.name).where(Member.id.in_(list(member_ids))).tuples()) if member_ids else {}
    return [
        AuditRow(at=row["at"], clerk=row["clerk"], table=AUDIT_TABLES.get(row["table"], row["table"]),
                 record=_record_label(row, names), field=field_label(row["table"], row["field"]),
                 old=row["old"] or "", new=_new_label(row))  # fmt: skip
        for row in found
    ]


def _new_label(row: dict) -> str:
    """A viewing names the fields shown (keys in the log, Chinese here)."""
    if row["field"] == audit.VIEWED:
        return "、".join(field_label(row["table"], f) for f in (row["new"] or "").split(",") if f)
    return row["new"] or ""


def _record_label(row: dict, names: dict[int, str]) -> str:
    if row["table"] == "member" and row["record"].isdigit() and int(row["record"]) in names:
        return f"{names[int(row['record'])]}（{row['record']}）"
    if row["table"] == "setting":
        option = settings.OPTIONS.get(row["record"])
        return option.label if option else row["record"]
    return row["record"]


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
                cell = WriteOnlyCell(sheet, value=plain(value))  # no control character
                cell.data_type = "s"  # never a formula, whatever the old value was
                cells.append(cell)
            sheet.append(cells)
        book.save(str(temp))
    return len(rows)
