"""Step 1: settings, branches and members (the foundation)."""

from __future__ import annotations

from peewee import (
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from db.migrations.frozen import base as _base
from db.migrations.frozen import now as _now


def step(db: Database) -> None:
    """Settings, branches and members (the foundation)."""
    Base = _base(db)

    class SchemaVersion(Base):
        version = IntegerField()

    class Setting(Base):
        key = CharField(primary_key=True)
        value = TextField()

    class Branch(Base):
        name = CharField(unique=True)
        kind = CharField()
        village = CharField(default="")
        secretary = IntegerField(null=True, column_name="secretary_id", index=True)
        sort_order = IntegerField(default=0)
        created_at = DateTimeField(default=_now)

    class Member(Base):
        name = CharField(index=True)
        name_initials = CharField(default="")
        name_pinyin = CharField(default="")
        search_key = CharField(default="")
        sex = CharField()
        ethnicity = CharField()
        birth_date = DateField(null=True)
        id_number = CharField(null=True, unique=True)
        education = CharField(default="")
        joined_party = DateField(null=True)
        membership = CharField(default="正式党员")
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        phone = CharField(default="")
        position = CharField(default="")
        category = CharField(default="一般党员")
        specialties = TextField(default="")
        services = TextField(default="")
        service_promise = TextField(default="")
        status = CharField(default="在册", index=True)
        status_date = DateField(null=True)
        status_note = TextField(default="")
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now, index=True)

    db.create_tables([SchemaVersion, Setting, Branch, Member])
