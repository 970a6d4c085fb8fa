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
from tests.helpers.stores import pg_database  # noqa: F401 (a fixture)


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
    theirs = dataclasses.replace(theirs, phone="13512345678")
    loaded_at = theirs.version
    save_member(theirs, clerk_member)
    assert theirs.version == loaded_at + 1  # the saved copy now stands at the new version

    as_clerk("李明")
    with pytest.raises(StaleRecordError) as refused:
        save_member(dataclasses.replace(mine, position="支部委员"), clerk_member)
    text = "\n".join(refused.value.lines)
    assert "王芳" in text and "联系电话" in text and "18912345678→13512345678" in text
    assert "内容已保留" in text
    assert refused.value.version == theirs.version
    after = member_data(clerk_member)
    assert (after.phone, after.position, after.version) == ("13512345678", "", theirs.version)  # first change intact


def test_a_dialog_saves_twice_from_the_version_its_save_returned(clerk_member):
    copy = dataclasses.replace(member_data(clerk_member), position="支部委员")
    save_member(copy, clerk_member)
    copy.position = "支部书记"
    save_member(copy, clerk_member)  # not refused: it saves from the version it wrote
    assert member_data(clerk_member).position == "支部书记"
    assert member_data(clerk_member).version == copy.version


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


def refused_by(name: str, save) -> str:
    """Run `save` as `name` would not: expect the refusal, return its text."""
    as_clerk("李明")
    with pytest.raises(StaleRecordError) as refused:
        save()
    return "\n".join(refused.value.lines)


@pytest.mark.usefixtures("pg_database")
def test_every_edit_path_on_postgresql_too():
    test_every_edit_path_refuses_a_save_from_an_old_copy(None)


def test_every_edit_path_refuses_a_save_from_an_old_copy(db):
    from dahe_desktop import settings
    from dahe_desktop.commitments.records import CommitmentInput
    from dahe_desktop.commitments.service import member_commitments, save_member_commitments
    from dahe_desktop.pairing.service import (
        HouseholdData,
        household_data,
        save_helper,
        save_household,
        update_helper,
    )
    from dahe_desktop.posts import service as posts
    from dahe_desktop.posts.records import PostInput
    from dahe_desktop.roster.service import list_branches

    branch = save_branch("扎西村党支部", "农牧村", "扎西村")
    person = save_member(member("卓玛", "女", "藏族", dt.date(1985, 3, 12), branch, 1))

    old_branch = next(b for b in list_branches() if b.id == branch)
    as_clerk("王芳")
    save_branch("扎西村党支部", "农牧村", "扎西新村", branch_id=branch, version=old_branch.version)
    assert "所在村（扎西村→扎西新村）" in refused_by("李明", lambda: save_branch(
        "扎西村党支部", "农牧村", "扎西", branch_id=branch, version=old_branch.version))

    home = save_household(HouseholdData("才让", branch, "一社", 4))
    old_home = household_data(home)
    as_clerk("王芳")
    save_household(dataclasses.replace(old_home, people=5), home)
    assert "家庭人口（4→5）" in refused_by("李明", lambda: save_household(dataclasses.replace(old_home, notes="x"), home))
    assert household_data(home).people == 5 and household_data(home).notes == ""

    helper = save_helper("多杰", branch, "入党积极分子")
    as_clerk("王芳")
    assert update_helper(helper, settlement="二社", max_households=3, version=1) == 2
    assert "居住点（空→二社）" in refused_by("李明", lambda: update_helper(
        helper, settlement="三社", max_households=None, version=1))

    save_member_commitments(person, 2026, [CommitmentInput("兴办实事", "修路2公里", dt.date(2026, 12, 31), "群众满意")])
    loaded = member_commitments(person, 2026)[0]
    as_clerk("王芳")
    save_member_commitments(person, 2026, [CommitmentInput(loaded.area, "修路3公里", loaded.due_date, "群众满意", loaded.id,
                                                           loaded.version)])  # fmt: skip
    assert "承诺内容（修路2公里→修路3公里）" in refused_by("李明", lambda: save_member_commitments(
        person, 2026, [CommitmentInput(loaded.area, "修路5公里", loaded.due_date, "群众满意", loaded.id, loaded.version)]))
    assert member_commitments(person, 2026)[0].content == "修路3公里"

    entry = posts.list_catalogue()[0]
    as_clerk("王芳")
    posts.save_catalogue_entry(dataclasses.replace(entry, targets="新目标"))
    assert "王芳" in refused_by("李明", lambda: posts.save_catalogue_entry(dataclasses.replace(entry, duties="新职责")))

    post = posts.open_post(branch, 2026, PostInput("政策宣传岗", 1))
    row = posts.list_posts(branch, 2026)[0]
    as_clerk("王芳")
    posts.update_post(post, PostInput(row.name, 2, row.duties, row.targets, version=row.version))
    assert "名额（1→2）" in refused_by("李明", lambda: posts.update_post(
        post, PostInput(row.name, 3, row.duties, row.targets, version=row.version)))

    loaded_settings = settings.versions(*settings.TOWNSHIP_OPTIONS)
    as_clerk("王芳")
    settings.save_township("大河乡", "中共大河乡委员会", "0974-8591234", loaded=loaded_settings)
    text = refused_by("李明", lambda: settings.save_township("大河乡", "中共大河乡委员会", "0974-1111111", loaded=loaded_settings))
    assert "王芳" in text and "监督电话（空→0974-8591234）" in text
    assert settings.get(settings.SUPERVISION_PHONE) == "0974-8591234"


def test_a_plan_accepted_and_an_import_bump_the_versions_they_write(db, tmp_path):
    from dahe_desktop.importing import apply_roster_import, preview_roster_import
    from dahe_desktop.pairing.proposal import apply_proposal, plan_pairings
    from dahe_desktop.pairing.service import save_profile
    from db.models import Pairing
    from tests.fixtures.rosters import HEADER, KNOWN_BRANCH, good_rows, write_xlsx
    from tests.helpers.pairing import small_village

    save_branch(KNOWN_BRANCH, "农牧村")
    apply_roster_import(preview_roster_import(write_xlsx(tmp_path / "first.xlsx", good_rows())), create_branches=True)
    first = Member.select().order_by(Member.id).first()
    loaded = member_data(first.id)
    revised = good_rows()
    revised[0][HEADER.index("职务")] = "支部委员"
    apply_roster_import(preview_roster_import(write_xlsx(tmp_path / "revised.xlsx", revised)))
    assert member_data(first.id).version == loaded.version + 1
    with pytest.raises(StaleRecordError):  # a dialog opened before the import
        save_member(dataclasses.replace(loaded, phone="13900000000"), first.id)

    ids = small_village()
    apply_proposal(plan_pairings(2026), backup=False)
    assert all(p.version == 1 for p in Pairing.select())
    busiest = max((p.member_id for p in Pairing.select() if p.member_id),
                  key=lambda m: Pairing.select().where(Pairing.member == m).count())  # fmt: skip
    save_profile(busiest, max_households=0)  # the planner must move their households
    apply_proposal(plan_pairings(2026), backup=False)
    ended = list(Pairing.select().where(Pairing.member == busiest))
    assert ended and all(p.status == "已解除" and p.version == 2 for p in ended)
    assert ids
