"""Step: 结对帮扶 — households, helpers, members' pairing profiles and pairings."""

from __future__ import annotations

from peewee import (
    BooleanField,
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
    """Households, helpers, members' pairing profiles and pairings per year."""
    Base = _base(db)

    class Branch(Base):
        pass

    class Member(Base):
        pass

    class Household(Base):
        head = CharField(index=True)
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        settlement = CharField(default="")
        people = IntegerField(default=1)
        phone = CharField(default="")
        kind = CharField(default="一般户")
        away_member = ForeignKeyField(Member, null=True, on_delete="SET NULL")
        notes = TextField(default="")
        status = CharField(default="在册", index=True)
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now)

    class PairingHelper(Base):
        name = CharField()
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        role = CharField()
        phone = CharField(default="")
        settlement = CharField(default="")
        max_households = IntegerField(null=True)
        status = CharField(default="在册")
        notes = TextField(default="")
        created_at = DateTimeField(default=_now)

    class PairingProfile(Base):
        member = ForeignKeyField(Member, unique=True, on_delete="CASCADE")
        settlement = CharField(default="")
        max_households = IntegerField(null=True)
        committee = BooleanField(null=True)
        updated_at = DateTimeField(default=_now)

    class Pairing(Base):
        year = IntegerField(index=True)
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        member = ForeignKeyField(Member, null=True, on_delete="RESTRICT")
        helper = ForeignKeyField(PairingHelper, null=True, on_delete="RESTRICT")
        kind = CharField()
        date_from = DateField()
        date_to = DateField(null=True)
        locked = BooleanField(default=False)
        note = TextField(default="")
        status = CharField(default="有效", index=True)
        created_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("year", "household"), False),)

    db.create_tables([Household, PairingHelper, PairingProfile, Pairing])
