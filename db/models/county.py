"""The county's view of its townships: one row per township (乡镇).

A township's own file holds one row, made from its settings (name, 乡镇代码); the
county's store holds one per township that has sent a package. Branches point here.
"""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from db.models.base import LOGGED, BaseModel, now


class Township(BaseModel):
    """A township, known by its code: the 行政区划 code or the one the county gave it."""

    AUDIT = LOGGED

    code = CharField(unique=True)
    name = CharField()


class PackageExport(BaseModel):
    """A package this township made for the county (numbered 1, 2, 3 ... without gaps):
    the period its changes cover and the checksum written into it."""

    AUDIT = "a log of its own: the packages this file sent"

    number = IntegerField(unique=True)
    period_from = DateTimeField(null=True)  # None: the first package, holding everything
    period_to = DateTimeField()
    file_name = CharField()
    sha256 = CharField()
    counts = TextField(default="{}")  # JSON: record kind -> records in the package
    clerk = CharField(default="")
    made_at = DateTimeField(default=now)


class PackageSent(BaseModel):
    """What the county last received of one record: a digest of its values, so the next
    package carries the records whose values differ (whatever wrote them)."""

    AUDIT = "a log of its own: what each package carried"

    kind = CharField()  # dahe_desktop.county.records kind name, e.g. "member"
    origin = IntegerField()  # the record's id in this file
    digest = CharField()

    class Meta:
        indexes = ((("kind", "origin"), True),)


class PackageImport(BaseModel):
    """A township's package imported by the county: packages go in by number, each once."""

    AUDIT = "a log of its own: the packages received"

    township = ForeignKeyField(Township, backref="package_imports", on_delete="RESTRICT")
    number = IntegerField()
    sha256 = CharField()
    period_from = DateTimeField(null=True)
    period_to = DateTimeField()
    counts = TextField(default="{}")  # JSON: new / changed / unchanged / conflicts decided
    clerk = CharField(default="")
    imported_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("township", "number"), True),)


class PackageOrigin(BaseModel):
    """Which county record a township's record became, and the values last received for
    it: a field that differs from those on both sides is a conflict for a person."""

    AUDIT = "bookkeeping: which record a package's record became (the records are logged)"

    township = ForeignKeyField(Township, on_delete="RESTRICT")
    kind = CharField()
    origin = IntegerField()  # the record's id in the township's file
    local = IntegerField()  # its id in this store
    base = TextField()  # JSON: the values of the last package, in the township's ids

    class Meta:
        indexes = ((("township", "kind", "origin"), True), (("kind", "local"), False))


MODELS = [Township, PackageExport, PackageSent, PackageImport, PackageOrigin]
