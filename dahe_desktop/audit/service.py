"""The audit log as the clerk reads it: filtered by member, table and dates, with field
names in Chinese, and exported to .xlsx. Entries are written by `db.audit`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peewee import chunked

from dahe_desktop import labels, settings
from dahe_desktop.audit.viewing import LOGGED_SENSITIVE, audit_values_shown
from dahe_desktop.errors import UserError
from dahe_desktop.exporting.cells import plain
from dahe_desktop.roster.idcard import mask_id_number_strict
from dahe_desktop.safety.labels import AUDIT_TABLES
from dahe_desktop.safety.outputs import safe_output
from dahe_desktop.textnorm import clean_text
from db import audit
from db.models import AuditEntry, Branch, Household, Inspection, Member, Team, Township

MAX_ROWS = 10_000
COMMITMENT_FIELDS = {"area": "承诺类别", "content": "承诺内容", "due_date": "完成时限", "quality": "质量要求",
                     "status": "状态", "status_reason": "原因", "done_date": "完成日期", "verified_how": "核实方式",
                     "verified_by": "核实人", "is_draft": "草稿", "member": "党员", "year": "年度"}  # fmt: skip  # what a viewer shows at once; the export takes the same filter
# Other tables' fields where the member words (labels.FIELD_LABELS) do not fit.
TABLE_FIELDS = {
    "commitment": COMMITMENT_FIELDS,
    "member": {"pairing_settlement": "结对居住点", "pairing_max": "最多联系户数", "pairing_committee": "支委"},
    "branch": {"name": "支部名称", "kind": "支部类型", "village": "所在村", "secretary": "支部书记"},
    "household": {"head": "户主", "settlement": "居住点", "people": "家庭人口", "kind": "户类别",
                  "away_member": "外出党员", "notes": "备注"},
    "pairing_helper": {"role": "身份", "settlement": "居住点", "max_households": "最多联系户数", "branch": "所在支部"},
    "post_type": {"name": "岗位名称", "duties": "默认职责任务", "targets": "默认年度目标", "in_use": "在用"},
    "branch_post": {"seats": "名额", "duties": "职责任务", "targets": "年度目标"},
    "team": {"households": "帮带困难户"},
    "post_appointment": {"duties": "职责任务", "targets": "年度目标"},
}  # fmt: skip


_POSTS = ("post_selection", "branch_post", "post_application", "ballot_entry", "ballot_count", "post_candidate",
          "tie_decision", "post_appointment", "duty_log")  # fmt: skip
_APPRAISAL = ("appraisal_run", "appraisal_subject")  # appraisal_score: the fields are the rubric's item names
_SERVICE = ("visit", "opinion_item", "inspection", "team")
# The service records' fields their own labels do not name (they title table columns).
SERVICE_FIELDS = {"leader_name": "负责人", "formed_year": "组建年份", "dissolved_year": "撤销年份", "note": "备注",
                  "remote": "到艰苦边远牧业点", "other_participants": "其他参加人员", "opinion_count": "意见建议条数",
                  "adoption_note": "采纳说明", "reopened": "重新办理次数", "kind": "类别", "name": "名称"}  # fmt: skip


@cache
def _feature_fields() -> dict[str, dict[str, str]]:
    """The features' own field names, read when a log is first shown (every start opens
    this module; the appraisal's and posts' modules are not needed for that)."""
    from dahe_desktop.appraisal import runs as appraisal_runs
    from dahe_desktop.pairing import labels as pairing_labels
    from dahe_desktop.posts import history as posts_history
    from dahe_desktop.service import labels as service_labels

    service = {t: service_labels.FIELD_LABELS | SERVICE_FIELDS | TABLE_FIELDS.get(t, {}) for t in _SERVICE}
    return ({t: posts_history.FIELDS for t in _POSTS} | {t: appraisal_runs.FIELDS for t in _APPRAISAL}
            | {"household": pairing_labels.HOUSEHOLD_FIELDS} | service)  # fmt: skip


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    clerk: str
    table: str  # Chinese
    record: str
    field: str  # Chinese
    old: str
    new: str
    source: tuple[str, str, str] = ("", "", "")  # the entry's table, record and field as stored
    hidden: bool = False  # its values tell of health or hardship and are not shown


HIDDEN = "（敏感信息，未显示）"


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
                 limit: int = MAX_ROWS, include_sensitive: bool = False) -> list[AuditRow]:  # fmt: skip
    """Newest first. `member_id` (or a part of the name, `member_name`) keeps those
    members' own records; a member's record shows as `name（id）`. Values of the fields
    that tell of health or hardship (`viewing.LOGGED_SENSITIVE`) read `HIDDEN` unless
    `include_sensitive`; whoever shows them logs it (`viewing.audit_values_shown`)."""
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
    titles = _titles(found)
    rows = []
    for row in found:
        hidden = not include_sensitive and row["field"] in LOGGED_SENSITIVE.get(row["table"], ())
        old, new = row["old"] or "", _new_label(row)
        if row["field"] == "id_number":  # stored with the check digit, which with a year-month gives the day
            old, new = mask_id_number_strict(old), mask_id_number_strict(new)
        rows.append(AuditRow(at=row["at"], clerk=row["clerk"], table=AUDIT_TABLES.get(row["table"], row["table"]),
                             record=_record_label(row, titles), field=field_label(row["table"], row["field"]),
                             old=HIDDEN if hidden and old else old, new=HIDDEN if hidden and new else new,
                             source=(row["table"], row["record"], row["field"]), hidden=hidden))  # fmt: skip
    return rows


def sensitive_entries(rows: list[AuditRow]) -> list[tuple[str, str, str]]:
    """The rows showing values of sensitive fields, as (table, record, field)."""
    return [r.source for r in rows if not r.hidden and r.source[2] in LOGGED_SENSITIVE.get(r.source[0], ())]


def _new_label(row: dict) -> str:
    """A viewing names the fields shown (keys in the log, Chinese here)."""
    if row["field"] == audit.VIEWED:
        return "、".join(field_label(row["table"], f) for f in (row["new"] or "").split(",") if f)
    return row["new"] or ""


def _named_by() -> dict:
    """What names a record of each table in the log: a member's name, a household's
    head, a branch's or team's name, an inspection's topic."""
    return {"member": Member.name, "household": Household.head, "branch": Branch.name, "team": Team.name,
            "inspection": Inspection.topic, "township": Township.name}  # fmt: skip


def _titles(found: list[dict]) -> dict[tuple[str, int], str]:
    """(table, id) -> its name, for the records these entries name: one query per table."""
    wanted: dict[str, set[int]] = {}
    for r in found:
        if r["record"].isdigit():
            wanted.setdefault(r["table"], set()).add(int(r["record"]))
    titles = {}
    for table, column in _named_by().items():
        if ids := wanted.get(table):
            key = column.model._meta.primary_key
            for batch in chunked(sorted(ids), 900):
                titles.update({(table, i): n for i, n in column.model.select(key, column).where(key.in_(batch)).tuples()})
    return titles


def _record_label(row: dict, titles: dict[tuple[str, int], str]) -> str:
    if row["record"].isdigit() and (title := titles.get((row["table"], int(row["record"])))):
        return f"{title}（{row['record']}）"
    if row["table"] == "setting":
        option = settings.OPTIONS.get(row["record"])
        return option.label if option else row["record"]
    return row["record"]


HEADERS = ("时间", "经办人", "类别", "记录", "项目", "原值", "新值")


def export_entries(path: str | Path, rows: list[AuditRow]) -> int:
    """The rows to an .xlsx (written beside and renamed into place); cells are text.
    Sensitive values go only as the rows show them (hidden unless listed with
    `include_sensitive`); when they go, each record's viewing is logged."""
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
        audit_values_shown(sensitive_entries(rows))
    return len(rows)
