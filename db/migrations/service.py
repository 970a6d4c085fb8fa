"""Step: service work (visits, 社情民意 items and their steps, inspections, teams)."""

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
    """Visits, 社情民意 items and their steps, inspections, 三队三强 teams."""
    Base = _base(db)

    class Branch(Base):
        pass

    class Member(Base):
        pass

    class Visit(Base):
        member = ForeignKeyField(Member, on_delete="RESTRICT")
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        visit_date = DateField(index=True)
        kind = CharField()
        households = TextField(default="")
        heard = TextField(default="")
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now)

    class OpinionItem(Base):
        visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
        member = ForeignKeyField(Member, on_delete="RESTRICT")
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        raised_date = DateField(index=True)
        household = CharField(default="")
        category = CharField()
        content = TextField()
        route = CharField(default="")
        office = CharField(default="")
        owner = CharField(default="", index=True)
        due_date = DateField(null=True)
        status = CharField(default="已收集", index=True)
        result = TextField(default="")
        reason = TextField(default="")
        result_date = DateField(null=True)
        feedback_date = DateField(null=True)
        feedback_how = CharField(default="")
        reopened = IntegerField(default=0)
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now)

    class OpinionItemEvent(Base):
        item = ForeignKeyField(OpinionItem, on_delete="CASCADE")
        event_date = DateField()
        from_status = CharField(default="")
        to_status = CharField()
        note = TextField(default="")
        created_at = DateTimeField(default=_now)

    class Inspection(Base):
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        inspection_date = DateField(index=True)
        area = CharField()
        topic = CharField()
        places = TextField(default="")
        remote = BooleanField(default=False)
        other_participants = TextField(default="")
        findings = TextField(default="")
        opinions = TextField(default="")
        opinion_count = IntegerField(default=0)
        adoption = CharField(default="待研究")
        adoption_note = TextField(default="")
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now)

    class InspectionParticipant(Base):
        inspection = ForeignKeyField(Inspection, on_delete="CASCADE")
        member = ForeignKeyField(Member, on_delete="RESTRICT")

        class Meta:
            indexes = ((("inspection", "member"), True),)

    class Team(Base):
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        kind = CharField(index=True)
        name = CharField()
        leader = ForeignKeyField(Member, null=True, on_delete="SET NULL")
        leader_name = CharField(default="")
        trade = CharField(default="")
        formed_year = IntegerField()
        dissolved_year = IntegerField(null=True)
        note = TextField(default="")
        created_at = DateTimeField(default=_now)
        updated_at = DateTimeField(default=_now)

    class TeamMember(Base):
        team = ForeignKeyField(Team, on_delete="CASCADE")
        member = ForeignKeyField(Member, null=True, on_delete="RESTRICT")
        name = CharField()

    class TeamHousehold(Base):
        team = ForeignKeyField(Team, on_delete="CASCADE")
        name = CharField()
        place = CharField(default="")
        household_ref = IntegerField(null=True)

    db.create_tables([Visit, OpinionItem, OpinionItemEvent, Inspection, InspectionParticipant, Team, TeamMember,
                      TeamHousehold])
