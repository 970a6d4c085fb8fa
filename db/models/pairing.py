"""结对帮扶: households (农牧户), helpers who are not members, each member's pairing
profile (settlement, maximum, 支委 override) and the pairings per year."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from db.models.base import LOGGED, BaseModel, VersionField, logged_under, now
from db.models.roster import Branch, Member


class Household(BaseModel):
    """A household (农牧户) of a village. Never deleted: `status` records moving away."""

    AUDIT = LOGGED

    head = CharField(index=True)  # 户主
    branch = ForeignKeyField(Branch, backref="households", on_delete="RESTRICT")
    settlement = CharField(default="")  # 自然村/社/居住点/牧业点
    people = IntegerField(default=1)
    phone = CharField(default="")
    kind = CharField(default="一般户")  # dahe_desktop.pairing.labels.HOUSEHOLD_KINDS
    away_member = ForeignKeyField(Member, null=True, backref="away_households", on_delete="SET NULL")
    notes = TextField(default="")
    status = CharField(default="在册", index=True)  # 在册 / 迁出 / 销户
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = VersionField()


class PairingHelper(BaseModel):
    """Someone who is not (yet) a member and takes households: 入党积极分子, 后备干部."""

    AUDIT = LOGGED

    name = CharField()
    branch = ForeignKeyField(Branch, backref="pairing_helpers", on_delete="RESTRICT")
    role = CharField()  # dahe_desktop.pairing.labels.HELPER_ROLES
    phone = CharField(default="")
    settlement = CharField(default="")
    max_households = IntegerField(null=True)  # None: the role's default
    status = CharField(default="在册")  # 在册 / 退出
    notes = TextField(default="")
    created_at = DateTimeField(default=now)
    version = VersionField()


class PairingProfile(BaseModel):
    """What pairing needs of a member beyond the roster: where they live, the most
    households the clerk lets them take, and a 支委 mark when 职务 does not tell."""

    AUDIT = logged_under("member")

    member = ForeignKeyField(Member, unique=True, backref="pairing_profile", on_delete="CASCADE")
    settlement = CharField(default="")
    max_households = IntegerField(null=True)  # None: the category's default
    committee = BooleanField(null=True)  # None: read from 职务
    updated_at = DateTimeField(default=now)
    version = VersionField()


class Pairing(BaseModel):
    """One household linked to one member (or helper) for a year. Ended, not deleted."""

    AUDIT = logged_under("household")  # a plan accepted logs one line per household

    year = IntegerField(index=True)
    household = ForeignKeyField(Household, backref="pairings", on_delete="RESTRICT")
    member = ForeignKeyField(Member, null=True, backref="pairings", on_delete="RESTRICT")
    helper = ForeignKeyField(PairingHelper, null=True, backref="pairings", on_delete="RESTRICT")
    kind = CharField()  # 联系服务 / 结对帮扶 / 流动党员户联系
    date_from = DateField()
    date_to = DateField(null=True)
    locked = BooleanField(default=False)  # the planner never moves it
    note = TextField(default="")
    status = CharField(default="有效", index=True)  # 有效 / 已解除
    created_at = DateTimeField(default=now)
    version = VersionField()

    class Meta:
        indexes = ((("year", "household"), False),)


MODELS = [Household, PairingHelper, PairingProfile, Pairing]
