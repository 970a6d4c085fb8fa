"""The demo township's service work equals the seed's §3.1 counts, with items in every state."""

import datetime as dt
import json

from dahe_desktop.dashboard.figures import compute_dashboard
from dahe_desktop.dashboard.paragraphs import teams_paragraph
from dahe_desktop.demo import build_demo
from dahe_desktop.service import labels as L
from dahe_desktop.service.inspections import list_inspections, yearly_summary
from dahe_desktop.service.records import ItemFilter
from dahe_desktop.service.teams import list_teams, team_detail
from dahe_desktop.service.visits import item_history, list_items
from main import main

TODAY = dt.date(2026, 12, 1)
# Seed §3.1: 组建支部服务队17个，党员帮扶队17个，能人示范队34个，产业经营典型户15户，…党群共富组17个
SEED_TEAMS = {"service_teams": 17, "assistance_teams": 17, "demonstration_teams": 34, "typical_households": 15,
              "co_prosperity_groups": 17}  # fmt: skip


def test_demo_dashboard_equals_the_seed(db):
    result = build_demo()
    d = compute_dashboard(2026, TODAY)
    assert {k: d.values[k] for k in SEED_TEAMS} == SEED_TEAMS
    assert d.values["co_prosperity_people"] > 1000  # 成员1000多人
    assert 100 < d.values["poor_households_helped"] < 200  # 帮带贫困户100多户
    assert d.basic.members == 367 and d.basic.branches == 20  # the base figures stay
    assert d.values["visits"] == result.visits > 0
    assert teams_paragraph(d, "大河乡").startswith(
        "大河乡通过开展“三队三强”活动，组建支部服务队17个，党员帮扶队17个，能人示范队34个，产业经营典型户15户，"
        "组建规模养殖、屠宰贩销、大棚种植等各类党群共富组17个，成员1000多人，帮带贫困户100多户。"
    )
    # Every village branch has its teams; the organs and the school have none.
    per_branch = {b.branch_name: b.values for b in d.branches}
    assert sum(1 for v in per_branch.values() if v["service_teams"] == 1) == 17
    assert per_branch["乡机关党支部"]["service_teams"] == 0


def test_demo_items_stand_in_every_state_and_some_were_reopened(db):
    build_demo()
    items = list_items(ItemFilter(year=2026), TODAY)
    assert {i.status for i in items} == set(L.ITEM_STATUSES)
    assert any(i.overdue for i in items)
    reopened = [i for i in items if i.reopened]
    assert reopened and all(i.status == L.IN_HAND and not i.result for i in reopened)
    assert item_history(reopened[0].id)[-1].from_status == L.FED_BACK
    for i in items:  # nobody was told a result there was not
        if i.status == L.FED_BACK:
            assert i.result and i.feedback_date and i.feedback_how and i.feedback_date >= i.result_date
        if i.status in L.NEEDS_REASON:
            assert i.reason


def test_demo_teams_and_inspections_read_true(db):
    build_demo()
    groups = list_teams(2026, kind=L.CO_PROSPERITY_GROUP)
    assert all(g.trade and g.party_members >= 1 and g.villagers >= 50 for g in groups)
    detail = team_detail(groups[0].id)
    assert len(set(detail.villagers)) == len(detail.villagers)
    inspections = list_inspections(2026)
    assert {i.area for i in inspections} == set(L.INSPECTION_AREAS)
    assert any(i.remote for i in inspections) and all(i.participants for i in inspections)
    assert sum(s.inspections for s in yearly_summary(2026)) == len(inspections)


def test_dashboard_cli_prints_the_figures_as_integers(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "dashboard", "--year", "2026", "--as-of", "2026-12-01", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    for key in ("service_teams", "assistance_teams", "demonstration_teams", "typical_households", "co_prosperity_groups",
                "co_prosperity_people", "poor_households_helped", "households", "households_uncovered", "commitments",
                "commitments_done", "visits", "items_open", "items_overdue"):
        assert type(figures[key]) is int, key
    assert {k: figures[k] for k in SEED_TEAMS} == SEED_TEAMS


def test_report_cli_writes_the_word_file_and_refuses_other_names(data_dir, tmp_path, capsys):
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    out = tmp_path / "概况.docx"
    assert main(["--data-dir", str(data_dir), "report", "--year", "2026", str(out)]) == 0
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "组建支部服务队17个" in text and "大河乡党委下设党支部20个，党员367名" in text
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "report", "--year", "2026", str(tmp_path / "r.txt")]) == 1
    assert "扩展名" in capsys.readouterr().err


def test_every_figure_opens_a_list_as_long_as_the_figure(db):
    from dahe_desktop.dashboard.drill import figure_list
    from dahe_desktop.dashboard.figures import FIGURES

    build_demo()
    d = compute_dashboard(2026, TODAY)
    branch = next(b for b in d.branches if b.values["visits"])
    for values, branch_id in ((d.values, None), (branch.values, branch.branch_id)):
        for key in FIGURES:
            found = figure_list(key, 2026, branch_id, TODAY)
            if found is None:
                assert key in {"households", "households_covered", "households_uncovered", "posts", "posts_filled",
                               "appraised"} or key.startswith("appraisal_"), key  # fmt: skip
            elif key == "co_prosperity_people":
                assert len(found.rows) == values["co_prosperity_groups"]
            elif key == "opinions":
                assert len(found.rows) == values["inspections"]  # each gave some
            else:
                assert len(found.rows) == values[key], key


def test_handbook_supervision_list_and_slips_from_the_demo(db):
    from dahe_desktop.service.papers import follow_up_slips, member_handbook, supervision_list

    build_demo()
    items = list_items(ItemFilter(year=2026), TODAY)
    member_id = next(i.member_id for i in items if i.status == L.FED_BACK)
    book = member_handbook(member_id, 2026, TODAY)
    assert book.visits and book.items and book.title == "党员社情民意手册（2026年）"
    told = next(i for i in book.items if i.status == L.FED_BACK)
    assert book.ending(told).startswith(told.result) and told.feedback_how in book.ending(told)
    late = next(i for i in items if i.overdue)
    chase = supervision_list(late.branch_id, 2026, TODAY)
    assert all(i.status != L.FED_BACK for i in chase.items) and late.id in {i.id for i in chase.items}
    owners = [i.owner for i in chase.items]
    for owner in set(owners):  # per owner, the overdue ones first
        flags = [i.overdue for i in chase.items if i.owner == owner]
        assert flags == sorted(flags, reverse=True)
    assert chase.days_late(next(i for i in chase.items if i.id == late.id)) == (TODAY - late.due_date).days
    (slip,) = follow_up_slips([told.id], TODAY)
    assert slip.item.result == told.result and slip.branch_name == told.branch_name
