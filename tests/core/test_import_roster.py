"""The roster importer: every kind of bad row, all-or-nothing, only the good rows, new branches."""

from __future__ import annotations

import datetime as dt

import pytest

from dahe_desktop.importing import (
    ImportRefused,
    apply_roster_import,
    preview_roster_import,
)
from dahe_desktop.roster.service import list_branches, save_branch, save_member
from dahe_desktop.roster.validation import MemberData
from db.models import Branch, Member
from tests.fixtures.rosters import (
    KNOWN_BRANCH,
    NEW_BRANCH,
    good_rows,
    member_row,
    person_id,
    write_xlsx,
)

# With the merged title in row 1 and the header in row 2, data row i is Excel row i + 3.
FIRST_DATA_ROW = 3


@pytest.fixture
def branch(db) -> int:
    return save_branch(KNOWN_BRANCH, "农牧村")


def reasons_by_row(preview) -> dict[int, str]:
    return {bad.row: bad.text for bad in preview.bad}


def test_good_file_previews_cleaned_members(branch, tmp_path):
    preview = preview_roster_import(write_xlsx(tmp_path / "good.xlsx", good_rows()))

    assert preview.bad == []
    assert preview.header_row == 2
    assert [g.row for g in preview.good] == [3, 4, 5, 6, 7]
    by_name = {g.data.name: g.data for g in preview.good}
    # names padded with spaces, full-width digits, short ethnicity names, education variants
    assert set(by_name) == {"张三", "卓玛才让", "马福海", "李秀兰", "才让东智"}
    assert by_name["张三"].ethnicity == "汉族" and by_name["张三"].education == "本科"
    assert by_name["张三"].phone == "13912345678"  # a phone stored as a number
    assert by_name["卓玛才让"].phone == "13912345679"  # written with dashes
    assert by_name["卓玛才让"].education == "大专"
    assert by_name["卓玛才让"].joined_party == dt.date(2015, 6, 1)  # 2015年6月
    assert by_name["马福海"].id_number == person_id(dt.date(1968, 11, 30), 3, "男")  # full-width
    assert by_name["马福海"].phone == "13812345670"
    # 1968年11月 in the file; the day comes from the ID number in the same row
    assert by_name["马福海"].birth_date == dt.date(1968, 11, 30)
    assert by_name["李秀兰"].education == "中专/职高/技校"
    assert by_name["李秀兰"].category == "一般党员"  # empty cell: the default
    assert by_name["才让东智"].ethnicity == "藏族" and by_name["才让东智"].category == "外出党员"
    assert [(b.name, b.kind, b.rows) for b in preview.new_branches] == [(NEW_BRANCH, "农牧村", 3)]
    assert "序号" in preview.ignored_headers and "备注" in preview.ignored_headers


def test_apply_writes_members_and_new_branches(branch, tmp_path):
    preview = preview_roster_import(write_xlsx(tmp_path / "good.xlsx", good_rows()))

    result = apply_roster_import(preview)

    assert result.imported == 5 and result.skipped == 0
    kinds = {b.name: (b.kind, b.active_members) for b in list_branches()}
    assert kinds == {KNOWN_BRANCH: ("农牧村", 2), NEW_BRANCH: ("农牧村", 3)}
    zhuoma = Member.get(Member.name == "卓玛才让")
    assert zhuoma.name_initials == "zmcr"  # searchable by pinyin like a member added by hand
    assert zhuoma.sex == "女" and zhuoma.status == "在册"


def bad_file(tmp_path):
    """One good row, then one row for each kind of mistake."""
    birth = dt.date(1980, 5, 6)
    valid = person_id(birth, 10, "男")
    wrong_check = valid[:17] + ("0" if valid[17] != "0" else "1")
    rows = [
        member_row("好人", dt.date(1970, 1, 1), 9),  # row 3
        member_row("校验错", birth, 10, 身份证号码=wrong_check),  # row 4
        member_row("", dt.date(1981, 1, 1), 11),  # row 5: missing name
        member_row("日期错", dt.date(1982, 1, 1), 12, 入党时间="2010-02-30"),  # row 6
        member_row("短电话", dt.date(1983, 1, 1), 13, 联系电话=1391234),  # row 7
        member_row("性别错", dt.date(1984, 1, 1), 14, 性别="女"),  # row 8: a man's ID number
        member_row("重复甲", dt.date(1985, 1, 1), 15),  # row 9
        member_row("重复乙", dt.date(1985, 1, 1), 15),  # row 10: the same ID as row 9
        member_row("已登记", dt.date(1986, 1, 1), 16),  # row 11: already in the roster
    ]
    return write_xlsx(tmp_path / "bad.xlsx", rows)


def test_each_kind_of_bad_row_is_named_by_its_excel_row(branch, tmp_path):
    save_member(
        MemberData(
            name="老党员",
            sex="男",
            ethnicity="汉族",
            id_number=person_id(dt.date(1986, 1, 1), 16, "男"),
            branch_id=branch,
        )
    )

    preview = preview_roster_import(bad_file(tmp_path))

    reasons = reasons_by_row(preview)
    assert [g.row for g in preview.good] == [3]
    assert sorted(reasons) == [4, 5, 6, 7, 8, 9, 10, 11]
    assert "校验位不正确" in reasons[4]
    assert "请填写姓名" in reasons[5]
    assert reasons[6].startswith("入党时间：") and "不是存在的日期" in reasons[6]
    assert reasons[7].startswith("联系电话：") and "11位" in reasons[7]
    assert "性别与身份证号" in reasons[8]
    assert "第10行" in reasons[9] and "第9行" in reasons[10] and "重复" in reasons[9]
    assert "已登记在“老党员”名下" in reasons[11]
    assert {b.row: b.name for b in preview.bad}[4] == "校验错"


def test_nothing_is_written_while_one_row_is_bad(branch, tmp_path):
    rows = [*good_rows(), member_row("短电话", dt.date(1983, 1, 1), 13, 联系电话="139")]
    preview = preview_roster_import(write_xlsx(tmp_path / "one_bad.xlsx", rows))
    assert [b.row for b in preview.bad] == [8] and len(preview.good) == 5

    with pytest.raises(ImportRefused, match="1行有误"):
        apply_roster_import(preview)

    assert Member.select().count() == 0
    assert [b.name for b in Branch.select()] == [KNOWN_BRANCH]  # no branch created either


def test_skip_invalid_imports_only_the_good_rows(branch, tmp_path):
    rows = [*good_rows(), member_row("短电话", dt.date(1983, 1, 1), 13, 联系电话="139")]
    preview = preview_roster_import(write_xlsx(tmp_path / "one_bad.xlsx", rows))

    result = apply_roster_import(preview, skip_invalid=True)

    assert (result.imported, result.skipped) == (5, 1)
    assert Member.select().where(Member.name == "短电话").count() == 0
    assert Member.select().count() == 5


def test_new_branches_need_consent(branch, tmp_path):
    preview = preview_roster_import(write_xlsx(tmp_path / "good.xlsx", good_rows()))

    with pytest.raises(ImportRefused, match=NEW_BRANCH):
        apply_roster_import(preview, create_branches=False)
    assert Member.select().count() == 0


def test_a_failed_write_rolls_back_branches_too(branch, tmp_path):
    """Someone adds a member after the preview: the insert clashes, and nothing stays."""
    preview = preview_roster_import(write_xlsx(tmp_path / "good.xlsx", good_rows()))
    taken = preview.good[-1].data
    save_member(
        MemberData(
            name="抢先",
            sex=taken.sex,
            ethnicity="汉族",
            id_number=taken.id_number,
            branch_id=branch,
        )
    )

    with pytest.raises(ImportRefused, match="重新预览"):
        apply_roster_import(preview)

    assert Member.select().count() == 1
    assert Branch.select().where(Branch.name == NEW_BRANCH).count() == 0


def test_kind_of_a_new_branch_is_guessed_from_its_name(db, tmp_path):
    rows = [
        member_row("甲", dt.date(1970, 1, 1), 1, 所在党支部="乡机关党支部"),
        member_row("乙", dt.date(1971, 1, 1), 2, 所在党支部="卫生院党支部"),
        member_row("丙", dt.date(1972, 1, 1), 3, 所在党支部="上村党支部"),
        member_row("丁", dt.date(1973, 1, 1), 4, 所在党支部=""),
    ]
    preview = preview_roster_import(write_xlsx(tmp_path / "kinds.xlsx", rows))

    assert {b.name: b.kind for b in preview.new_branches} == {
        "乡机关党支部": "机关", "卫生院党支部": "其他", "上村党支部": "农牧村",
    }  # fmt: skip
    assert reasons_by_row(preview) == {6: "请填写所在支部"}


def test_a_masked_or_numeric_id_number_says_what_happened(branch, tmp_path):
    rows = [
        member_row("打码", dt.date(1970, 1, 1), 1, 身份证号码="632522********0011"),
        member_row("数字", dt.date(1971, 1, 1), 2, 身份证号码=632522197101010021),
    ]
    reasons = reasons_by_row(preview_roster_import(write_xlsx(tmp_path / "ids.xlsx", rows)))

    assert "已打码" in reasons[3]
    assert "保存为数字" in reasons[4]


def test_year_month_typed_into_number_cells(branch, tmp_path):
    rows = [
        member_row("三月", dt.date(1985, 3, 12), 1, 出生年月=1985.03, 入党时间=2010.07),
        member_row("十月", dt.date(1985, 10, 2), 2, 出生年月=1985.1, 入党时间=2010.1),
    ]
    preview = preview_roster_import(write_xlsx(tmp_path / "numbers.xlsx", rows))

    assert preview.bad == []
    dates = {g.data.name: (g.data.birth_date, g.data.joined_party) for g in preview.good}
    assert dates["三月"] == (dt.date(1985, 3, 12), dt.date(2010, 7, 1))
    assert dates["十月"] == (dt.date(1985, 10, 2), dt.date(2010, 10, 1))


def test_short_branch_names_find_the_existing_branch(branch, tmp_path):
    rows = [
        member_row("甲", dt.date(1970, 1, 1), 1, 所在党支部="大河村"),
        member_row("乙", dt.date(1971, 1, 1), 2, 所在党支部="中共大河村支部委员会"),
    ]
    preview = preview_roster_import(write_xlsx(tmp_path / "short.xlsx", rows))

    assert preview.new_branches == [] and preview.bad == []
    assert {g.data.branch_id for g in preview.good} == {branch}


def test_two_spellings_of_a_new_branch_make_one_branch(db, tmp_path):
    rows = [
        member_row("甲", dt.date(1970, 1, 1), 1, 所在党支部="新庄村"),
        member_row("乙", dt.date(1971, 1, 1), 2, 所在党支部="新庄村党支部"),
        member_row("丙", dt.date(1972, 1, 1), 3, 所在党支部="中共新庄村支部委员会"),
    ]
    preview = preview_roster_import(write_xlsx(tmp_path / "spellings.xlsx", rows))

    assert [(b.name, b.rows) for b in preview.new_branches] == [("新庄村党支部", 3)]
    apply_roster_import(preview)
    assert [b.name for b in Branch.select()] == ["新庄村党支部"]
