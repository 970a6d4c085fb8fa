"""Step: the packages a township sends up to the county, and the county's record of them.

A branch's name becomes unique within its township (the county's store holds twenty
townships, each with its own 乡机关党支部). Peewee's schema migrator and table API only,
so SQLite and PostgreSQL both run it.
"""

from __future__ import annotations

from peewee import CharField, Database, DateTimeField, ForeignKeyField, IntegerField, TextField

from db.migrations.frozen import base as _base
from db.migrations.frozen import now as _now


def step(db: Database) -> None:
    """Package logs on both sides, and branch names unique per township."""
    # Here, not at the top: a start on an up-to-date file needs no schema migrator.
    from db.migrations.schema import SchemaMigrator, migrate

    Base = _base(db)

    class Township(Base):
        pass

    class PackageExport(Base):
        number = IntegerField(unique=True)
        period_from = DateTimeField(null=True)
        period_to = DateTimeField()
        file_name = CharField()
        sha256 = CharField()
        counts = TextField(default="{}")
        clerk = CharField(default="")
        made_at = DateTimeField(default=_now)

    class PackageSent(Base):
        kind = CharField()
        origin = IntegerField()
        digest = CharField()

        class Meta:
            indexes = ((("kind", "origin"), True),)

    class PackageImport(Base):
        township = ForeignKeyField(Township, on_delete="RESTRICT")
        number = IntegerField()
        sha256 = CharField()
        period_from = DateTimeField(null=True)
        period_to = DateTimeField()
        counts = TextField(default="{}")
        clerk = CharField(default="")
        imported_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("township", "number"), True),)

    class PackageOrigin(Base):
        township = ForeignKeyField(Township, on_delete="RESTRICT")
        kind = CharField()
        origin = IntegerField()
        local = IntegerField()
        base = TextField()

        class Meta:
            indexes = ((("township", "kind", "origin"), True), (("kind", "local"), False))

    db.create_tables([PackageExport, PackageSent, PackageImport, PackageOrigin])
    migrator = SchemaMigrator.from_database(db)
    migrate(
        migrator.drop_index("branch", "branch_name"),
        migrator.add_index("branch", ("name",), False),
        migrator.add_index("branch", ("township_id", "name"), True),
    )
