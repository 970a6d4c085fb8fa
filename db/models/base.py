"""What every model shares: the database proxy, the timestamp helper and the record
version that refuses a save over someone else's change."""

from __future__ import annotations

import datetime as dt

from peewee import SQL, IntegerField, Model, ModelUpdate

from db.connection import database


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
        version = cls._meta.fields.get("version")
        if isinstance(version, VersionField) and isinstance(data, dict):
            data = {f: v for f, v in data.items() if f is not version}
            data[version] = version + 1
        return ModelUpdate(cls, data)
