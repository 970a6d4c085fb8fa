"""Concurrent clerks, no lost updates: a save made from a loaded copy carries the version
it loaded; when someone saved the record in between, the save is refused with lines
naming who changed what since (read from the audit log), and the dialog keeps the
clerk's input to re-apply.

    with refusing_stale("党员"):
        with writing(changes.MEMBERS):
            audit.update(Member, values, [member_id], expected_version=version)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from dahe_desktop.errors import UserError
from db import audit
from db.models import AuditEntry

KEEP_INPUT = "请核对后再保存（您填写的内容已保留；点“重新载入”可看到当前内容，再把您的修改填上）。"
GONE = "此{what}已不存在（可能已被其他经办人处理），无法保存。"
UNLOGGED = "此{what}在您打开之后已被修改（第{since}版→第{now}版，如导入或批量操作）。"
SHORT = 12  # longer values are cut in the message: the dialog shows them whole


class StaleRecordError(UserError):
    """A save over someone else's change, refused; nothing was written. `version` is the
    record's current version (None: it is gone)."""

    def __init__(self, lines: list[str], *, table: str, record: object, version: int | None):
        super().__init__(lines)
        self.table, self.record, self.version = table, record, version


def _label(table: str, record: object, field: str) -> str:
    from dahe_desktop import settings
    from dahe_desktop.audit.service import field_label

    if table == "setting" and str(record) in settings.OPTIONS:
        return settings.OPTIONS[str(record)].label
    return field_label(table, field)


def _value(table: str, text: str | None) -> str | None:
    """A setting's value is stored as JSON: shown without its quotes."""
    if table == "setting" and text:
        try:
            loaded = json.loads(text)
        except ValueError:
            return text
        return loaded if isinstance(loaded, str) else text
    return text


def _short(value: str | None) -> str:
    text = value or "空"
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def changes_since(table: str, record: object, version: int) -> list[str]:
    """One line per save made after `version`: who, when, which fields from what to what."""
    entries = (AuditEntry.select(AuditEntry.at, AuditEntry.clerk, AuditEntry.field, AuditEntry.old,
                                 AuditEntry.new, AuditEntry.version)
               .where((AuditEntry.table == table) & (AuditEntry.record == str(record))
                      & (AuditEntry.version > version))
               .order_by(AuditEntry.version, AuditEntry.id).dicts())  # fmt: skip
    saves: dict[int, list[dict]] = {}
    for entry in entries:
        saves.setdefault(entry["version"], []).append(entry)
    lines = []
    for found in saves.values():
        first = found[0]
        fields = "、".join(f"{_label(table, record, e['field'])}（{_short(_value(table, e['old']))}→"
                          f"{_short(_value(table, e['new']))}）" for e in found)  # fmt: skip
        who = first["clerk"] or "另一位经办人"
        lines.append(f"{who} 于 {first['at'].month}月{first['at'].day}日 {first['at']:%H:%M} 改了 {fields}。")
    return lines


def stale_error(stale: audit.StaleWrite | list[audit.StaleWrite], what: str) -> StaleRecordError:
    """The refusal the clerk reads for a `StaleWrite` of a record called `what` (e.g. 党员),
    or for several records saved together (the township's settings)."""
    stales = stale if isinstance(stale, list) else [stale]
    if any(s.current is None for s in stales):
        lines = [GONE.format(what=what)]
    else:
        lines = []
        for s in stales:
            lines += changes_since(s.table, s.record, s.expected) or [
                UNLOGGED.format(what=what, since=s.expected, now=s.current)]  # fmt: skip
        lines.append(KEEP_INPUT)
    return StaleRecordError(lines, table=stales[0].table, record=stales[0].record, version=stales[0].current)


@contextmanager
def refusing_stale(what: str) -> Iterator[None]:
    """Around a `writing()` block: a `StaleWrite` inside (already rolled back) comes out
    as a `StaleRecordError` naming who changed the record since it was loaded."""
    try:
        yield
    except audit.StaleWrite as stale:
        raise stale_error(stale, what) from None


def current_version(model: type, record_id: object) -> int:
    """A record's version just after this write (read inside it): what a dialog that
    stays open saves from next."""
    return audit.version_of(model, record_id)
