"""What frozen steps share: a base model bound to the file being upgraded.

A step declares its tables *as they were at that version* (copies, never the live
models), so an old file always upgrades through the same path.
"""

from __future__ import annotations

import datetime as dt

from peewee import Database, IntegerField, Model


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def base(db: Database) -> type[Model]:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    return Base


def schema_version_model(db: Database) -> type[Model]:
    class SchemaVersion(base(db)):
        version = IntegerField()

    return SchemaVersion
