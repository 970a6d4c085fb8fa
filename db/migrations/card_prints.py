"""Step 2: a log of printed cards, for "members changed since the last print"."""

from __future__ import annotations

from peewee import (
    CharField,
    Database,
    DateTimeField,
    ForeignKeyField,
)

from db.migrations.frozen import base as _base
from db.migrations.frozen import now as _now


def step(db: Database) -> None:
    """A log of printed cards, for "members changed since the last print"."""
    Base = _base(db)

    class Member(Base):
        pass

    class CardPrint(Base):
        member = ForeignKeyField(Member, on_delete="CASCADE")
        kind = CharField()
        printed_at = DateTimeField(default=_now, index=True)

    db.create_tables([CardPrint])
