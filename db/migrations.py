"""Schema migrations: an ordered list of steps, each taking the file from version N-1 to N.

Each step declares the tables *as they were at that version* (frozen copies, not the
live models), so an old file always upgrades through the same path. Before any step
runs on an existing file, the file is copied aside (`<name>.v<N>.bak`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _base(db: Database) -> type[Model]:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    return Base


def _v1_roster(db: Database) -> None:
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


def _v2_card_prints(db: Database) -> None:
    """A log of printed cards, for "members changed since the last print"."""
    Base = _base(db)

    class Member(Base):
        pass

    class CardPrint(Base):
        member = ForeignKeyField(Member, on_delete="CASCADE")
        kind = CharField()
        printed_at = DateTimeField(default=_now, index=True)

    db.create_tables([CardPrint])


def _v3_commitments(db: Database) -> None:
    """Public commitments and the versions printed for posting."""
    Base = _base(db)

    class Member(Base):
        pass

    class Commitment(Base):
        member = ForeignKeyField(Member, on_delete="RESTRICT")
        year = IntegerField(index=True)
        seq = IntegerField(default=0)
        area = CharField()
        content = TextField()
        due_date = DateField(null=True)
        quality = TextField(default="")
        status = CharField(default="承诺中", index=True)
        status_reason = TextField(default="")
        done_date = DateField(null=True)
        verified_how = TextField(default="")
        verified_by = CharField(default="")
        is_draft = BooleanField(default=False)
        carried_from = ForeignKeyField("self", null=True, on_delete="SET NULL")
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("member", "year"), False),)

    class CommitmentPosting(Base):
        member = ForeignKeyField(Member, on_delete="CASCADE")
        year = IntegerField()
        kind = CharField()
        printed_at = DateTimeField(default=_now)
        snapshot = TextField()

        class Meta:
            indexes = ((("member", "year", "kind"), False),)

    db.create_tables([Commitment, CommitmentPosting])


# Step i takes a file from version i to version i+1. Append only; never edit a step
# that has shipped.
STEPS: list[Callable[[Database], None]] = [
    _v1_roster,
    _v2_card_prints,
    _v3_commitments,
]

CURRENT_VERSION = len(STEPS)


def schema_version(db: Database) -> int:
    if "schema_version" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def backup_file(db: Database, path: Path, version: int) -> Path:
    """Copy the live database aside with SQLite's online backup (safe under WAL)."""
    dest = path.with_name(f"{path.name}.v{version}.bak")
    target = sqlite3.connect(dest)
    try:
        db.connection().backup(target)
    finally:
        target.close()
    return dest


def upgrade(db: Database, path: Path | None = None, target: int = CURRENT_VERSION) -> int:
    """Run the missing steps up to `target`; returns the version the file now has."""
    version = schema_version(db)
    if version > CURRENT_VERSION:
        raise RuntimeError(
            f"数据文件的版本（{version}）比本程序（{CURRENT_VERSION}）新，请升级程序后再打开。"
        )
    if version >= target:
        return version
    if version > 0 and path is not None:
        backup_file(db, path, version)
    for step_no in range(version, target):
        with db.atomic():
            STEPS[step_no](db)
            if step_no == 0:
                db.execute_sql("INSERT INTO schema_version (version) VALUES (1)")
            else:
                db.execute_sql("UPDATE schema_version SET version = ?", (step_no + 1,))
    return target
