"""社情民意 items: the order of steps, no feedback without a result, reopening, overdue."""

import datetime as dt

import pytest

from dahe_desktop.service import labels as L
from dahe_desktop.service.records import ItemFilter, ItemInput, ItemStep, VisitInput
from dahe_desktop.service.rules import ServiceError
from dahe_desktop.service.visits import (
    get_item,
    item_counts,
    item_history,
    list_items,
    list_visits,
    save_visit,
    take_step,
)
from tests.helpers.roster import small_roster

TODAY = dt.date(2026, 12, 1)


def visit_with(ids, *items, day=dt.date(2026, 10, 8)):
    return save_visit(VisitInput(ids["卓玛才让"], day, "走访", "才让东智户", "想修一条进社的路", list(items)), today=TODAY)


def one_item(ids, due=dt.date(2026, 11, 30), owner="村委会马主任"):
    visit_with(ids, ItemInput("基础设施", "三社进村道路雨后泥泞", "才让东智", L.ROUTE_COMMITTEE, owner=owner, due_date=due))
    return max(r.id for r in list_items(ItemFilter(year=2026), today=TODAY))


def step(item_id, to, day=dt.date(2026, 11, 10), **kw):
    return take_step([item_id], ItemStep(to, day, **kw))


def test_a_visit_records_its_items_collected(db):
    ids = small_roster()
    visit_with(ids, ItemInput("生产发展", "缺少冬季饲草", "拉毛"), ItemInput("政策咨询", "草补资金何时发放", "尼玛"))
    (visit,) = list_visits(2026)
    assert (visit.member_name, visit.items) == ("卓玛才让", 2)
    assert {i.status for i in list_items(ItemFilter(year=2026), TODAY)} == {L.COLLECTED}


def test_steps_go_in_order_and_cannot_be_skipped(db):
    item = one_item(small_roster())
    with pytest.raises(ServiceError, match="下一步只能是已上报"):
        step(item, L.IN_HAND)
    step(item, L.REPORTED)
    with pytest.raises(ServiceError, match="不能直接改为“已办结”"):
        step(item, L.SOLVED, result="已铺砂石")
    step(item, L.IN_HAND)
    step(item, L.SOLVED, result="村委会组织铺砂石2公里")
    step(item, L.FED_BACK, day=dt.date(2026, 11, 20), feedback_how="入户告知")
    row = get_item(item, TODAY)
    assert (row.status, row.result, row.feedback_date, row.feedback_how) == (
        L.FED_BACK, "村委会组织铺砂石2公里", dt.date(2026, 11, 20), "入户告知")
    assert [e.to_status for e in item_history(item)] == [L.COLLECTED, L.REPORTED, L.IN_HAND, L.SOLVED, L.FED_BACK]


def test_no_feedback_without_a_result(db):
    item = one_item(small_roster())
    step(item, L.REPORTED)
    step(item, L.IN_HAND)
    with pytest.raises(ServiceError, match="还没有办理结果，不能标为“已反馈群众”"):
        step(item, L.FED_BACK, feedback_how="电话告知")
    assert get_item(item, TODAY).status == L.IN_HAND


def test_a_result_needs_its_text_and_partial_ones_a_reason_and_feedback_how(db):
    item = one_item(small_roster())
    step(item, L.REPORTED)
    step(item, L.IN_HAND)
    with pytest.raises(ServiceError) as error:
        step(item, L.PARTLY_SOLVED)
    assert any("办理结果" in line for line in error.value.lines)
    assert any("写明原因" in line for line in error.value.lines)
    step(item, L.PARTLY_SOLVED, result="已修一半", reason="资金不足，明年列入项目")
    with pytest.raises(ServiceError, match="怎样告知群众"):
        step(item, L.FED_BACK)
    with pytest.raises(ServiceError, match="早于收集日期"):
        step(item, L.FED_BACK, day=dt.date(2026, 1, 1), feedback_how="电话告知")


def test_reopening_when_the_household_says_it_is_not_solved(db):
    item = one_item(small_roster())
    for to, kw in ((L.REPORTED, {}), (L.IN_HAND, {}), (L.SOLVED, {"result": "已铺砂石"}),
                   (L.FED_BACK, {"feedback_how": "入户告知"})):
        step(item, to, **kw)
    with pytest.raises(ServiceError, match="群众反映未解决"):
        step(item, L.IN_HAND)
    step(item, L.IN_HAND, day=dt.date(2026, 11, 25), note="一场雨后又冲坏了")
    row = get_item(item, TODAY)
    assert (row.status, row.reopened, row.result, row.feedback_date) == (L.IN_HAND, 1, "", None)
    last = item_history(item)[-1]
    assert (last.from_status, last.to_status) == (L.FED_BACK, L.IN_HAND)
    assert "一场雨后又冲坏了" in last.note and "已铺砂石" in last.note
    # Reopened and past its time limit: late again.
    assert row.overdue


def test_overdue_items_come_first_per_owner(db):
    ids = small_roster()
    late = one_item(ids, due=dt.date(2026, 11, 1), owner="马主任")
    later_due = one_item(ids, due=dt.date(2026, 12, 20), owner="马主任")
    other = one_item(ids, due=dt.date(2026, 10, 20), owner="扎西书记")
    fine = one_item(ids, due=dt.date(2026, 11, 2), owner="马主任")
    for to, kw in ((L.REPORTED, {}), (L.IN_HAND, {}), (L.SOLVED, {"result": "已解决"})):
        step(fine, to, **kw)  # a result waiting to be told is not late
    rows = list_items(ItemFilter(year=2026), TODAY)
    assert [r.id for r in rows] == [other, late, fine, later_due]  # 扎西书记's, then 马主任's
    assert [r.overdue for r in rows] == [True, True, False, False]
    assert [r.id for r in list_items(ItemFilter(overdue_only=True), TODAY)] == [other, late]
    counts = item_counts(2026, TODAY)[None]
    assert (counts["items"], counts["items_open"], counts["items_overdue"], counts["visits"]) == (4, 4, 2, 4)


def test_a_batch_step_refuses_every_item_that_cannot_take_it(db):
    ids = small_roster()
    a, b = one_item(ids), one_item(ids)
    step(a, L.REPORTED)
    with pytest.raises(ServiceError) as error:
        take_step([a, b], ItemStep(L.IN_HAND, dt.date(2026, 11, 10)))
    assert len(error.value.lines) == 1
    assert get_item(a, TODAY).status == L.REPORTED


def test_a_visit_is_checked_before_it_is_saved(db):
    ids = small_roster()
    bad = VisitInput(ids["卓玛才让"], dt.date(2027, 1, 1), "闲聊", "", "", [ItemInput("其他", "", route=L.ROUTE_OFFICE)])
    with pytest.raises(ServiceError) as error:
        save_visit(bad, today=TODAY)
    text = "\n".join(error.value.lines)
    for expected in ("还没到", "方式应为", "走访的户或地点", "反映的问题", "哪个部门"):
        assert expected in text
    assert list_visits(2027) == []
