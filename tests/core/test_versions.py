"""Concurrent clerks, no lost updates: two loads of one record, one save, then the other
save is refused naming who changed what; nothing is lost; every update bumps the version."""

import dataclasses
import datetime as dt

import pytest

from dahe_desktop.audit.service import start as start_audit
from dahe_desktop.roster.service import change_status, member_data, save_branch, save_member
from dahe_desktop.versions import StaleRecordError
from db import audit
from db.models import Member
from tests.helpers.roster import member


@pytest.fixture
def clerk_member(db):
    branch = save_branch("扎西村党支部", "农牧村")
    data = member("卓玛", "女", "藏族", dt.date(1985, 3, 12), branch, 1)
    data.phone = "18912345678"
    return save_member(data)


def as_clerk(name: str) -> None:
    start_audit(name)


@pytest.fixture(autouse=True)
def no_clerk_after():
    yield
    audit.set_default_clerk("")


def test_second_save_from_an_old_copy_is_refused_naming_the_first_clerk_and_field(clerk_member):
    mine, theirs = member_data(clerk_member), member_data(clerk_member)
    as_clerk("王芳")
    saved = save_member(dataclasses.replace(theirs, phone="13512345678"), clerk_member)
    assert saved.version == theirs.version + 1

    as_clerk("李明")
    with pytest.raises(StaleRecordError) as refused:
        save_member(dataclasses.replace(mine, position="支部委员"), clerk_member)
    text = "\n".join(refused.value.lines)
    assert "王芳" in text and "联系电话" in text and "18912345678→13512345678" in text
    assert "内容已保留" in text
    assert refused.value.version == saved.version
    after = member_data(clerk_member)
    assert (after.phone, after.position, after.version) == ("13512345678", "", saved.version)  # first change intact


def test_a_reloaded_copy_saves_and_a_dialog_saves_twice_from_the_returned_version(clerk_member):
    loaded = member_data(clerk_member)
    first = save_member(dataclasses.replace(loaded, position="支部委员"), clerk_member)
    second = save_member(dataclasses.replace(loaded, position="支部书记", version=first.version), clerk_member)
    assert second.version == first.version + 1
    assert member_data(clerk_member).position == "支部书记"


def test_every_update_bumps_the_version_without_the_call_site_asking(clerk_member):
    before = member_data(clerk_member).version
    Member.update(phone="13600000000").where(Member.id == clerk_member).execute()  # a plain update
    change_status([clerk_member], "转出", dt.date.today())  # a bulk one through the audit log
    row = Member.get_by_id(clerk_member)
    assert row.version == before + 2
    row.position = "委员"
    row.save()  # an instance save never writes the version it holds back
    assert Member.get_by_id(clerk_member).version == before + 3


def test_a_change_outside_the_log_is_still_refused(clerk_member):
    loaded = member_data(clerk_member)
    Member.update(phone="13600000000").where(Member.id == clerk_member).execute()
    with pytest.raises(StaleRecordError) as refused:
        save_member(dataclasses.replace(loaded, position="委员"), clerk_member)
    assert "已被修改" in refused.value.lines[0]
    assert member_data(clerk_member).phone == "13600000000"


def test_the_check_is_one_statement_in_the_core_write(clerk_member, db):
    with pytest.raises(audit.StaleWrite):
        from db import changes, writing

        with writing(changes.MEMBERS):
            audit.update(Member, {"phone": "13700000000"}, [clerk_member], expected_version=99)
    assert Member.get_by_id(clerk_member).phone == "18912345678"  # rolled back
