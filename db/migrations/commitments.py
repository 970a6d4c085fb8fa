"""Step 3: public commitments and the versions printed for posting."""

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
