"""The real schema on the county's server: a township account works on its own township
only, through the same core services the window uses; a county clerk sees every one."""

from __future__ import annotations

import datetime as dt

import peewee
import pytest

from tests.helpers.pg_server import needs_pg, scratch_database


@pytest.fixture
def county():
    from db import server
    from db.models import Branch, Member, Township
    from db.pg import security

    with scratch_database() as scratch:
        session = server.open_server(scratch.config())
        try:
            db = session_db()
            towns = {code: Township.create(code=code, name=name) for code, name in (("N", "北乡"), ("S", "南乡"))}
            branches = {code: Branch.create(name=f"{town.name}第一支部", kind="农牧村党支部", township=town)
                        for code, town in towns.items()}
            for code, name in (("N", "卓玛"), ("S", "才让"), ("S", "扎西")):
                Member.create(name=name, sex="女", ethnicity="藏族", branch=branches[code], birth_date=dt.date(1980, 1, 1))
            roles = {"N": scratch.role("north"), "clerk": scratch.role("clerk")}
            security.add_account(db, roles["N"], towns["N"].id)
            security.add_account(db, roles["clerk"], None)
            yield db, roles, branches
        finally:
            session.close()


def session_db():
    from db.connection import database

    return database.obj


def act_as(db, role):
    db.execute_sql(f'SET ROLE "{role}"' if role else "RESET ROLE")


@needs_pg
def test_a_township_account_reads_and_writes_its_own_township_only(county):
    from dahe_desktop.errors import UserError, error_lines
    from dahe_desktop.roster.query import RosterFilter, fetch_display_rows, load_index
    from dahe_desktop.roster.service import MemberData, member_data, save_member
    from dahe_desktop.stats import compute_basic_stats
    from db.models import AuditEntry, Member

    db, roles, branches = county
    south_member = Member.get(Member.name == "才让").id
    act_as(db, roles["N"])
    try:
        index = load_index(RosterFilter())
        assert [row[0] for row in fetch_display_rows(index.ids).values()] == ["卓玛"]
        assert compute_basic_stats(dt.date(2026, 12, 1)).members == 1
        with pytest.raises(Member.DoesNotExist):
            member_data(south_member)  # another township's member is not there
        mine = member_data(index.ids[0])
        into_south = MemberData(**{**mine.__dict__, "name": "新人", "branch_id": branches["S"].id})
        with pytest.raises(UserError):  # another township's branch is not there either
            save_member(into_south)
        with pytest.raises(peewee.DatabaseError) as moved, db.atomic():  # nor writable past the core
            Member.update(branch=branches["S"].id).where(Member.id == index.ids[0]).execute()
        with pytest.raises(peewee.DatabaseError) as log, db.atomic():  # the county's audit log
            list(AuditEntry.select())
        for caught, table in ((moved, "member"), (log, "audit_entry")):  # one line for the clerk
            (line,) = error_lines(caught.value)
            assert "本账户无权" in line and table in line
        assert Member.update(phone="13900000000").where(Member.id == south_member).execute() == 0
        save_member(MemberData(**{**mine.__dict__, "name": "新人"}))  # its own township: fine
    finally:
        act_as(db, None)
    assert Member.get(Member.id == south_member).phone == ""

    act_as(db, roles["clerk"])
    try:
        assert compute_basic_stats(dt.date(2026, 12, 1)).members == 4
        assert len(load_index(RosterFilter())) == 4
    finally:
        act_as(db, None)


@needs_pg
def test_every_table_of_the_schema_is_protected_or_shared(county):
    from db.models import ALL_MODELS
    from db.pg import security

    db, _, _ = county
    assert security.classify(ALL_MODELS) == []
    assert security.unprotected(db) == []
    assert "member" in {p.table for p in security.derive(ALL_MODELS)}


@needs_pg
def test_a_township_account_adds_and_renames_its_branches_beside_another_townships_names(county):
    """A new branch is the account's own township's; names need only be unique within it."""
    from dahe_desktop.roster.service import ValidationError, save_branch
    from db.models import Branch

    db, roles, branches = county
    act_as(db, roles["N"])
    try:
        added = save_branch("南乡第一支部", "农牧村")  # the south's name, in the north: fine
        with pytest.raises(ValidationError):
            save_branch("北乡第一支部", "农牧村")  # its own township has one
    finally:
        act_as(db, None)
    assert Branch.get_by_id(added).township_id == branches["N"].township_id
    act_as(db, roles["clerk"])
    try:  # a county clerk: names are checked within the branch's own township
        save_branch("北乡第二支部", "农牧村", branch_id=added)
        with pytest.raises(ValidationError):
            save_branch("北乡第一支部", "农牧村", branch_id=added)
        save_branch("北乡第一支部", "农牧村", branch_id=branches["S"].id)  # the south's branch
    finally:
        act_as(db, None)
    assert Branch.get_by_id(added).name == "北乡第二支部"


@needs_pg
def test_a_township_account_told_why_another_townships_id_number_is_refused(county):
    """The ID number is unique county-wide; the account cannot see whose it is, but reads
    what to do (a transfer through the county), not a retry."""
    from dahe_desktop.roster.idcard import make_id_number
    from dahe_desktop.roster.service import (
        ELSEWHERE,
        MemberData,
        ValidationError,
        member_data,
        save_member,
    )
    from db.models import Member

    db, roles, branches = county
    south = Member.get(Member.name == "才让")
    taken = make_id_number("632522", dt.date(1980, 1, 1), 7, "男")
    Member.update(id_number=taken, sex="男").where(Member.id == south.id).execute()
    act_as(db, roles["N"])
    try:
        mine = member_data(Member.get(Member.name == "卓玛").id)
        with pytest.raises(ValidationError) as refused:
            save_member(MemberData(**{**mine.__dict__, "name": "才让", "sex": "男", "id_number": taken}))
    finally:
        act_as(db, None)
    assert ELSEWHERE in refused.value.lines[0]
    assert Member.select().where(Member.id_number == taken).count() == 1
