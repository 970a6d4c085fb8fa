"""Reading roster files: .xlsx, .xls, CSV in GBK and UTF-8, header variants, messy layouts."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from dahe_desktop.importing import ImportFileError, preview_roster_import
from dahe_desktop.importing.tables import decode_text
from dahe_desktop.labels import FIELD_LABELS
from dahe_desktop.roster.service import save_branch
from tests.fixtures.rosters import (
    GOOD_XLS,
    HEADER,
    KNOWN_BRANCH,
    good_rows,
    member_row,
    write_csv,
    write_xlsx,
)


@pytest.fixture
def branch(db) -> int:
    return save_branch(KNOWN_BRANCH, "农牧村")


def summary(preview) -> list[tuple]:
    """What matters of a preview, comparable across file kinds."""
    return [
        (g.data.name, g.data.sex, g.data.ethnicity, g.data.birth_date, g.data.id_number,
         g.data.education, g.data.joined_party, g.branch_name, g.data.phone, g.data.category)
        for g in preview.good
    ]  # fmt: skip


def test_xls_csv_gbk_and_csv_utf8_read_the_same_as_xlsx(branch, tmp_path):
    expected = summary(preview_roster_import(write_xlsx(tmp_path / "r.xlsx", good_rows())))
    assert len(expected) == 5

    xls = preview_roster_import(GOOD_XLS)
    gbk = preview_roster_import(write_csv(tmp_path / "gbk.csv", good_rows(), encoding="gbk"))
    bom = preview_roster_import(write_csv(tmp_path / "bom.csv", good_rows(), encoding="utf-8-sig"))
    utf8 = preview_roster_import(write_csv(tmp_path / "u8.csv", good_rows(), encoding="utf-8"))

    assert summary(xls) == expected and xls.bad == [] and xls.header_row == 2
    assert [g.row for g in xls.good] == [3, 4, 5, 6, 7]
    for csv_preview, encoding in ((gbk, "GBK"), (bom, "UTF-8 (BOM)"), (utf8, "UTF-8")):
        assert summary(csv_preview) == expected
        assert csv_preview.encoding == encoding
        assert [g.row for g in csv_preview.good] == [2, 3, 4, 5, 6]  # no title row in CSV


def test_a_workbook_with_the_wrong_extension_is_still_read(branch, tmp_path):
    renamed = tmp_path / "from_wps.xlsx"
    shutil.copyfile(GOOD_XLS, renamed)  # an old .xls saved under a new name
    assert len(preview_roster_import(renamed).good) == 5


def test_gb18030_only_characters_and_tab_separated_text(branch, tmp_path):
    rows = [member_row("䶮明", dt.date(1970, 1, 1), 1)]  # 䶮 is in GB18030, not in GBK
    path = tmp_path / "tabs.csv"
    lines = ["\t".join(HEADER)] + [
        "\t".join("" if v is None else str(v) for v in row) for row in rows
    ]
    path.write_bytes("\r\n".join(lines).encode("gb18030"))

    preview = preview_roster_import(path)

    assert preview.encoding == "GB18030"
    assert [g.data.name for g in preview.good] == ["䶮明"]


def test_decode_text_falls_back_to_detection():
    assert decode_text("姓名,性别".encode("utf-16"))[1] == "UTF-16"
    assert decode_text("姓名,性别\n张三,男\n".encode("gbk")) == ("姓名,性别\n张三,男\n", "GBK")


@pytest.mark.parametrize(
    "variants",
    [
        ["序号", "姓　名", "性 别", "民族", "出生日期", "公民身份号码", "学历", "入党日期", "党支部",
         "手机号码", "职务", "人员类别", "备注"],
        ["序号", "姓名", "性别", "民族", "出生年月（年.月）", "身份证号", "文化程度", "入党时间",
         "所在支部", "电话", "职务", "党员分类", "备注"],
    ],
)  # fmt: skip
def test_header_variants(branch, tmp_path, variants):
    preview = preview_roster_import(write_xlsx(tmp_path / "v.xlsx", good_rows(), header=variants))

    assert len(preview.good) == 5 and preview.bad == []
    assert preview.columns["id_number"] == variants[5]


def test_the_exporters_own_headers_are_read(branch, tmp_path):
    fields = ["name", "sex", "ethnicity", "birth_date", "id_number", "education", "joined_party",
              "branch", "phone", "position", "category"]  # fmt: skip
    header = ["序号", *(FIELD_LABELS[f] for f in fields), "备注"]
    preview = preview_roster_import(
        write_xlsx(tmp_path / "e.xlsx", good_rows(), header=header, title=None)
    )

    assert preview.header_row == 1 and len(preview.good) == 5


def test_two_title_rows_and_blank_rows_keep_excel_row_numbers(branch, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"] = "大河乡党员花名册"
    sheet.merge_cells("A1:M1")
    sheet["A2"] = "填报单位：新庄村党支部        填报日期：2025年3月"
    sheet.append(HEADER)  # row 3
    sheet.append(good_rows()[0])  # row 4
    sheet.append([])  # row 5 left empty
    sheet.append(good_rows()[1])  # row 6
    sheet.append(["合计：2人"])  # a footer line in the 序号 column is not a member
    book.save(tmp_path / "t.xlsx")

    preview = preview_roster_import(tmp_path / "t.xlsx")

    assert preview.header_row == 3
    assert [g.row for g in preview.good] == [4, 6] and preview.bad == []


def test_unreadable_files_say_why(db, tmp_path):
    with pytest.raises(ImportFileError, match="找不到文件"):
        preview_roster_import(tmp_path / "missing.xlsx")
    no_header = write_xlsx(tmp_path / "no_header.xlsx", [["a", "b"]], header=["x", "y"], title=None)
    with pytest.raises(ImportFileError, match="找不到表头"):
        preview_roster_import(no_header)
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(ImportFileError, match="没有数据"):
        preview_roster_import(tmp_path / "empty.csv")
    (tmp_path / "page.xls").write_text("<html><table></table></html>")
    with pytest.raises(ImportFileError, match="网页"):
        preview_roster_import(tmp_path / "page.xls")
