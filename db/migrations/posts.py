"""Step 4: 设岗定责: the post catalogue, posts per branch and year, the selection
(applications, candidates, the vote entered twice, ties), appointments and the duty log."""

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
    """The post catalogue, the selection of post holders and their duty log."""
    Base = _base(db)

    class Branch(Base):
        pass

    class Member(Base):
        pass

    class PostType(Base):
        name = CharField(unique=True)
        duties = TextField(default="")
        targets = TextField(default="")
        sort_order = IntegerField(default=0)
        in_use = BooleanField(default=True)
        created_at = DateTimeField(default=_now)

    class PostSelection(Base):
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        year = IntegerField()
        candidates_fixed_on = DateField(null=True)
        tallied_on = DateField(null=True)
        appointed_on = DateField(null=True)
        created_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("branch", "year"), True),)

    class BranchPost(Base):
        selection = ForeignKeyField(PostSelection, on_delete="CASCADE")
        post_type = ForeignKeyField(PostType, null=True, on_delete="SET NULL")
        name = CharField()
        seats = IntegerField(default=1)
        opened_on = DateField()
        duties = TextField(default="")
        targets = TextField(default="")
        sort_order = IntegerField(default=0)
        created_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("selection", "name"), True),)

    class PostApplication(Base):
        post = ForeignKeyField(BranchPost, on_delete="CASCADE")
        member = ForeignKeyField(Member, on_delete="RESTRICT")
        kind = CharField()
        reason = TextField(default="")
        nominated_by = CharField(default="")
        nominator_kind = CharField(default="")
        made_on = DateField()
        withdrawn = BooleanField(default=False)
        created_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("post", "member"), False),)

    class PostCandidate(Base):
        post = ForeignKeyField(BranchPost, on_delete="CASCADE")
        member = ForeignKeyField(Member, on_delete="RESTRICT")
        sort_order = IntegerField(default=0)
        votes = IntegerField(null=True)
        outcome = CharField(default="")
        created_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("post", "member"), True),)

    class BallotEntry(Base):
        selection = ForeignKeyField(PostSelection, on_delete="CASCADE")
        round = IntegerField()
        entered_by = CharField(default="")
        voted_on = DateField()
        member_voters = IntegerField()
        rep_voters = IntegerField()
        invalid = IntegerField(default=0)
        blank = IntegerField(default=0)
        updated_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("selection", "round"), True),)

    class BallotCount(Base):
        entry = ForeignKeyField(BallotEntry, on_delete="CASCADE")
        candidate = ForeignKeyField(PostCandidate, on_delete="CASCADE")
        member_votes = IntegerField(default=0)
        rep_votes = IntegerField(default=0)

        class Meta:
            indexes = ((("entry", "candidate"), True),)

    class TieDecision(Base):
        post = ForeignKeyField(BranchPost, on_delete="CASCADE")
        tied = TextField()
        chosen = TextField()
        how = TextField()
        decided_on = DateField()
        created_at = DateTimeField(default=_now)

    class PostAppointment(Base):
        post = ForeignKeyField(BranchPost, on_delete="CASCADE")
        member = ForeignKeyField(Member, on_delete="RESTRICT")
        source = CharField()
        reason = TextField(default="")
        duties = TextField(default="")
        targets = TextField(default="")
        appointed_on = DateField()
        status = CharField(default="在岗")
        status_note = TextField(default="")
        created_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("post", "member"), True),)

    class DutyLog(Base):
        appointment = ForeignKeyField(PostAppointment, on_delete="CASCADE")
        done_on = DateField(index=True)
        what = TextField()
        for_whom = CharField(default="")
        created_at = DateTimeField(default=_now)

    db.create_tables([
        PostType, PostSelection, BranchPost, PostApplication, PostCandidate, BallotEntry,
        BallotCount, TieDecision, PostAppointment, DutyLog,
    ])  # fmt: skip
