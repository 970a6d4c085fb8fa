"""What every model shares: the database proxy, the timestamp helper, the record
version that refuses a save over someone else's change, and the note of what each
write touched (which the audit checks against what it logged, `db.audit`).

Every model states whether the audit logs its changes: `AUDIT = LOGGED`, or
`AUDIT = "why not"` (a log of its own, bookkeeping): a new table cannot be added
without saying which (tests/db/test_audit_coverage.py)."""

from __future__ import annotations

import datetime as dt

from peewee import SQL, IntegerField, Model, ModelUpdate

from db.connection import current_write, database

# A model's AUDIT: LOGGED (every change of its records goes to the audit log),
# logged_under(table) (its rows are parts of that table's records and logged as theirs),
# or a sentence saying why its changes are not logged.
LOGGED = "logged"
UNDER = "logged under "
FROM_FINALIZATION = "logged from its run's finalization on: before that, sheets are entered twice and checked against each other"


def logged_under(table: str) -> str:
    return UNDER + table


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class VersionField(IntegerField):
    """A record's version: 1 when inserted, one more at every UPDATE of the row (counted
    by `BaseModel.update`, never set by hand). A save that loaded version v is written
    `WHERE version = v`, so two clerks saving one record cannot both win."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default", 1)
        kwargs.setdefault("constraints", [SQL("DEFAULT 1")])  # rows written without the model
        super().__init__(**kwargs)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False

    @classmethod
    def update(cls, __data=None, **update) -> ModelUpdate:
        """Peewee's `update()`, plus `version = version + 1` on a model with a
        `VersionField`: every write path (a dialog, a plan accepted, an import, an
        instance `.save()`) bumps it without remembering to."""
        data = cls._normalize_data(__data, update)
        if isinstance(data, dict):
            _note(cls, {getattr(f, "name", f) for f in data})
        version = cls._meta.fields.get("version")
        if isinstance(version, VersionField) and isinstance(data, dict):
            data = {f: v for f, v in data.items() if f is not version}
            data[version] = version + 1
        return ModelUpdate(cls, data)

    @classmethod
    def insert(cls, __data=None, **insert):
        _note(cls, {"*"})
        return super().insert(__data, **insert)

    @classmethod
    def insert_many(cls, rows, fields=None):
        _note(cls, {"*"})
        return super().insert_many(rows, fields)

    @classmethod
    def insert_from(cls, query, fields):
        _note(cls, {"*"})
        return super().insert_from(query, fields)

    @classmethod
    def replace(cls, __data=None, **insert):
        _note(cls, {"*"})
        return super().replace(__data, **insert)

    @classmethod
    def replace_many(cls, rows, fields=None):
        _note(cls, {"*"})
        return super().replace_many(rows, fields)

    @classmethod
    def delete(cls):
        _note(cls, {"-"})
        return super().delete()


def _note(model: type[Model], fields: set[str]) -> None:
    """Remember that the open write touches these fields of `model`'s table (a query
    built is a query run: nothing builds writes only to look at them)."""
    record = current_write()
    if record is not None:
        record.written.setdefault(model._meta.table_name, set()).update(fields)
