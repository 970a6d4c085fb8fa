"""The audit log: who changed which field of which record, from what to what."""

from __future__ import annotations

from peewee import CharField, DateTimeField, IntegerField, TextField

from db.models.base import BaseModel, now


class AuditEntry(BaseModel):
    """One changed field (or a created record, `field` "*"), written in the change's own
    transaction by `db.audit`. Never edited or deleted."""

    AUDIT = "the audit log itself"

    at = DateTimeField(default=now, index=True)
    clerk = CharField(default="")  # the township setting 经办人 at the time
    table = CharField()  # the table's name, e.g. "member"
    record = CharField(index=True)  # the record's id (or key, for settings)
    field = CharField()
    old = TextField(null=True)
    new = TextField(null=True)
    version = IntegerField(null=True)  # the record's version after this change, where it has one


MODELS = [AuditEntry]
