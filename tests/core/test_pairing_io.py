"""Households in and out (`import households`, `export households`) and `plan pairing`."""

from __future__ import annotations

import pytest

import main
from dahe_desktop.demo import build_demo
from dahe_desktop.exporting.households import export_households
from dahe_desktop.importing.households import apply_household_import, preview_household_import
from dahe_desktop.importing.roster import ImportRefused
from dahe_desktop.pairing.service import save_profile
from db import close_database, open_database
from db.connection import DB_FILENAME
from db.models import Household
from tests.fixtures.rosters import write_csv, write_xlsx
from tests.helpers.pairing import small_village

HEADER = ["序号", "户主姓名", "所属村", "自然村", "人口数", "手机号码", "户类型", "外出党员", "备注"]


def good_rows():
    return [
        [1, "  多杰才让 ", "扎西村", "一社", 5, 13912340001.0, "一般", None, None],
        [2, "马 福", "扎西村党支部", "二社", "４", "139-1234-0002", "低保", None, "独居老人"],
        [3, "才让卓玛", "扎西村", "一社", 3.0, None, "流动党员户", "外出才让", None],
    ]


def bad_rows():
    return [
        [4, None, "扎西村", "一社", 3, None, "一般户", None, None],  # no head
        [5, "李四", "扎西村", "一社", 0, None, "一般户", None, None],  # impossible people
        [6, "王五", "扎西村", "一社", 3, "1391234", "一般户", None, None],  # short phone
        [7, "赵六", "扎西村", "一社", 3, None, "富裕户", None, None],  # unknown kind
        [8, "多杰才让", "扎西村", "三社", 5, "13912340001", "一般户", None, None],  # row 3 again
        [9, "钱七", "无名村", "一社", 3, None, "一般户", None, None],  # unknown village
    ]


def test_a_household_file_is_imported_and_reimport_updates_by_head_village_phone(db, tmp_path):
    small_village()
    before = Household.select().count()
    path = write_xlsx(tmp_path / "h.xlsx", good_rows(), header=HEADER, title="扎西村农牧户花名册")
    preview = preview_household_import(path)
    assert preview.bad == [] and preview.new == 3
    assert apply_household_import(preview) == (3, 0)
    mafu = Household.get(Household.head == "马福")
    assert (mafu.people, mafu.phone, mafu.kind, mafu.settlement, mafu.notes) == (4, "13912340002", "低保户", "二社", "独居老人")
    assert Household.get(Household.head == "才让卓玛").away_member.name == "外出才让"
    rows = good_rows()
    rows[0][4] = 6  # 多杰才让's family has grown
    again = preview_household_import(write_csv(tmp_path / "h.csv", rows, encoding="gbk", header=HEADER))
    assert (again.new, again.updated) == (0, 3)
    apply_household_import(again)
    assert Household.select().count() == before + 3
    assert Household.get(Household.head == "多杰才让").people == 6


def test_bad_rows_are_named_by_row_number_and_nothing_is_imported(db, tmp_path):
    small_village()
    before = Household.select().count()
    path = write_xlsx(tmp_path / "h.xlsx", good_rows() + bad_rows(), header=HEADER, title="扎西村农牧户花名册")
    preview = preview_household_import(path)
    # title row 1, header row 2: data starts on row 3
    bad = {b.row: b.text for b in preview.bad}
    assert set(bad) == {3, 6, 7, 8, 9, 10, 11}
    assert bad[6] == "请填写户主姓名"
    assert "家庭人口应为1到30之间的整数" in bad[7]
    assert "手机号码应为以1开头的11位数字，现为7位" in bad[8]
    assert "户类别“富裕户”无法识别" in bad[9]
    assert bad[3] == "与第10行是同一户（户主、村、电话相同）" and bad[10] == "与第3行是同一户（户主、村、电话相同）"
    assert "所在村“无名村”不是已有的党支部或村" in bad[11]
    with pytest.raises(ImportRefused, match="有7行有误，未导入任何数据"):
        apply_household_import(preview)
    assert Household.select().count() == before


def test_export_writes_the_import_headers_and_reads_back(db, tmp_path):
    small_village()
    path = tmp_path / "out.xlsx"
    assert export_households(path, year=2026) == 12
    preview = preview_household_import(path)
    assert preview.bad == [] and preview.updated == 12


def run(data_dir, *args: str) -> int:
    return main.main(["--data-dir", str(data_dir), *args])


def test_plan_pairing_cli_applies_and_exits_1_when_full_coverage_is_impossible(data_dir, capsys):
    open_database(data_dir / DB_FILENAME)
    try:
        ids = small_village()
        for name in ("才让书记", "卓玛", "多杰"):
            save_profile(ids[name], max_households=2)
    finally:
        close_database()
    assert run(data_dir, "plan", "pairing", "--year", "2026") == 1
    out, err = capsys.readouterr()
    assert "proposal: 9 changes, 0 pairs kept" in out and "uncovered: 扎西村党支部" in out
    assert "full coverage is impossible: 3 households uncovered" in err
    assert "差3户" in err
    assert run(data_dir, "plan", "pairing", "--year", "2026", "--apply", "--branch", "扎西村党支部") == 1
    out, _ = capsys.readouterr()
    assert "applied 9 changes" in out and "after: 2026年：在册农户12户，已联系9户" in out
    assert run(data_dir, "plan", "pairing", "--year", "2026", "--branch", "无此支部") == 1
    assert "没有名为“无此支部”的支部" in capsys.readouterr().err


def test_plan_pairing_cli_on_the_demo_is_complete(data_dir, capsys):
    open_database(data_dir / DB_FILENAME)
    try:
        build_demo()
    finally:
        close_database()
    assert run(data_dir, "plan", "pairing", "--year", "2026") == 0
    out, _ = capsys.readouterr()
    assert "已全覆盖" in out and "proposal: 0 changes" in out


def test_the_cli_exports_households_only_when_the_sensitive_kinds_are_confirmed(data_dir, tmp_path, capsys):
    open_database(data_dir / DB_FILENAME)
    try:
        small_village()
    finally:
        close_database()
    target = tmp_path / "homes.xlsx"
    assert run(data_dir, "export", "households", str(target)) == 1
    assert "--include-sensitive" in capsys.readouterr().err and not target.exists()
    assert run(data_dir, "export", "households", str(target), "--include-sensitive") == 0
    assert "exported 12 households" in capsys.readouterr().out
    assert run(data_dir, "audit", "--table", "household") == 0
    assert "查看" in capsys.readouterr().out  # the hardship households' viewing is logged
