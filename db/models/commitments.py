"""Public commitments (公开承诺) and the versions posted."""

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

from db.models.base import LOGGED, BaseModel, VersionField, now
from db.models.roster import Member


class Commitment(BaseModel):
    """One public commitment (公开承诺) of a member for a year; 1 to 5 per member-year."""

    AUDIT = LOGGED

    member = ForeignKeyField(Member, backref="commitments", on_delete="RESTRICT")
    year = IntegerField(index=True)
    seq = IntegerField(default=0)  # order on the member's card
    area = CharField()  # dahe_desktop.labels.COMMITMENT_AREAS
    content = TextField()
    due_date = DateField(null=True)
    quality = TextField(default="")  # the quality required (达到的质量要求)
    status = CharField(default="承诺中", index=True)
    status_reason = TextField(default="")  # why withdrawn
    done_date = DateField(null=True)
    verified_how = TextField(default="")
    verified_by = CharField(default="")
    is_draft = BooleanField(default=False)  # carried over from last year, not yet confirmed
    carried_from = ForeignKeyField("self", null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = VersionField()

    class Meta:
        indexes = ((("member", "year"), False),)  # a member's commitments for a year


class CommitmentPosting(BaseModel):
    """A member's commitments as printed for posting: kept so the posted version can be
    reprinted exactly and compared with later edits."""

    AUDIT = "a log of its own: each posting as printed"

    member = ForeignKeyField(Member, backref="commitment_postings", on_delete="CASCADE")
    year = IntegerField()
    kind = CharField()  # "card" / "notice"
    printed_at = DateTimeField(default=now)
    snapshot = TextField()  # JSON: the card as printed (name, position, branch, year, items)

    class Meta:
        indexes = ((("member", "year", "kind"), False),)


MODELS = [Commitment, CommitmentPosting]
