"""What every model shares: the database proxy and the timestamp helper."""

from __future__ import annotations

import datetime as dt

from peewee import Model

from db.connection import database


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
