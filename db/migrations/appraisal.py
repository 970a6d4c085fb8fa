"""Step: the year-end appraisal (rubrics, runs, members appraised, raters, score sheets, log)."""

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
    """The year-end appraisal (rubrics, runs, members appraised, raters, score sheets, log)."""
    Base = _base(db)

    class Branch(Base):
        pass

    class Member(Base):
        pass

    class AppraisalRubric(Base):
        category = CharField(unique=True)
        body = TextField()
        updated_at = DateTimeField(default=_now)

    class AppraisalRun(Base):
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        year = IntegerField()
        state = CharField(default="draft")
        meeting_date = DateField(null=True)
        rubrics = TextField()
        config = TextField()
        reopened = BooleanField(default=False)
        created_at = DateTimeField(default=_now)
        finalized_at = DateTimeField(null=True)
        updated_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("branch", "year"), True),)

    class AppraisalSubject(Base):
        run = ForeignKeyField(AppraisalRun, on_delete="CASCADE")
        member = ForeignKeyField(Member, on_delete="RESTRICT")
        seq = IntegerField(default=0)
        category = CharField()
        suggested_category = CharField(default="")
        suggestion_note = CharField(default="")
        confirmed = BooleanField(default=False)
        excused = BooleanField(default=False)
        excuse_reason = TextField(default="")
        self_assessment = TextField(default="")
        clause_counts = TextField(default="{}")
        grade = CharField(default="")
        grade_reason = TextField(default="")
        appeal = TextField(default="")
        measures = TextField(default="")

        class Meta:
            indexes = ((("run", "member"), True),)

    class AppraisalRater(Base):
        run = ForeignKeyField(AppraisalRun, on_delete="CASCADE")
        group = CharField()
        seq = IntegerField(default=0)
        name = CharField()
        village = CharField(default="")
        member = ForeignKeyField(Member, null=True, on_delete="SET NULL")

    class AppraisalSheet(Base):
        rater = ForeignKeyField(AppraisalRater, on_delete="CASCADE")
        category = CharField()
        pass_no = IntegerField()
        values = TextField()
        updated_at = DateTimeField(default=_now)

        class Meta:
            indexes = ((("rater", "category", "pass_no"), True),)

    class AppraisalEvent(Base):
        run = ForeignKeyField(AppraisalRun, on_delete="CASCADE")
        at = DateTimeField(default=_now)
        kind = CharField()
        text = TextField()

    db.create_tables([AppraisalRubric, AppraisalRun, AppraisalSubject, AppraisalRater, AppraisalSheet, AppraisalEvent])
