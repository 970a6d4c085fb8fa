"""The writes that once bypassed the audit log now leave their entries: an import's new and
changed members, a household file, branches, the service records, a year rollover."""

from __future__ import annotations

import datetime as dt

from dahe_desktop.audit.service import list_entries
from dahe_desktop.commitments.rollover import carry_over
from dahe_desktop.importing import apply_roster_import, preview_roster_import
from dahe_desktop.importing.households import apply_household_import, preview_household_import
from dahe_desktop.roster.service import change_status, save_branch
from dahe_desktop.service import labels as L
from dahe_desktop.service.inspections import save_inspection
from dahe_desktop.service.records import InspectionInput, ItemInput, ItemStep, TeamInput, VisitInput
from dahe_desktop.service.teams import save_team
from dahe_desktop.service.visits import list_items, save_visit, take_step
from db.models import Branch, Member
from tests.core.test_commitments_data import commit
from tests.core.test_pairing_io import HEADER as HOUSEHOLD_HEADER
from tests.core.test_pairing_io import good_rows as household_rows
from tests.fixtures.rosters import HEADER, KNOWN_BRANCH, good_rows, member_row, write_xlsx
from tests.helpers.pairing import small_village
from tests.helpers.roster import small_roster

PHONE = HEADER.index("联系电话")


def logged(table: str, field: str | None = None) -> list:
    return [r for r in list_entries(table=table) if field is None or r.field == field]


def test_an_import_logs_each_member_it_adds_and_each_field_it_changes(db, tmp_path):
    save_branch(KNOWN_BRANCH, "农牧村")
    rows = good_rows()
    rows.append(member_row("无证党员", dt.date(1991, 2, 3), 40))
    rows[-1][HEADER.index("身份证号码")] = ""  # a member without an ID number is logged too
    apply_roster_import(preview_roster_import(write_xlsx(tmp_path / "first.xlsx", rows)), create_branches=True)
    created = logged("member", "新建")
    assert sorted(r.new for r in created) == sorted(m.name for m in Member.select())
    assert len(created) == len(rows)
    revised = good_rows()
    revised[0][PHONE] = "13800000001"
    result = apply_roster_import(preview_roster_import(write_xlsx(tmp_path / "revised.xlsx", revised)))
    assert result.updated == 1
    (phone,) = logged("member", "联系电话")
    assert phone.new == "13800000001" and phone.old != phone.new
    assert set(result.member_ids) == {m.id for m in Member.select().where(Member.phone == "13800000001")}


def test_a_household_file_logs_new_and_changed_households(db, tmp_path):
    small_village()
    before = len(logged("household", "新建"))
    path = write_xlsx(tmp_path / "h.xlsx", household_rows(), header=HOUSEHOLD_HEADER, title="农牧户")
    assert apply_household_import(preview_household_import(path)) == (3, 0)
    assert {r.new for r in logged("household", "新建")[: len(logged("household", "新建")) - before]} >= {"马福", "才让卓玛"}
    rows = household_rows()
    rows[0][4] = 6
    apply_household_import(preview_household_import(write_xlsx(tmp_path / "h2.xlsx", rows, header=HOUSEHOLD_HEADER)))
    assert ("家庭人口", "5", "6") in [(r.field, r.old, r.new) for r in logged("household")]


def test_branches_made_and_their_secretary_released_are_logged(db):
    ids = small_roster()
    branch_id = save_branch("新建村党支部", "农牧村")
    assert "新建村党支部" in [r.new for r in logged("branch", "新建")]
    home = Member.get_by_id(ids["卓玛才让"]).branch_id
    home_name = Branch.get_by_id(home).name
    save_branch(home_name, "农牧村", branch_id=home, secretary_id=ids["卓玛才让"])
    change_status([ids["卓玛才让"]], "转出", dt.date(2026, 11, 1))
    assert ("支部书记", str(ids["卓玛才让"]), "") in [(r.field, r.old, r.new) for r in logged("branch")]
    assert branch_id != home


def test_service_records_are_logged_with_their_lists_and_steps(db):
    ids = small_roster()
    branch = Member.get_by_id(ids["卓玛才让"]).branch_id
    save_visit(VisitInput(ids["卓玛才让"], dt.date(2026, 10, 8), "走访", "才让东智户", "想修路",
                          [ItemInput("基础设施", "三社进村道路雨后泥泞", "才让东智", L.ROUTE_COMMITTEE, owner="马主任",
                                     due_date=dt.date(2026, 11, 30))]), today=dt.date(2026, 12, 1))  # fmt: skip
    assert [r.new for r in logged("visit", "新建")] == ["才让东智户"]
    (item,) = list_items_of_year()
    take_step([item], ItemStep(L.REPORTED, dt.date(2026, 10, 9)))
    assert ("状态", L.COLLECTED, L.REPORTED) in [(r.field, r.old, r.new) for r in logged("opinion_item")]
    team = save_team(TeamInput(branch, L.SERVICE_TEAM, "服务队", 2025, leader_id=ids["卓玛才让"]))
    save_team(TeamInput(branch, L.SERVICE_TEAM, "服务队", 2025, leader_id=ids["卓玛才让"],
                        member_ids=[ids["卓玛才让"], ids["扎西多杰"]], id=team))  # fmt: skip
    assert ("成员", "卓玛才让", "卓玛才让、扎西多杰") in [(r.field, r.old, r.new) for r in logged("team")]
    save_team(TeamInput(branch, L.SERVICE_TEAM, "服务队", 2025, leader_id=ids["卓玛才让"], households=[("才让东智", "三社")],
                        id=team))  # fmt: skip
    (helped,) = [r for r in logged("team") if r.field == "帮带困难户"]
    assert helped.new == "（敏感信息，未显示）"  # households in difficulty, by name: shown only when asked
    assert "才让东智（三社）" in [r.new for r in list_entries(table="team", include_sensitive=True)]
    save_inspection(InspectionInput(branch, dt.date(2026, 9, 1), L.INSPECTION_AREAS[0], "草场调研",
                                    participant_ids=[ids["卓玛才让"]]), today=dt.date(2026, 12, 1))  # fmt: skip
    assert ("参加人员", "", "卓玛才让") in [(r.field, r.old, r.new) for r in logged("inspection")]


def list_items_of_year() -> list[int]:
    from dahe_desktop.service.records import ItemFilter

    return [r.id for r in list_items(ItemFilter(year=2026), today=dt.date(2026, 12, 1))]


def test_a_year_rollover_logs_each_draft_it_makes(db):
    ids = small_roster()
    commit(ids["卓玛才让"], ["养殖合作社增收", "义务植树"], month=3)
    before = len(logged("commitment", "新建"))
    result = carry_over(2026)
    assert result.copied >= 1
    assert len(logged("commitment", "新建")) - before == result.copied
