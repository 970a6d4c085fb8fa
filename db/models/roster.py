"""The foundation: the schema version, township settings, branches, members and the
name-card print log."""

from __future__ import annotations

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    DeferredForeignKey,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from db.models.base import LOGGED, BaseModel, VersionField, now
from db.models.county import Township


class SchemaVersion(BaseModel):
    """One row: the schema version this file has been upgraded to."""

    AUDIT = "bookkeeping: the file's schema version"

    version = IntegerField()


class Setting(BaseModel):
    """A user setting as JSON text; keys and defaults are declared in `dahe_desktop.settings`."""

    AUDIT = LOGGED

    key = CharField(primary_key=True)
    value = TextField()
    version = VersionField()


class Branch(BaseModel):
    """A Party branch (党支部)."""

    AUDIT = LOGGED

    name = CharField(index=True)  # unique within a township (the county holds many)
    kind = CharField()  # dahe_desktop.labels.BRANCH_KINDS
    village = CharField(default="")
    # The secretary is a member of the branch; members point at branches, so this
    # side is deferred (SQLite keeps the column without a constraint).
    secretary = DeferredForeignKey("Member", null=True, on_delete="SET NULL")
    sort_order = IntegerField(default=0)
    created_at = DateTimeField(default=now)
    # The township the branch belongs to: in a township's own file its one township,
    # in the county's store the township whose package brought it.
    township = ForeignKeyField(Township, null=True, backref="branches", on_delete="RESTRICT")
    version = VersionField()

    class Meta:
        indexes = ((("township", "name"), True),)


class Member(BaseModel):
    """A Party member (党员). Never deleted: `status` records transfer out or death."""

    AUDIT = LOGGED

    name = CharField(index=True)
    name_initials = CharField(default="")  # pinyin initials, e.g. 卓玛才让 -> zmcr
    name_pinyin = CharField(default="")  # full pinyin without tones, for search and sorting
    # What the roster's search box looks in, kept with the row so a 100,000-member table
    # loads it as one column: name, initials, pinyin, phone, ID tail (lower case).
    search_key = CharField(default="")
    sex = CharField()  # 男 / 女
    ethnicity = CharField()
    birth_date = DateField(null=True)
    id_number = CharField(null=True, unique=True)
    education = CharField(default="")
    joined_party = DateField(null=True)
    membership = CharField(default="正式党员")  # 正式党员 / 预备党员
    branch = ForeignKeyField(Branch, backref="members", on_delete="RESTRICT")
    phone = CharField(default="")
    position = CharField(default="")  # office held (职务)
    category = CharField(default="一般党员")  # appraisal category
    specialties = TextField(default="")
    services = TextField(default="")  # 服务事项, one per line
    service_promise = TextField(default="")  # 服务承诺
    status = CharField(default="在册", index=True)  # 在册 / 转出 / 去世
    status_date = DateField(null=True)
    status_note = TextField(default="")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now, index=True)
    version = VersionField()


class CardPrint(BaseModel):
    """One card printed for one member: drives "members changed since the last print"."""

    AUDIT = "a log of its own: which cards were printed, when"

    member = ForeignKeyField(Member, backref="card_prints", on_delete="CASCADE")
    kind = CharField()  # e.g. "name_card"
    printed_at = DateTimeField(default=now, index=True)


MODELS = [SchemaVersion, Setting, Branch, Member, CardPrint]
