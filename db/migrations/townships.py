"""Step: townships, and the township each branch belongs to.

A file that already holds branches is a township's own file: its one township row is
made here from its settings (name, and the 乡镇代码 when one was saved; otherwise an
empty code the clerk fills in later) and every branch points at it. The column is added
with Peewee's schema migrator, so SQLite and PostgreSQL both run this step.
"""

from __future__ import annotations

import json

from peewee import CharField, Database, ForeignKeyField, TextField

from db.migrations.frozen import base as _base

DEFAULT_TOWNSHIP_NAME = "大河乡"  # the settings' default at this version


def step(db: Database) -> None:
    """Townships, and the township each branch belongs to."""
    # Here, not at the top: a start on an up-to-date file needs no schema migrator.
    from db.migrations.schema import SchemaMigrator, migrate

    Base = _base(db)

    class Township(Base):
        code = CharField(unique=True)
        name = CharField()

    class Setting(Base):
        key = CharField(primary_key=True)
        value = TextField()

    class Branch(Base):
        township = ForeignKeyField(Township, null=True, on_delete="RESTRICT")

    db.create_tables([Township])
    column = ForeignKeyField(Township, null=True, field=Township.id, on_delete="RESTRICT")
    migrate(SchemaMigrator.from_database(db).add_column("branch", "township_id", column))

    if not Branch.select().exists():
        return

    def setting(key: str, default: str) -> str:
        row = Setting.get_or_none(Setting.key == key)
        value = json.loads(row.value) if row is not None else default
        return str(value or "").strip() or default

    own = Township.create(code=setting("township.code", ""), name=setting("township.name", DEFAULT_TOWNSHIP_NAME))
    Branch.update(township=own.id).execute()
