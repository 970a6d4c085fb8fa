"""The commitment rules: 1 to 5 a year, status changes, overdue, progress, rollover."""

from __future__ import annotations

import datetime as dt

import pytest

from dahe_desktop.commitments import service
from dahe_desktop.commitments.records import CommitmentFilter, CommitmentInput, StatusChange
from dahe_desktop.commitments.rollover import carry_over
from dahe_desktop.commitments.rules import CommitmentError
from tests.core.test_commitments_data import commit, item, make_roster

TODAY = dt.date(2026, 9, 1)


def test_one_to_five_per_member_and_year(db):
    m = make_roster(1, 1)["大河乡第1村党支部"][0]
    with pytest.raises(CommitmentError) as refused:
        commit(m, [f"第{i}件实事" for i in range(6)])
    assert "卓玛才让2026年的承诺有6项" in refused.value.lines[0]
    assert "1至5项" in refused.value.lines[0]
    with pytest.raises(CommitmentError, match="卓玛才让2026年还没有承诺"):
        service.save_member_commitments(m, 2026, [CommitmentInput()])  # a blank row only
    ids = commit(m, [f"第{i}件实事" for i in range(5)])
    assert len(ids) == 5
    # another year is a fresh count
    assert len(commit(m, ["修缮村道"], year=2027)) == 1


def test_withdrawn_ones_free_a_place_and_cannot_come_back_past_five(db):
    m = make_roster(1, 1)["大河乡第1村党支部"][0]
    ids = commit(m, [f"第{i}件实事" for i in range(5)])
    service.set_status([ids[0]], StatusChange("已撤回", reason="草场调整，无法实施"), TODAY)
    rows = service.member_commitments(m, 2026, TODAY)
    kept = [CommitmentInput(r.area, r.content, r.due_date, r.quality, r.id) for r in rows if r.status != "已撤回"]
    service.save_member_commitments(m, 2026, [*kept, item("新修牲畜饮水点")])
    with pytest.raises(CommitmentError, match="承诺有6项"):
        service.set_status([ids[0]], StatusChange("承诺中"), TODAY)


def test_each_field_is_checked_and_named(db):
    m = make_roster(1, 1)["大河乡第1村党支部"][0]
    bad = [CommitmentInput(area="", content="修路", due_date=dt.date(2027, 1, 1), quality="")]
    with pytest.raises(CommitmentError) as refused:
        service.save_member_commitments(m, 2026, bad)
    line = refused.value.lines[0]
    assert line.startswith("卓玛才让的第1项承诺")
    assert "请选择承诺领域" in line and "完成时间应在2026年内" in line and "质量要求" in line
    assert service.list_commitments(CommitmentFilter(year=2026)) == []


def test_quick_entry_replaces_the_members_set(db):
    m = make_roster(1, 1)["大河乡第1村党支部"][0]
    a, b = commit(m, ["修缮村道", "牲畜防疫"])
    rows = service.member_commitments(m, 2026)
    keep = CommitmentInput(rows[1].area, "牲畜春秋两季防疫", rows[1].due_date, rows[1].quality, rows[1].id)
    ids = service.save_member_commitments(m, 2026, [keep, item("义务植树")], removed_ids=[a])
    assert ids[0] == b
    assert [r.content for r in service.member_commitments(m, 2026)] == ["牲畜春秋两季防疫", "义务植树"]


def test_quick_entry_never_removes_what_the_caller_did_not_name(db):
    """Three confirmed 2027 commitments plus four rollover drafts: saving the confirmed
    ones (as a 5-row dialog did) leaves every draft as it was, none silently withdrawn."""
    m = make_roster(1, 1)["大河乡第1村党支部"][0]
    commit(m, [f"2026年第{i}件" for i in range(4)], month=3)
    assert carry_over(2026).copied == 4
    confirmed = commit(m, [f"2027年第{i}件" for i in range(3)], year=2027)
    rows = service.member_commitments(m, 2027)
    assert len(rows) == 7 and sum(r.is_draft for r in rows) == 4
    shown = [CommitmentInput(r.area, r.content, r.due_date, r.quality, r.id) for r in rows if r.id in confirmed]
    service.save_member_commitments(m, 2027, shown)
    after = service.member_commitments(m, 2027)
    assert [r.status for r in after if r.is_draft] == ["承诺中"] * 4  # none withdrawn
    # dropping a draft is explicit; counting includes the confirmed ones not passed in
    draft_ids = [r.id for r in after if r.is_draft]
    service.save_member_commitments(m, 2027, [], removed_ids=draft_ids[:1])
    assert [r.status for r in service.member_commitments(m, 2027) if r.is_draft].count("已撤回") == 1
    with pytest.raises(CommitmentError, match="承诺有6项"):
        service.save_member_commitments(m, 2027, [shown[0], *[item(f"新{i}", year=2027) for i in range(3)]])


def test_status_changes_need_what_they_need(db):
    m = make_roster(1, 1)["大河乡第1村党支部"][0]
    early, late = commit(m, ["修缮村道"], month=3) + commit_more(m)
    with pytest.raises(CommitmentError, match="撤回原因"):
        service.set_status([early], StatusChange("已撤回"), TODAY)
    with pytest.raises(CommitmentError, match="完成日期"):
        service.set_status([early], StatusChange("已完成"), TODAY)
    with pytest.raises(CommitmentError, match="还没到"):
        service.set_status([early, late], StatusChange("逾期未完成"), TODAY)
    service.set_status([early], StatusChange("逾期未完成"), TODAY)
    n = service.set_status([early, late], StatusChange("已完成", dt.date(2026, 8, 30), "现场查看", "村监委会"), TODAY)
    assert n == 2
    done = service.member_commitments(m, 2026, TODAY)
    assert {(r.status, r.done_date, r.verified_by) for r in done} == {("已完成", dt.date(2026, 8, 30), "村监委会")}


def commit_more(member_id: int) -> list[int]:
    rows = service.member_commitments(member_id, 2026)
    kept = [CommitmentInput(r.area, r.content, r.due_date, r.quality, r.id) for r in rows]
    return service.save_member_commitments(member_id, 2026, [*kept, item("传授青稞种植技术", month=12)])[1:]


def test_overdue_is_past_due_and_not_done(db):
    members = make_roster(1, 2)["大河乡第1村党支部"]
    march, _december = commit(members[0], ["修缮村道"], month=3) + commit_more(members[0])
    other = commit(members[1], ["牲畜防疫"], month=4)[0]
    service.set_status([other], StatusChange("已完成", dt.date(2026, 8, 1)), TODAY)
    overdue = service.list_commitments(CommitmentFilter(year=2026, overdue_only=True), TODAY)
    assert [r.id for r in overdue] == [march]
    assert overdue[0].status_text == "逾期未完成"
    assert service.list_commitments(CommitmentFilter(year=2026, overdue_only=True), dt.date(2026, 3, 1)) == []
    service.set_status([march], StatusChange("逾期未完成"), TODAY)
    assert [r.id for r in service.list_commitments(CommitmentFilter(year=2026, overdue_only=True), TODAY)] == [march]


def test_members_without_and_progress(db):
    roster = make_roster(2, 3)
    b1, b2 = roster.values()
    commit(b1[0], ["修缮村道", "牲畜防疫"], month=3)
    commit(b1[1], ["义务植树"], month=12)
    without = service.members_without(2026)
    assert [w.id for w in without] == [b1[2], *b2]
    assert without[0].branch_name == "大河乡第1村党支部"
    progress = {p.branch_name: p for p in service.branch_progress(2026, TODAY)}
    p1 = progress["大河乡第1村党支部"]
    assert (p1.active_members, p1.members_with, p1.members_without, p1.committed, p1.done, p1.overdue) == (3, 2, 1, 3, 0, 2)
    total = service.total_progress(list(progress.values()))
    assert (total.active_members, total.members_without, total.committed) == (6, 4, 3)


def test_filters_by_branch_area_status_and_name(db):
    roster = make_roster(2, 2)
    b1, b2 = roster.values()
    commit(b1[0], ["修缮村道"])
    service.save_member_commitments(b2[0], 2026, [item("教授牧草种植", area="传授技术")])
    by_branch = service.list_commitments(CommitmentFilter(year=2026, branch_id=service.member_brief(b2[0]).branch_id))
    assert [r.content for r in by_branch] == ["教授牧草种植"]
    assert [r.content for r in service.list_commitments(CommitmentFilter(year=2026, area="传授技术"))] == ["教授牧草种植"]
    assert [r.member_name for r in service.list_commitments(CommitmentFilter(year=2026, name="zmcr"))] == ["卓玛才让"]
    assert [r.member_name for r in service.list_commitments(CommitmentFilter(year=2026, name="才让"))] == ["卓玛才让"]
    assert service.list_commitments(CommitmentFilter(year=2026, status="已完成")) == []


def test_rollover_copies_unfinished_as_drafts_once(db):
    members = make_roster(1, 2)["大河乡第1村党支部"]
    done, open_, withdrawn = commit(members[0], ["修缮村道", "牲畜防疫", "义务植树"], year=2026, month=2)
    service.set_status([done], StatusChange("已完成", dt.date(2026, 2, 1)), TODAY)
    service.set_status([withdrawn], StatusChange("已撤回", reason="搬迁"), TODAY)
    late = commit(members[1], ["带动合作社"], month=2)[0]
    service.set_status([late], StatusChange("逾期未完成"), TODAY)

    assert carry_over(2026, dry_run=True).copied == 2
    result = carry_over(2026)
    assert (result.copied, result.members) == (2, 2)
    drafts = service.list_commitments(CommitmentFilter(year=2027), TODAY)
    assert {(d.content, d.is_draft, d.status, d.due_date) for d in drafts} == {
        ("牲畜防疫", True, "承诺中", dt.date(2027, 2, 28)),
        ("带动合作社", True, "承诺中", dt.date(2027, 2, 28)),
    }
    assert {d.carried_from for d in drafts} == {open_, late}
    # drafts are not commitments yet: not counted, not printed, no status change
    assert {w.id for w in service.members_without(2027)} == set(members)
    with pytest.raises(CommitmentError, match="草稿"):
        service.set_status([drafts[0].id], StatusChange("已完成", TODAY), TODAY)

    again = carry_over(2026)
    assert (again.copied, again.already) == (0, 2)
    # dropping a draft in quick entry withdraws it, so it is not carried again either
    service.save_member_commitments(members[0], 2027, [item("新的承诺", year=2027)])
    assert carry_over(2026).copied == 0
    # confirming keeps the link and makes it count
    service.confirm_drafts([d.id for d in drafts if d.member_id == members[1]])
    assert [w.id for w in service.members_without(2027)] == []


def test_non_active_member_is_refused(db):
    from dahe_desktop.roster.service import change_status

    m = make_roster(1, 1)["大河乡第1村党支部"][0]
    change_status([m], "转出", dt.date(2026, 1, 5))
    with pytest.raises(CommitmentError, match="已转出"):
        commit(m, ["修缮村道"])


def test_chinese_punctuation_stays_full_width(db):
    m = make_roster(1, 1)["大河乡第1村党支部"][0]
    service.save_member_commitments(m, 2026, [item("修缮村道３公里，清理塌方；  平整路面（雨季前）", quality="群众满意！")])
    row = service.member_commitments(m, 2026)[0]
    assert row.content == "修缮村道3公里，清理塌方； 平整路面（雨季前）"
    assert row.quality == "群众满意！"


def test_a_broken_demo_template_raises_and_adds_nothing(db, monkeypatch):
    """The demo checks its data with a real exception (an assert vanishes under python -O)."""
    from dahe_desktop.commitments import demo

    make_roster(1, 2)
    monkeypatch.setattr(demo, "demo_inputs", lambda rng, category, year: [CommitmentInput("其他", "修路", None, "合格")])
    with pytest.raises(CommitmentError, match="卓玛才让的第1项承诺：请填写完成时间"):
        demo.add_demo_commitments(2026)
    assert service.printable_commitments(2026) == []
