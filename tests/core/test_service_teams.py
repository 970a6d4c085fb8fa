"""三队三强 teams and 视察调研: what counts for a year, and the yearly summary."""

import datetime as dt

import pytest

from dahe_desktop.service import labels as L
from dahe_desktop.service.inspections import list_inspections, save_inspection, yearly_summary
from dahe_desktop.service.records import InspectionInput, TeamInput
from dahe_desktop.service.rules import ServiceError
from dahe_desktop.service.teams import (
    dissolve_team,
    list_teams,
    save_team,
    team_detail,
    team_figures,
)
from tests.helpers.roster import small_roster


def test_team_figures_count_people_and_each_household_once(db):
    ids = small_roster()
    branch = ids["扎西村党支部"]
    group = save_team(TeamInput(branch, L.CO_PROSPERITY_GROUP, "牦牛养殖共富组", 2024, leader_id=ids["扎西多杰"],
                                trade="规模养殖", member_ids=[ids["马福祥"]], villagers=["拉毛", "尼玛"],
                                households=[("才让东智", "三社"), ("周毛", "一社")]))
    save_team(TeamInput(branch, L.ASSISTANCE_TEAM, "党员帮扶队", 2025, leader_id=ids["卓玛才让"],
                        households=[("才让东智", "三社")]))
    save_team(TeamInput(branch, L.TYPICAL_HOUSEHOLD, "尕布藏羊养殖户", 2025, leader_name="尕布", trade="规模养殖"))
    figures = team_figures(2026)
    township = figures[None]
    assert township.by_kind[L.CO_PROSPERITY_GROUP] == 1
    assert township.by_kind[L.TYPICAL_HOUSEHOLD] == 1
    assert township.co_prosperity_people == 4  # the leader, one more member, two villagers
    assert township.households_helped == 2
    assert figures[branch].trades == {"规模养殖": 1}
    detail = team_detail(group)
    assert detail.member_names == ["扎西多杰", "马福祥"] and detail.villagers == ["拉毛", "尼玛"]
    # Before it was formed, the group does not count; dissolved, it counts up to that year.
    assert team_figures(2023)[None].by_kind[L.CO_PROSPERITY_GROUP] == 0
    dissolve_team(group, 2026)
    assert [t.kind for t in list_teams(2027)] == [L.ASSISTANCE_TEAM, L.TYPICAL_HOUSEHOLD]
    assert len(list_teams(2026)) == 3


def test_a_team_is_checked_before_it_is_saved(db):
    ids = small_roster()
    with pytest.raises(ServiceError) as error:
        save_team(TeamInput(ids["扎西村党支部"], L.CO_PROSPERITY_GROUP, "", 2026, villagers=["拉毛", "拉毛"]))
    text = "\n".join(error.value.lines)
    for expected in ("请填写名称", "负责人", "写明产业", "群众成员重复：拉毛"):
        assert expected in text


def test_inspections_summarised_per_branch(db):
    ids = small_roster()
    branch = ids["扎西村党支部"]
    today = dt.date(2026, 12, 1)
    save_inspection(InspectionInput(branch, dt.date(2026, 7, 3), "经济发展", "夏季牧场饲草储备", "夏季牧场", True,
                                    [ids["扎西多杰"], ids["卓玛才让"]], "村民代表尼玛", "储草棚不足",
                                    "建议统一修建储草棚", 2, L.ADOPTED), today)
    save_inspection(InspectionInput(branch, dt.date(2026, 9, 9), "公共服务", "村卫生室", "村部",
                                    participant_ids=[ids["马福祥"]], opinions="增加巡诊"), today)
    rows = list_inspections(2026, member_id=ids["卓玛才让"])
    assert [r.topic for r in rows] == ["夏季牧场饲草储备"]
    assert rows[0].participants_text == "扎西多杰、卓玛才让、村民代表尼玛"
    summary = {s.branch_name: s for s in yearly_summary(2026)}["扎西村党支部"]
    assert (summary.inspections, summary.remote, summary.opinions, summary.adopted, summary.pending) == (2, 1, 3, 1, 1)
    assert summary.by_area["经济发展"] == 1 and summary.by_area["公共服务"] == 1
    with pytest.raises(ServiceError, match="谈不上“已采纳”"):
        save_inspection(InspectionInput(branch, dt.date(2026, 9, 9), "民主管理", "村务公开", participant_ids=[ids["马福祥"]],
                                        adoption=L.ADOPTED), today)


def test_editing_a_team_keeps_a_households_link_to_pairing(db):
    from db.models import TeamHousehold

    ids = small_roster()
    team = TeamInput(ids["扎西村党支部"], L.ASSISTANCE_TEAM, "党员帮扶队", 2025, leader_id=ids["卓玛才让"],
                     households=[("才让东智", "三社"), ("周毛", "一社")])
    team_id = save_team(team)
    TeamHousehold.update(household_ref=7).where(TeamHousehold.name == "才让东智").execute()  # as pairing would link it
    team.id, team.households = team_id, [("才让东智", "三社"), ("拉毛", "二社")]
    save_team(team)
    assert team_detail(team_id).households == [("才让东智", "三社"), ("拉毛", "二社")]
    assert TeamHousehold.get(TeamHousehold.name == "才让东智").household_ref == 7
