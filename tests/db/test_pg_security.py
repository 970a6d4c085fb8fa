"""Row-level security on the county's server: a township account sees and changes only
its own township; a county clerk sees all. The policies are derived from the models, so
the mechanism is tested on tables of its own here, and on the real schema below."""

from __future__ import annotations

import peewee
import pytest
from peewee import CharField, ForeignKeyField, Model, TextField

from db.pg import security
from tests.helpers.pg_server import needs_pg, scratch_database


def scratch_models(db: peewee.Database | None) -> dict[str, type[Model]]:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Township(Base):
        code = CharField(unique=True)
        name = CharField()

    class Branch(Base):
        name = CharField()
        township = ForeignKeyField(Township, null=True)

    class Member(Base):
        name = CharField()
        branch = ForeignKeyField(Branch)

    class Visit(Base):  # two keys into township data: both must be the account's own
        member = ForeignKeyField(Member)
        branch = ForeignKeyField(Branch)

    class VisitNote(Base):  # a grandchild, through a key that may be empty
        visit = ForeignKeyField(Visit, null=True)
        text = TextField()

    class Catalogue(Base):
        name = CharField()

    return {m.__name__: m for m in (Township, Branch, Member, Visit, VisitNote, Catalogue)}


def test_policies_follow_the_keys_from_the_township_column_down():
    models = scratch_models(None)
    policies = {p.table: p.expression for p in security.derive(list(models.values()))}
    assert list(policies) == ["branch", "member", "visit", "visit_note"]  # parents first
    assert "township_id = (SELECT dahe_township(current_user))" in policies["branch"]
    assert "branch_id IN (SELECT id FROM branch)" in policies["member"]
    assert "member_id IN (SELECT id FROM member) AND branch_id IN (SELECT id FROM branch)" in policies["visit"]
    assert "visit_id IS NULL OR visit_id IN (SELECT id FROM visit)" in policies["visit_note"]


def test_a_table_neither_owned_nor_shared_is_named():
    models = scratch_models(None)
    lines = security.classify(list(models.values()))
    assert len(lines) == 1 and "catalogue" in lines[0]


def test_every_table_of_the_schema_is_township_owned_or_declared_shared():
    """Runs without a server: a new table must either lead to a township (then it gets its
    policy) or be named in `security.SHARED` with why."""
    from db.models import ALL_MODELS

    assert security.classify(ALL_MODELS) == []
    owned = {p.table for p in security.derive(ALL_MODELS)}
    assert {"branch", "member", "commitment", "visit", "household", "appraisal_sheet"} <= owned
    assert not owned & set(security.SHARED)


def test_keys_that_only_point_at_each_other_are_refused():
    Township = scratch_models(None)["Township"]

    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Owned(Base):
        township = ForeignKeyField(Township)

    class Left(Base):  # owned through `owned`, and waits for Right's policy
        owned = ForeignKeyField(Owned)
        right = peewee.DeferredForeignKey("Right", null=True)

    class Right(Base):  # owned through Left, and waits for Left's policy
        left = ForeignKeyField(Left, null=True)

    peewee.DeferredForeignKey.resolve(Right)
    with pytest.raises(security.SecurityError):
        security.derive([Township, Owned, Left, Right])
    assert [p.table for p in security.derive([Township, Owned])] == ["owned"]


@pytest.fixture
def township_db():
    with scratch_database() as scratch:
        db = scratch.database()
        db.connect()
        models = scratch_models(db)
        db.create_tables(list(models.values()))
        yield scratch, db, models
        db.close()


def as_role(db: peewee.Database, role: str | None) -> None:
    db.execute_sql(f'SET ROLE "{role}"' if role else "RESET ROLE")


@needs_pg
def test_a_township_account_sees_and_changes_only_its_township(township_db):
    scratch, db, m = township_db
    Township, Branch, Member, Visit = m["Township"], m["Branch"], m["Member"], m["Visit"]
    north, south = Township.create(code="N", name="北乡"), Township.create(code="S", name="南乡")
    n_branch, s_branch = Branch.create(name="北一", township=north), Branch.create(name="南一", township=south)
    Member.create(name="卓玛", branch=n_branch)
    s_member = Member.create(name="才让", branch=s_branch)
    Visit.create(member=s_member, branch=s_branch)
    models = list(m.values())
    installed = security.install(db, models=[x for x in models if x.__name__ != "Catalogue"])
    assert {p.table for p in installed} == {"branch", "member", "visit", "visit_note"}
    assert security.unprotected(db, models) == []
    north_role, clerk = scratch.role("north"), scratch.role("clerk")
    assert security.add_account(db, north_role, north.id, models=models) is True
    security.add_account(db, clerk, None, models=models)

    as_role(db, north_role)
    try:
        assert [r.name for r in Member.select()] == ["卓玛"]
        assert Visit.select().count() == 0
        assert [r.name for r in Branch.select()] == ["北一"]
        with pytest.raises(peewee.DatabaseError), db.atomic():  # into the other township's branch
            Member.create(name="外人", branch=s_branch.id)
        with pytest.raises(peewee.DatabaseError), db.atomic():  # a branch of the other township
            Branch.create(name="南二", township=south.id)
        assert Member.update(name="改").where(Member.id == s_member.id).execute() == 0  # invisible
        assert Branch.update(name="改").where(Branch.id == s_branch.id).execute() == 0
        with pytest.raises(peewee.DatabaseError), db.atomic():  # moving its own member away
            Member.update(branch=s_branch.id).where(Member.name == "卓玛").execute()
        with pytest.raises(peewee.DatabaseError), db.atomic():  # a visit to the other's member
            Visit.create(member=s_member.id, branch=n_branch.id)
        Member.create(name="新人", branch=n_branch.id)  # its own: allowed
    finally:
        as_role(db, None)

    as_role(db, clerk)
    try:
        assert sorted(r.name for r in Member.select()) == ["卓玛", "才让", "新人"]
        assert Visit.select().count() == 1
    finally:
        as_role(db, None)
    assert Member.get(Member.id == s_member.id).name == "才让"

    security.add_account(db, clerk, north.id, models=models)  # a clerk made a township account
    as_role(db, clerk)
    try:
        assert [r.name for r in Member.select().order_by(Member.id)] == ["卓玛", "新人"]
    finally:
        as_role(db, None)


@needs_pg
def test_the_tables_owner_is_bound_by_the_policies_too(township_db):
    scratch, db, m = township_db
    owner = scratch.role("owner")
    db.execute_sql(f'CREATE ROLE "{owner}"')
    for table in ("township", "branch", "member", "visit", "visit_note", "catalogue"):
        db.execute_sql(f'ALTER TABLE {table} OWNER TO "{owner}"')
    db.execute_sql(f'GRANT CREATE ON SCHEMA public TO "{owner}"')
    north, south = m["Township"].create(code="N", name="北乡"), m["Township"].create(code="S", name="南乡")
    m["Branch"].create(name="北一", township=north)
    as_role(db, owner)
    try:
        security.install(db, models=list(m.values()))  # the owner becomes a county account
        assert m["Branch"].select().count() == 1
        db.execute_sql(f"UPDATE {security.ACCOUNTS} SET township_id = %s WHERE role = current_user", (south.id,))
        assert m["Branch"].select().count() == 0  # FORCE: the owner is not exempt
    finally:
        as_role(db, None)


@needs_pg
def test_a_table_added_later_is_protected_and_granted_to_every_account(township_db):
    scratch, db, m = township_db
    first = [m["Township"], m["Branch"], m["Member"]]
    security.install(db, models=first)
    north = m["Township"].create(code="N", name="北乡")
    south_branch = m["Branch"].create(name="南一", township=m["Township"].create(code="S", name="南乡"))
    m["Visit"].create(member=m["Member"].create(name="才让", branch=south_branch), branch=south_branch)
    role = scratch.role("north")
    security.add_account(db, role, north.id, models=first)
    later = [*first, m["Visit"]]  # the next version adds a table
    assert security.needs_install(db, later) and not security.needs_install(db, first)
    security.install(db, models=later)
    assert not security.needs_install(db, later) and security.unprotected(db, later) == []
    as_role(db, role)
    try:
        assert m["Visit"].select().count() == 0  # granted, and filtered
    finally:
        as_role(db, None)
    assert m["Visit"].select().count() == 1
