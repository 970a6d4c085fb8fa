"""Service work (seed §3.1-§3.3): visits and the 社情民意 items they raise, inspections
and research, and the 三队三强 teams with the households they help."""

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


class Visit(BaseModel):
    """A member's visit (进村入户访民情): who, whom or where, when, how, what was heard."""

    AUDIT = LOGGED

    member = ForeignKeyField(Member, backref="visits", on_delete="RESTRICT")
    branch = ForeignKeyField(Branch, backref="visits", on_delete="RESTRICT")  # at the time
    visit_date = DateField(index=True)
    kind = CharField()  # dahe_desktop.service.labels.VISIT_KINDS
    households = TextField(default="")  # household names or a place, as written
    heard = TextField(default="")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = VersionField()


class OpinionItem(BaseModel):
    """One problem raised (社情民意), followed from collection to the feedback."""

    AUDIT = LOGGED

    visit = ForeignKeyField(Visit, backref="items", null=True, on_delete="SET NULL")
    member = ForeignKeyField(Member, backref="opinion_items", on_delete="RESTRICT")  # who collected it
    branch = ForeignKeyField(Branch, backref="opinion_items", on_delete="RESTRICT")
    raised_date = DateField(index=True)
    household = CharField(default="")
    category = CharField()
    content = TextField()
    route = CharField(default="")  # 村党支部 / 村委会 / 乡镇部门
    office = CharField(default="")  # which township office, when routed to one
    owner = CharField(default="", index=True)  # who answers for it
    due_date = DateField(null=True)
    status = CharField(default="已收集", index=True)
    result = TextField(default="")
    reason = TextField(default="")  # why only partly or not solvable
    result_date = DateField(null=True)
    feedback_date = DateField(null=True)
    feedback_how = CharField(default="")
    reopened = IntegerField(default=0)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = VersionField()


class OpinionItemEvent(BaseModel):
    """Each step of an item, kept: the 督办 history and the reason of every reopening."""

    AUDIT = "a log of its own: each step of an item, with its note"

    item = ForeignKeyField(OpinionItem, backref="events", on_delete="CASCADE")
    event_date = DateField()
    from_status = CharField(default="")
    to_status = CharField()
    note = TextField(default="")
    created_at = DateTimeField(default=now)


class Inspection(BaseModel):
    """视察调研: members go out on a topic, bring findings and give opinions to the branch."""

    AUDIT = LOGGED

    branch = ForeignKeyField(Branch, backref="inspections", on_delete="RESTRICT")
    inspection_date = DateField(index=True)
    area = CharField()  # dahe_desktop.service.labels.INSPECTION_AREAS
    topic = CharField()
    places = TextField(default="")
    remote = BooleanField(default=False)  # went to a 艰苦/边远牧业点
    other_participants = TextField(default="")  # villager representatives etc., by name
    findings = TextField(default="")
    opinions = TextField(default="")
    opinion_count = IntegerField(default=0)
    adoption = CharField(default="待研究")
    adoption_note = TextField(default="")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = VersionField()


class InspectionParticipant(BaseModel):
    """A member who took part in an inspection."""

    AUDIT = logged_under("inspection")

    inspection = ForeignKeyField(Inspection, backref="participants", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="inspections", on_delete="RESTRICT")

    class Meta:
        indexes = ((("inspection", "member"), True),)


class Team(BaseModel):
    """A 三队三强 team or a 党群共富组 of a branch (a 产业经营典型户 is a team of one household)."""

    AUDIT = LOGGED

    branch = ForeignKeyField(Branch, backref="teams", on_delete="RESTRICT")
    kind = CharField(index=True)  # dahe_desktop.service.labels.TEAM_KINDS
    name = CharField()
    leader = ForeignKeyField(Member, backref="teams_led", null=True, on_delete="SET NULL")
    leader_name = CharField(default="")  # a villager leading (e.g. a typical household)
    trade = CharField(default="")
    formed_year = IntegerField()
    dissolved_year = IntegerField(null=True)  # the team stops counting after this year
    note = TextField(default="")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = VersionField()


class TeamMember(BaseModel):
    """A team's member: a Party member from the roster, or a villager by name."""

    AUDIT = logged_under("team")

    team = ForeignKeyField(Team, backref="members", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="team_memberships", null=True, on_delete="RESTRICT")
    name = CharField()  # the roster name at the time, or the villager's


class TeamHousehold(BaseModel):
    """A household in difficulty a team helps (帮带). Hardship is sensitive: never posted.
    `household_ref` will point at the pairing tab's household once that exists."""

    AUDIT = logged_under("team")

    team = ForeignKeyField(Team, backref="households", on_delete="CASCADE")
    name = CharField()  # the household head, as the village writes it
    place = CharField(default="")
    household_ref = IntegerField(null=True)


MODELS = [Visit, OpinionItem, OpinionItemEvent, Inspection, InspectionParticipant, Team, TeamMember, TeamHousehold]
