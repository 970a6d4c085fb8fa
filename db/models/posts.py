"""设岗定责 (seed §3.4): the post catalogue, posts opened per branch and year, the two-way
selection step by step (applications, nominations, candidates, the vote entered twice,
the tally, ties settled), appointments and their duty log."""

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


class PostType(BaseModel):
    """A post of the township's catalogue (e.g. 草原管护岗) with its default duties and
    targets; seeded from resources on first use, then the township's own to edit."""

    AUDIT = LOGGED

    name = CharField(unique=True)
    duties = TextField(default="")  # 职责任务, one per line
    targets = TextField(default="")  # 年度目标, one per line
    sort_order = IntegerField(default=0)
    in_use = BooleanField(default=True)  # retired posts stay for history
    created_at = DateTimeField(default=now)
    version = VersionField()


class PostSelection(BaseModel):
    """One branch's selection of a year; each step carries its date."""

    AUDIT = LOGGED

    branch = ForeignKeyField(Branch, backref="post_selections", on_delete="RESTRICT")
    year = IntegerField()
    candidates_fixed_on = DateField(null=True)  # 支部差额确定候选人
    tallied_on = DateField(null=True)  # 计票
    appointed_on = DateField(null=True)  # 确定岗位
    created_at = DateTimeField(default=now)
    version = VersionField()

    class Meta:
        indexes = ((("branch", "year"), True),)


class BranchPost(BaseModel):
    """A post opened in one selection: its seats, duties and yearly targets."""

    AUDIT = LOGGED

    selection = ForeignKeyField(PostSelection, backref="posts", on_delete="CASCADE")
    post_type = ForeignKeyField(PostType, null=True, on_delete="SET NULL")
    name = CharField()
    seats = IntegerField(default=1)
    opened_on = DateField()  # the day the branch set the post (按需设岗)
    duties = TextField(default="")
    targets = TextField(default="")
    sort_order = IntegerField(default=0)
    created_at = DateTimeField(default=now)
    version = VersionField()

    class Meta:
        indexes = ((("selection", "name"), True),)


class PostApplication(BaseModel):
    """A member's own application (自己申报) or a nomination by villagers (群众提名推荐)."""

    AUDIT = LOGGED

    post = ForeignKeyField(BranchPost, backref="applications", on_delete="CASCADE")
    member = ForeignKeyField(Member, on_delete="RESTRICT")
    kind = CharField()  # dahe_desktop.posts.labels.APPLIED / NOMINATED
    reason = TextField(default="")
    nominated_by = CharField(default="")  # a villager's name or a group
    nominator_kind = CharField(default="")  # 群众个人 / 群众联名
    made_on = DateField()
    withdrawn = BooleanField(default=False)
    created_at = DateTimeField(default=now)
    version = VersionField()

    class Meta:
        indexes = ((("post", "member"), False),)


class PostCandidate(BaseModel):
    """A candidate fixed by the branch; after the tally, the votes and the outcome."""

    AUDIT = logged_under("branch_post")  # the list of candidates is the post's

    post = ForeignKeyField(BranchPost, backref="candidates", on_delete="CASCADE")
    member = ForeignKeyField(Member, on_delete="RESTRICT")
    sort_order = IntegerField(default=0)  # order on the ballot
    votes = IntegerField(null=True)  # members' and representatives' votes together
    outcome = CharField(default="")  # dahe_desktop.posts.labels.OUTCOMES
    created_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("post", "member"), True),)


class BallotEntry(BaseModel):
    """One of the two entries of the counted ballots (四眼原则: both must agree)."""

    AUDIT = LOGGED

    selection = ForeignKeyField(PostSelection, backref="ballot_entries", on_delete="CASCADE")
    round = IntegerField()  # 1 or 2
    entered_by = CharField(default="")
    voted_on = DateField()
    member_voters = IntegerField()  # ballots returned by members
    rep_voters = IntegerField()  # ballots returned by villager representatives
    invalid = IntegerField(default=0)
    blank = IntegerField(default=0)
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("selection", "round"), True),)


class BallotCount(BaseModel):
    """Votes for one candidate in one entry, by group."""

    AUDIT = LOGGED

    entry = ForeignKeyField(BallotEntry, backref="counts", on_delete="CASCADE")
    candidate = ForeignKeyField(PostCandidate, on_delete="CASCADE")
    member_votes = IntegerField(default=0)
    rep_votes = IntegerField(default=0)

    class Meta:
        indexes = ((("entry", "candidate"), True),)


class TieDecision(BaseModel):
    """How the branch settled candidates tied for the last seat(s) of a post."""

    AUDIT = LOGGED

    post = ForeignKeyField(BranchPost, backref="tie_decisions", on_delete="CASCADE")
    tied = TextField()  # names of the tied candidates, as they stood
    chosen = TextField()  # names chosen
    how = TextField()  # e.g. 支委会研究决定 / 对并列候选人再次投票
    decided_on = DateField()
    created_at = DateTimeField(default=now)


class PostAppointment(BaseModel):
    """A member holding a post for the year, with the duties and targets agreed."""

    AUDIT = LOGGED

    post = ForeignKeyField(BranchPost, backref="appointments", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="post_appointments", on_delete="RESTRICT")
    source = CharField()  # 投票当选 / 支部调剂
    reason = TextField(default="")  # why the branch assigned this post (调剂)
    duties = TextField(default="")
    targets = TextField(default="")
    appointed_on = DateField()
    status = CharField(default="在岗")  # 在岗 / 离岗
    status_note = TextField(default="")
    created_at = DateTimeField(default=now)
    version = VersionField()

    class Meta:
        indexes = ((("post", "member"), True),)


class DutyLog(BaseModel):
    """履职记录: what the post holder did, when and for whom (the appraisal reads it)."""

    AUDIT = LOGGED

    appointment = ForeignKeyField(PostAppointment, backref="duty_log", on_delete="CASCADE")
    done_on = DateField(index=True)
    what = TextField()
    for_whom = CharField(default="")
    created_at = DateTimeField(default=now)


MODELS = [
    PostType, PostSelection, BranchPost, PostApplication, PostCandidate, BallotEntry,
    BallotCount, TieDecision, PostAppointment, DutyLog,
]  # fmt: skip
