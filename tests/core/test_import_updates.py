"""A village's revised roster: updates by ID number, new members added, how cells were
read, summary rows skipped, all or nothing; the template and the bad rows sent back."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from dahe_desktop.importing import ImportRefused, apply_roster_import, preview_roster_import
from dahe_desktop.importing.sendback import TEMPLATE_FIELDS, write_bad_rows, write_template
from dahe_desktop.roster.service import save_branch
from db.models import Branch, Member
from tests.fixtures.rosters import (
    HEADER,
    KNOWN_BRANCH,
    NEW_BRANCH,
    good_rows,
    member_row,
    write_xlsx,
)

PHONE, POSITION, EDUCATION, BRANCH = (HEADER.index(h) for h in ("联系电话", "职务", "文化程度", "所在党支部"))


@pytest.fixture
def on_file(db, tmp_path):
    """The village's first roster, imported."""
    save_branch(KNOWN_BRANCH, "农牧村")
    preview = preview_roster_import(write_xlsx(tmp_path / "first.xlsx", good_rows()))
    apply_roster_import(preview, create_branches=True)
    return {m.name: m for m in Member.select().order_by(Member.id)}  # in the file's order (a server has no implicit one)


def test_revised_roster_updates_changed_fields_and_adds_new_members(on_file, tmp_path):
    revised = good_rows()
    for row in revised[:3]:
        row[PHONE] = "138" + str(row[PHONE])[3:-1] + "9"
    revised[0][POSITION] = "支部委员"
    revised[1][EDUCATION] = "大学本科"
    revised.append(member_row("新党员", dt.date(1991, 2, 3), 40))
    preview = preview_roster_import(write_xlsx(tmp_path / "revised.xlsx", revised))
    assert len(preview.new_rows) == 1 and len(preview.changed_rows) == 3
    assert preview.unchanged == len(good_rows()) - 3
    assert preview.change_lines()[0] == "3人联系电话有变动"
    assert "1人职务有变动" in preview.change_lines() and "1人文化程度有变动" in preview.change_lines()
    first = preview.changed_rows[0]
    assert {c.label for c in first.changes} == {"联系电话", "职务"}
    assert Member.select().count() == len(good_rows())  # the preview wrote nothing

    result = apply_roster_import(preview)
    assert (result.imported, result.updated) == (1, 3)
    assert Member.select().count() == len(good_rows()) + 1
    updated = Member.get(Member.id == first.member_id)
    assert updated.position == "支部委员" and updated.phone.startswith("138")
    assert Member.get(Member.name == "新党员").id in result.member_ids
    assert first.member_id in result.member_ids


def test_empty_cells_and_missing_columns_keep_what_is_on_file(on_file, tmp_path):
    first = good_rows()[0]
    name = next(iter(on_file))
    Member.update(position="文书", specialties="农机维修").where(Member.name == name).execute()
    row = list(first)
    row[POSITION] = None  # empty: keeps 文书
    preview = preview_roster_import(write_xlsx(tmp_path / "r.xlsx", [row]))
    assert preview.unchanged == 1 and not preview.changed_rows
    assert preview.good[0].data.specialties == "农机维修"  # no 个人特长 column: kept


def test_how_each_cell_was_read_is_shown(db, tmp_path):
    save_branch(KNOWN_BRANCH, "农牧村")
    row = member_row("李 明", dt.date(1980, 5, 6), 30, 民族="汉")
    preview = preview_roster_import(write_xlsx(tmp_path / "r.xlsx", [row]))
    texts = [r.text for r in preview.good[0].readings]
    assert "姓名：李 明→李明" in texts
    assert "民族：汉→汉族" in texts


def test_a_summary_row_is_skipped_not_bad(db, tmp_path):
    save_branch(KNOWN_BRANCH, "农牧村")
    rows = [*good_rows(), [None, "合计：5人"], ["总计", None, None, None, None, None, None, None, None, None, None, None, "5人"]]
    preview = preview_roster_import(write_xlsx(tmp_path / "r.xlsx", rows))
    assert not preview.bad
    assert [text for _row, text in preview.summary_rows] == ["合计：5人", "总计　5人"]


def test_a_bad_row_keeps_every_update_out(on_file, tmp_path):
    revised = good_rows()
    revised[0][PHONE] = "13800000000"
    revised.append(member_row("短电话", dt.date(1983, 1, 1), 13, 联系电话="139"))
    preview = preview_roster_import(write_xlsx(tmp_path / "r.xlsx", revised))
    with pytest.raises(ImportRefused):
        apply_roster_import(preview)
    assert Member.select().where(Member.phone == "13800000000").count() == 0


def test_same_id_under_another_name_is_refused_as_a_likely_typo(on_file, tmp_path):
    row = list(good_rows()[0])
    row[1] = "别人"
    preview = preview_roster_import(write_xlsx(tmp_path / "r.xlsx", [row]))
    assert len(preview.bad) == 1 and "姓名不同" in preview.bad[0].text


def test_a_branch_change_moves_the_member(on_file, tmp_path):
    other = save_branch("河东村党支部", "农牧村")
    revised = good_rows()[:1]
    was = Member.get(Member.name == "张三").branch.name
    revised[0][BRANCH] = "河东村"
    preview = preview_roster_import(write_xlsx(tmp_path / "r.xlsx", revised))
    change = {c.label: c for c in preview.changed_rows[0].changes}["所在支部"]
    assert (change.old, change.new) == (was, "河东村党支部")
    apply_roster_import(preview)
    assert Member.get_by_id(preview.changed_rows[0].member_id).branch_id == other
    assert Branch.select().count() == 3


def test_headers_the_program_does_not_know_can_be_mapped(db, tmp_path):
    save_branch(KNOWN_BRANCH, "农牧村")
    header = [h if h != "联系电话" else "移动电话" for h in HEADER]
    path = write_xlsx(tmp_path / "r.xlsx", good_rows(), header=header)
    assert "移动电话" in preview_roster_import(path).ignored_headers
    preview = preview_roster_import(path, mapping={"移动电话": "phone"})
    assert preview.columns["phone"] == "移动电话"
    assert preview.good[0].data.phone


def test_template_has_the_headers_the_import_reads(db, tmp_path):
    path = write_template(tmp_path / "模板.xlsx")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][: len(TEMPLATE_FIELDS)][:3] == ["姓名", "性别", "民族"]
    save_branch("大河村党支部", "农牧村")
    preview = preview_roster_import(path)
    assert len(preview.good) == 1 and not preview.bad  # the example row reads cleanly


def test_bad_rows_go_back_as_written_with_reasons(db, tmp_path):
    save_branch(KNOWN_BRANCH, "农牧村")
    rows = [*good_rows(), member_row("短电话", dt.date(1983, 1, 1), 13, 联系电话="139")]
    preview = preview_roster_import(write_xlsx(tmp_path / "r.xlsx", rows))
    out = write_bad_rows(preview, tmp_path / "退回.xlsx")
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "原表行号" and values[0][-1] == "问题"
    assert values[1][0] == preview.bad[0].row and "短电话" in values[1]
    assert "11位" in values[1][-1]


def test_a_secretary_moved_by_the_file_no_longer_leads_the_old_branch(on_file, tmp_path):
    moved, stays = on_file["张三"], on_file["马福海"]  # secretaries of KNOWN_BRANCH and NEW_BRANCH
    Branch.update(secretary=moved.id).where(Branch.name == KNOWN_BRANCH).execute()
    Branch.update(secretary=stays.id).where(Branch.name == NEW_BRANCH).execute()
    revised = [good_rows()[0], good_rows()[2]]
    revised[0][BRANCH] = NEW_BRANCH  # 张三 moves away from the branch he leads
    revised[1][PHONE] = "13812345679"  # 马福海 changes, stays in the branch he leads
    preview = preview_roster_import(write_xlsx(tmp_path / "moved.xlsx", revised))
    assert len(preview.changed_rows) == 2
    apply_roster_import(preview)
    assert Branch.get(Branch.name == KNOWN_BRANCH).secretary_id is None
    assert Branch.get(Branch.name == NEW_BRANCH).secretary_id == stays.id
    assert Member.get(Member.id == moved.id).branch.name == NEW_BRANCH
