"""The one mechanism that records who changed what: an explicit unit of work used inside
`db.writing()`, so the entries commit or roll back with the change itself (Peewee's
signals do not fire for `update()` or `insert_many()`).

    with writing(changes.MEMBERS):
        audit.update(Member, values, [member_id])      # reads the old values, updates, logs
        audit.changed("setting", key, {"value": old}, {"value": new})

    audit.viewed("member", member_id, ["category"])    # sensitive fields shown: no values

Every model says (its `AUDIT`) whether its changes are logged (`audit = LOGGED`) or why
not. Before each write commits, the tables it wrote are compared with the tables it
logged: a logged table written without a word in the log is a forgotten path. The tests
run strict (`DAHE_AUDIT_STRICT=1`: the write is refused); the program notes it in its
error log and keeps the clerk's change.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable, Iterable, Sequence

from peewee import Model

from db.bulk import bulk_insert
from db.connection import WriteRecord, before_commit, current_write, database, writing
from db.models.base import LOGGED, UNDER

# Derived or bookkeeping columns: their changes say nothing the clerk did.
SKIPPED = {"id", "version", "updated_at", "created_at", "name_initials", "name_pinyin", "search_key", "seq", "sort_order"}
CREATED = "*"
DELETED = "-"
VIEWED = "?"  # an entry saying who looked at which sensitive fields of a record (no values)

_state = threading.local()


def set_clerk(name: str) -> None:
    """Whose changes these are (the township setting asked at first start)."""
    _state.clerk = name


def clerk() -> str:
    return getattr(_state, "clerk", "") or _default_clerk


_default_clerk = ""


def set_default_clerk(name: str) -> None:
    """The clerk for every thread (workers write too)."""
    global _default_clerk
    _default_clerk = name


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _masked(field: str, value: str | None) -> str | None:
    """The log is read and exported: an ID number in it is masked like everywhere else,
    and a birth date kept to year-month (the whole date is the masked middle of the ID)."""
    if field == "id_number" and value and len(value) >= 10:  # 632522********123*: the check digit would give the day
        return value[:6] + "*" * (len(value) - 10) + value[-4:-1] + "*"
    if field == "birth_date" and value and len(value) == 10:
        return value[:7]
    return value


def changed(table: str, record: object, old: dict | None, new: dict | None) -> int:
    """Log the fields that differ between `old` and `new` (None: created / gone);
    returns how many entries were written. Must run inside `db.writing()`."""
    return changed_many(table, [(record, old, new)])


def changed_many(table: str, records: Iterable[tuple]) -> int:
    """`changed` for many records of one table, written in one insert (a plan of 100,000
    pairs logs as fast as it writes). Each is `(record, old, new)`, or
    `(record, old, new, version)` with the version the change gave the record (so a
    refused save can name exactly the changes made since the version it loaded)."""
    if database.transaction_depth() == 0:
        raise RuntimeError("audit.changed() must run inside db.writing()")
    if (write := current_write()) is not None:
        write.logged.add(table)
    rows: list[dict] = []
    at, who = _now(), clerk()
    for record, old, new, *version in records:
        rows += _entries(at, who, table, record, old or {}, new or {}, version[0] if version else None)
    from db.models.audit import AuditEntry

    return bulk_insert(AuditEntry, rows, prepared=True)


def _now() -> str:
    """The entries' time as stored (the rows go to the driver as they are: an import's
    10,000 entries in 0.15 s instead of peewee's 1.1 s building them)."""
    return dt.datetime.now().replace(microsecond=0).isoformat(" ")


def _title(values: dict) -> object:
    """What names a record created or gone: a member's name, a commitment's content, a
    household's head, an inspection's topic, the households a visit went to."""
    return next((values[k] for k in ("name", "content", "head", "topic", "households") if values.get(k)), "")


def _entries(at: dt.datetime, who: str, table: str, record: object, old: dict, new: dict,
             version: int | None = None) -> list[dict]:  # fmt: skip
    rows = []
    if not old and new:
        rows.append(dict(at=at, clerk=who, table=table, record=str(record), field=CREATED,
                         old=None, new=_text(_title(new))))  # fmt: skip
    elif old and not new:
        rows.append(dict(at=at, clerk=who, table=table, record=str(record), field=DELETED,
                         old=_text(_title(old)), new=None))  # fmt: skip
    else:
        for field in sorted(set(old) | set(new)):
            if field in SKIPPED:
                continue
            before, after = _text(old.get(field)), _text(new.get(field))
            if before != after:
                rows.append(dict(at=at, clerk=who, table=table, record=str(record), field=field,
                                 old=_masked(field, before), new=_masked(field, after)))  # fmt: skip
    for row in rows:
        row["version"] = version
    return rows


def _rows(model: type[Model], ids: Sequence[int], fields: Iterable[str]) -> dict[int, dict]:
    columns = [model._meta.primary_key] + [model._meta.fields[f] for f in fields]
    found = {}
    for start in range(0, len(ids), 900):
        for row in model.select(*columns).where(model._meta.primary_key.in_(list(ids[start:start + 900]))).dicts():
            found[row[model._meta.primary_key.name]] = row
    return found


class StaleWrite(Exception):
    """A save that loaded `expected` found the record at another version (someone saved
    it in between) or gone; the transaction is rolled back. The core names who changed what."""

    def __init__(self, table: str, record: object, expected: int, current: int | None):
        self.table, self.record, self.expected, self.current = table, record, expected, current
        super().__init__(f"{table} {record}: loaded version {expected}, now {current}")


def version_of(model: type[Model], record_id: object) -> int | None:
    """The record's current version (None: no such record)."""
    return model.select(model._meta.fields["version"]).where(model._meta.primary_key == record_id).scalar()


def update(model: type[Model], values: dict, ids: Sequence[int], *, expected_version: int | None = None) -> int:
    """`UPDATE model SET values WHERE id IN ids`, logging each field that changes.

    `expected_version`: the version a dialog loaded its one record at; the update is
    written `WHERE id = ? AND version = ?` and raises `StaleWrite` when no row matched,
    so a save over someone else's change never lands."""
    fields = [f for f in values if f in model._meta.fields]
    before = _rows(model, ids, fields)
    where = model._meta.primary_key.in_(list(ids))
    if expected_version is not None:
        if len(ids) != 1:
            raise ValueError("expected_version checks one record")
        where &= model._meta.fields["version"] == expected_version
    count = model.update(**values).where(where).execute()
    if expected_version is not None and count == 0:
        raise StaleWrite(model._meta.table_name, ids[0], expected_version, version_of(model, ids[0]))
    _log_updates(model, before, _rows_after(model, ids, fields), lambda _record: fields)
    return count


def update_each(model: type[Model], updates: Sequence[tuple[int, dict]]) -> int:
    """Many records, each with its own values (an import's changed rows): the old and new
    values read in batches, not per record; logs each field that changes."""
    if not updates:
        return 0
    fields = sorted({f for _, values in updates for f in values if f in model._meta.fields})
    ids = [record_id for record_id, _ in updates]
    before = _rows(model, ids, fields)
    count = sum(model.update(**values).where(model._meta.primary_key == record_id).execute()
                for record_id, values in updates)  # fmt: skip
    values_of = dict(updates)
    _log_updates(model, before, _rows_after(model, ids, fields),
                 lambda record: [f for f in values_of[record] if f in model._meta.fields])  # fmt: skip
    return count


def _rows_after(model: type[Model], ids: Sequence[int], fields: list[str]) -> dict[int, dict]:
    """The rows as the update left them, with the version it gave them (if the model has one)."""
    versioned = "version" in model._meta.fields and "version" not in fields
    return _rows(model, ids, fields + ["version"] if versioned else fields)


def _log_updates(model: type[Model], before: dict[int, dict], after: dict[int, dict],
                 fields_of: Callable[[int], Sequence[str]]) -> None:  # fmt: skip
    """One entry per field that changed, from the rows read before and after (keyed by
    column name, e.g. a foreign key's `branch_id`, or by field name)."""
    column = {name: field.column_name for name, field in model._meta.fields.items()}

    def value(row: dict, name: str) -> object:
        return row.get(column[name], row.get(name))

    changed_many(model._meta.table_name, [
        (record_id, {f: value(old, f) for f in fields_of(record_id)},
         {f: value(after.get(record_id, {}), f) for f in fields_of(record_id)}, after.get(record_id, {}).get("version"))
        for record_id, old in before.items()
    ])  # fmt: skip


def created_many(model: type[Model], records: Sequence[tuple[int, dict]]) -> int:
    """Log records just inserted in bulk (id, values): one 新建 entry each, one insert."""
    return changed_many(model._meta.table_name, [(record_id, None, values) for record_id, values in records])


def insert(model: type[Model], values: dict) -> int:
    """`INSERT` one record and log its creation; returns its id."""
    record_id = model.insert(**values).execute()
    changed(model._meta.table_name, record_id, None, values)
    return record_id


def viewed(table: str, record: object, fields: Sequence[str]) -> int:
    """Log that the clerk was shown these sensitive fields of a record: one entry naming
    the fields, never their values. Its own write when called outside one."""
    return viewed_many(table, [(record, fields)])


def viewed_many(table: str, records: Iterable[tuple[object, Sequence[str]]]) -> int:
    """`viewed` for many records (an export), in one insert; records without fields are
    skipped."""
    at, who = _now(), clerk()
    rows = [dict(at=at, clerk=who, table=table, record=str(record), field=VIEWED, old=None, new=",".join(fields))
            for record, fields in records if fields]  # fmt: skip
    if not rows:
        return 0
    from db.models.audit import AuditEntry

    with writing():
        return bulk_insert(AuditEntry, rows, prepared=True)


class UnloggedWrite(RuntimeError):
    """A write changed a logged table without logging it (strict mode only)."""


# `writing(..., unlogged=DEMO)`: the demo township is made up, none of it the clerk's doing.
DEMO = "the demo township"

STRICT_ENV = "DAHE_AUDIT_STRICT"
_strict = os.environ.get(STRICT_ENV) == "1"
# Into the error log when the window keeps one; never onto a CLI user's terminal.
_log = logging.getLogger("dahe.errors.audit")
_log.addHandler(logging.NullHandler())
_policies: dict[str, str] = {}


def policies() -> dict[str, str]:
    """Table -> `LOGGED` or why its changes are not logged, from the models' Meta."""
    if not _policies:
        from db.models import ALL_MODELS

        _policies.update({m._meta.table_name: m.__dict__.get("AUDIT", "") for m in ALL_MODELS})
    return _policies


def unlogged_tables(write: WriteRecord) -> list[str]:
    """The logged tables this write changed (beyond derived columns) without logging."""
    if write.unlogged:
        return []
    missing = []
    for table, fields in write.written.items():
        policy = policies().get(table, "")
        if policy != LOGGED and not policy.startswith(UNDER):
            continue
        covered = table in write.logged or policy.removeprefix(UNDER) in write.logged  # or as its parent's
        if not covered and fields - SKIPPED:
            missing.append(table)
    return sorted(missing)


def _check_coverage(write: WriteRecord) -> None:
    missing = unlogged_tables(write)
    if not missing:
        return
    message = f"a write changed {', '.join(missing)} without logging it in the audit log"
    if _strict:
        raise UnloggedWrite(message)
    _log.warning(message)


before_commit(_check_coverage)
