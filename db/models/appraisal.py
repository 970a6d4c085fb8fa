"""The year-end 100-point appraisal (百分制考核, seed §3.6) and the democratic appraisal
(民主评议): the township's editable rubrics, one run per branch and year, the members
appraised, the raters, the score sheets (each entered twice) and the run's log."""

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

from db.models.base import FROM_FINALIZATION, BaseModel, VersionField, now
from db.models.roster import Branch, Member


class AppraisalRubric(BaseModel):
    """The township's current rubric for one category (JSON); a run copies it, so later
    edits never change past results."""

    AUDIT = "a run copies the rubric when it is made; what a run decides is logged from its finalization"

    category = CharField(unique=True)
    body = TextField()  # JSON, see dahe_desktop.appraisal.rubrics
    updated_at = DateTimeField(default=now)
    version = VersionField()


class AppraisalRun(BaseModel):
    """One branch's appraisal for one year: draft -> scoring -> finalized."""

    AUDIT = FROM_FINALIZATION

    branch = ForeignKeyField(Branch, backref="appraisal_runs", on_delete="RESTRICT")
    year = IntegerField()
    state = CharField(default="draft")  # dahe_desktop.appraisal.labels.STATES
    meeting_date = DateField(null=True)
    rubrics = TextField()  # JSON: the rubrics copied when the run was made, by category
    config = TextField()  # JSON: weights per rater group, trimming, grade bands, cap on 优秀
    reopened = BooleanField(default=False)  # finalized once: every change is logged
    created_at = DateTimeField(default=now)
    finalized_at = DateTimeField(null=True)
    updated_at = DateTimeField(default=now)
    version = VersionField()

    class Meta:
        indexes = ((("branch", "year"), True),)


class AppraisalSubject(BaseModel):
    """A member appraised in a run, under a category the clerk confirmed; or excused."""

    AUDIT = FROM_FINALIZATION

    run = ForeignKeyField(AppraisalRun, backref="subjects", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="appraisals", on_delete="RESTRICT")
    seq = IntegerField(default=0)  # order on the score sheets
    category = CharField()
    suggested_category = CharField(default="")
    suggestion_note = CharField(default="")  # why that category was suggested
    confirmed = BooleanField(default=False)
    excused = BooleanField(default=False)
    excuse_reason = TextField(default="")
    self_assessment = TextField(default="")  # 个人自评
    clause_counts = TextField(default="{}")  # JSON: item key -> counts per clause
    grade = CharField(default="")  # the committee's proposed grade ("" = not yet)
    grade_reason = TextField(default="")  # required where it differs from the suggestion
    appeal = TextField(default="")  # 申辩
    measures = TextField(default="")  # 改进措施
    version = VersionField()

    class Meta:
        indexes = ((("run", "member"), True),)


class AppraisalRater(BaseModel):
    """Someone scoring at the meeting: a member present or a villager representative."""

    AUDIT = FROM_FINALIZATION

    run = ForeignKeyField(AppraisalRun, backref="raters", on_delete="CASCADE")
    group = CharField()  # dahe_desktop.appraisal.labels.RATER_GROUPS
    seq = IntegerField(default=0)  # the sheet number
    name = CharField()
    village = CharField(default="")
    member = ForeignKeyField(Member, null=True, on_delete="SET NULL")


class AppraisalSheet(BaseModel):
    """One rater's score sheet for one category as entered in one pass (1 or 2), as on
    paper: per member appraised, integer tenths of a point per rated item, null where blank."""

    AUDIT = FROM_FINALIZATION

    rater = ForeignKeyField(AppraisalRater, backref="sheets", on_delete="CASCADE")
    category = CharField()
    pass_no = IntegerField()
    values = TextField()  # JSON object: subject id -> list, one entry per rated item
    updated_at = DateTimeField(default=now)
    version = VersionField()

    class Meta:
        indexes = ((("rater", "category", "pass_no"), True),)


class AppraisalEvent(BaseModel):
    """The run's log: finalizing, reopening (with the reason) and every change made
    while a finalized run is open again."""

    AUDIT = "a log of its own: finalizing, reopening and each change made while reopened"

    run = ForeignKeyField(AppraisalRun, backref="events", on_delete="CASCADE")
    at = DateTimeField(default=now)
    kind = CharField()  # finalize / reopen / change
    text = TextField()


MODELS = [AppraisalRubric, AppraisalRun, AppraisalSubject, AppraisalRater, AppraisalSheet, AppraisalEvent]
