import datetime as dt

import pytest

from dahe_desktop.roster.query import (
    COLUMN_INDEX,
    MINORITY,
    RosterFilter,
    SortOrder,
    fetch_display_rows,
    load_index,
)
from dahe_desktop.roster.service import (
    ValidationError,
    change_status,
    list_branches,
    member_data,
    save_branch,
    save_member,
)
from dahe_desktop.roster.validation import MemberData
from db.models import Member
from tests.helpers.roster import member, small_roster


def shown(f: RosterFilter = RosterFilter(), order: SortOrder | None = None) -> list[str]:  # noqa: B008
    """Names as the table would show them for a filter and order."""
    index = load_index(f, order)
    ids = [index.ids[i] for i in index.matching(f.text)]
    rows = fetch_display_rows(ids)
    return [rows[i][0] for i in ids]


def test_save_cleans_input_and_fills_from_id(db):
    branch = save_branch("扎西村党支部", "农牧村")
    number = member("x", "女", "藏族", dt.date(1985, 3, 12), branch, 3).id_number
    mid = save_member(MemberData(name="卓玛　才让 ", ethnicity="藏", id_number=number.lower(), phone="１３９１２３４５６７８", branch_id=branch))
    data = member_data(mid)
    assert (data.name, data.ethnicity, data.sex, data.birth_date, data.phone) == (
        "卓玛才让", "藏族", "女", dt.date(1985, 3, 12), "13912345678",
    )  # fmt: skip
    assert Member.get_by_id(mid).name_initials == "zmcr"


def test_refusal_names_each_field_and_saves_nothing(db):
    branch = save_branch("扎西村党支部", "农牧村")
    with pytest.raises(ValidationError) as error:
        save_member(MemberData(name="", sex="男", ethnicity="汉族", id_number="632522198503120744", phone="139", branch_id=branch))
    fields = error.value.problems.by_field
    assert set(fields) >= {"name", "id_number", "phone"}
    assert "校验位" in fields["id_number"]
    assert Member.select().count() == 0


def test_sex_and_birth_cross_checked_against_id(db):
    branch = save_branch("扎西村党支部", "农牧村")
    data = member("卓玛", "女", "藏族", dt.date(1985, 3, 12), branch, 1)
    data.sex, data.birth_date = "男", dt.date(1986, 3, 12)
    with pytest.raises(ValidationError) as error:
        save_member(data)
    assert "不符" in error.value.problems.by_field["sex"]
    assert "不符" in error.value.problems.by_field["birth_date"]


def test_same_id_number_twice_is_refused(db):
    ids = small_roster()
    data = member_data(ids["马福祥"])
    data.name = "马福"
    with pytest.raises(ValidationError, match="马福祥"):
        save_member(data)
    save_member(member_data(ids["马福祥"]), ids["马福祥"])  # saving itself again is fine


def test_status_change_keeps_the_row_and_hides_it_from_the_default_view(db):
    ids = small_roster()
    change_status([ids["李国强"]], "去世", dt.date(2026, 5, 1), "病故")
    assert "李国强" not in shown()
    assert "李国强" in shown(RosterFilter(status=None))
    assert Member.get_by_id(ids["李国强"]).status_date == dt.date(2026, 5, 1)
    assert next(b for b in list_branches() if b.name == "扎西村党支部").active_members == 3


def test_search_by_pinyin_initials_full_pinyin_phone_and_id_tail(db):
    ids = small_roster()
    assert shown(RosterFilter(text="zmcr")) == ["卓玛才让"]
    assert shown(RosterFilter(text="ZhaXi")) == ["扎西多杰"]
    assert shown(RosterFilter(text="45672")) == ["马福祥"]
    tail = Member.get_by_id(ids["张晓梅"]).id_number[-4:]
    assert "张晓梅" in shown(RosterFilter(text=tail))


def test_refining_a_search_gives_the_same_as_searching_afresh(db):
    small_roster()
    index = load_index(RosterFilter())
    for text in ("z", "zh", "zhu", "zh", "", "x"):
        fresh = load_index(RosterFilter()).matching(text)
        assert index.matching(text) == fresh


def test_a_search_in_any_order_and_filter_finds_the_same_people(db):
    """The search texts are read apart from the order: each must stay with its member."""
    ids = small_roster()
    rural = ids["扎西村党支部"]
    for order in (None, SortOrder(0), SortOrder(0, descending=True), SortOrder(COLUMN_INDEX["age"])):
        assert sorted(shown(RosterFilter(text="zh"), order)) == sorted(["卓玛才让", "张晓梅", "扎西多杰"])
        assert shown(RosterFilter(text="zhaxi"), order) == ["扎西多杰"]
        assert shown(RosterFilter(text="zmcr", branch_id=rural), order) == ["卓玛才让"]
        assert shown(RosterFilter(text="zmcr", sex="男"), order) == []


def test_filters_combine(db):
    ids = small_roster()
    rural = ids["扎西村党支部"]
    assert shown(RosterFilter(branch_id=rural, sex="女")) == ["卓玛才让"]
    assert sorted(shown(RosterFilter(ethnicity=MINORITY))) == ["卓玛才让", "扎西多杰", "马福祥"]
    assert shown(RosterFilter(ethnicity="汉族", branch_id=rural)) == ["李国强"]


def test_sort_names_in_pinyin_order_dates_and_empty_last(db):
    small_roster()
    assert shown(order=SortOrder(0)) == ["李国强", "马福祥", "张晓梅", "扎西多杰", "卓玛才让"]
    birth, age, position = (COLUMN_INDEX[k] for k in ("birth_date", "age", "position"))
    assert shown(order=SortOrder(birth, descending=True))[0] == "马福祥"  # youngest
    assert shown(order=SortOrder(age))[0] == "马福祥"  # 年龄 ascending: the youngest first
    Member.update(position="支部书记").where(Member.name == "李国强").execute()
    assert shown(order=SortOrder(position))[0] == "李国强"  # empty values go last,
    assert shown(order=SortOrder(position, descending=True))[0] == "李国强"  # whichever the direction


def test_an_id_number_saved_between_check_and_write_is_refused_naming_the_field(db, monkeypatch):
    """Two saves racing: the check passed before the other one was written."""
    import dahe_desktop.roster.service as service
    from dahe_desktop.roster.validation import Problems

    ids = small_roster()
    data = member_data(ids["马福祥"])
    data.name = "马福"
    real_check = service.check_member
    calls = []

    def check_before_the_other_save(data, member_id=None, today=None):
        calls.append(member_id)
        cleaned, problems = real_check(data, member_id, today)
        return (cleaned, Problems()) if len(calls) == 1 else (cleaned, problems)

    monkeypatch.setattr(service, "check_member", check_before_the_other_save)
    with pytest.raises(ValidationError) as refused:
        save_member(data)
    assert refused.value.lines == ["身份证号：该身份证号已登记在“马福祥”名下"]
    assert Member.select().count() == 5


def test_branch_rules(db):
    ids = small_roster()
    with pytest.raises(ValidationError, match="已有"):
        save_branch("扎西村党支部", "农牧村")
    with pytest.raises(ValidationError, match="书记"):
        save_branch("乡机关党支部", "机关", secretary_id=ids["卓玛才让"], branch_id=ids["乡机关党支部"])
    save_branch("扎西村党支部", "农牧村", "扎西村", ids["扎西多杰"], ids["扎西村党支部"])
    row = next(b for b in list_branches() if b.id == ids["扎西村党支部"])
    assert row.secretary_name == "扎西多杰"


def test_a_secretary_who_leaves_or_moves_no_longer_leads_the_branch(db):
    ids = small_roster()
    rural, organ = ids["扎西村党支部"], ids["乡机关党支部"]
    save_branch("扎西村党支部", "农牧村", "扎西村", ids["扎西多杰"], rural)
    change_status([ids["扎西多杰"]], "去世", dt.date(2026, 5, 1))
    assert next(b for b in list_branches() if b.id == rural).secretary_id is None

    save_branch("扎西村党支部", "农牧村", "扎西村", ids["马福祥"], rural)
    moved = member_data(ids["马福祥"])
    moved.branch_id = organ
    save_member(moved, ids["马福祥"])
    assert next(b for b in list_branches() if b.id == rural).secretary_id is None


def test_position_length_is_capped_for_print(db):
    ids = small_roster()
    data = member_data(ids["马福祥"])
    data.position = "村" * 31
    with pytest.raises(ValidationError) as error:
        save_member(data, ids["马福祥"])
    assert "职务过长" in error.value.problems.by_field["position"]


def test_a_snapshot_checks_like_the_store(db):
    """An import checks rows against one snapshot: same refusals as one query per row."""
    from dahe_desktop.roster.service import check_member, roster_snapshot

    ids = small_roster()
    snapshot = roster_snapshot()
    taken = member_data(ids["马福祥"])
    taken.name = "马福"
    gone = member_data(ids["马福祥"])
    gone.branch_id = max(snapshot.branch_ids) + 1
    for data, member_id in ((taken, None), (member_data(ids["马福祥"]), ids["马福祥"]), (gone, ids["马福祥"])):
        _, from_store = check_member(data, member_id)
        _, from_snapshot = check_member(data, member_id, snapshot=snapshot)
        assert from_snapshot.by_field == from_store.by_field
    assert "马福祥" in check_member(taken, snapshot=snapshot)[1].by_field["id_number"]
    assert "支部不存在" in check_member(gone, ids["马福祥"], snapshot=snapshot)[1].by_field["branch"]


def test_sorting_by_birth_or_id_does_not_tell_the_hidden_day(db):
    """Two members born in one month, the later-born first by id: sorted by 出生日期, 年龄
    or 身份证号 they keep their id order (the table shows only the month)."""
    ids = small_roster()
    branch = ids["扎西村党支部"]
    late = save_member(member("甲", "男", "汉族", dt.date(1970, 6, 28), branch, 40))
    early = save_member(member("乙", "男", "汉族", dt.date(1970, 6, 2), branch, 40))  # shown alike
    for key in ("birth_date", "age", "id_number"):
        for descending in (False, True):
            order = load_index(RosterFilter(), SortOrder(COLUMN_INDEX[key], descending)).ids
            assert order.index(late) < order.index(early), (key, descending)
