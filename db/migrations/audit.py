"""Step 6: the audit log (who changed which field, from what to what)."""

from __future__ import annotations

from peewee import CharField, Database, DateTimeField, TextField

from db.migrations.frozen import base as _base
from db.migrations.frozen import now as _now


def step(db: Database) -> None:
    class AuditEntry(_base(db)):
        at = DateTimeField(default=_now, index=True)
        clerk = CharField(default="")
        table = CharField()
        record = CharField(index=True)
        field = CharField()
        old = TextField(null=True)
        new = TextField(null=True)

    db.create_tables([AuditEntry])
