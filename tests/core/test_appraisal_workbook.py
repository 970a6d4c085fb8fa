"""The score-sheet template: exported, filled in, imported into one pass; a file with bad
cells is refused naming each one, and nothing is written."""

import pytest
from openpyxl import load_workbook

from dahe_desktop.appraisal import entry, results
from dahe_desktop.appraisal.workbook import ScoreImportError, export_template, import_scores
from tests.helpers.appraisal import scoring_run


def filled_template(run_id, path, value="max"):
    export_template(run_id, path)
    book = load_workbook(path)
    for sheet in book.worksheets:
        maxima = [float(c.value.rsplit("（", 1)[1].rstrip("分）")) for c in sheet[2][5:]]
        for row in sheet.iter_rows(min_row=3):
            for cell, top in zip(row[5:], maxima, strict=False):
                cell.value = top if value == "max" else value
    book.save(path)
    return book


def test_the_template_lists_every_rater_and_member_and_imports_back(db, tmp_path):
    run_id, ids = scoring_run()
    path = tmp_path / "sheets.xlsx"
    assert export_template(run_id, path) == 3 * 4  # three raters, four members
    book = load_workbook(path)
    assert book.sheetnames == ["一般党员", "老病残党员"]
    sheet = book["一般党员"]
    assert [c.value for c in sheet[2]][:6] == ["评议人类别", "评议人编号", "评议人", "序号", "党员姓名", "学习党的理论和政策（8分）"]
    assert [c.value for c in sheet[3]][:5] == ["党员", 1, "卓玛才让", 1, "卓玛才让"]
    filled_template(run_id, path)
    summary = import_scores(run_id, path, pass_no=1)
    assert (summary.sheets, summary.rows) == (2, 12)
    summary = import_scores(run_id, path, pass_no=2)
    assert entry.compare_passes(run_id) == ([], [])
    assert all(m.total == 960 for m in results.run_results(run_id).members)


def test_every_bad_cell_is_named_and_nothing_is_written(db, tmp_path):
    run_id, ids = scoring_run()
    path = tmp_path / "sheets.xlsx"
    book = filled_template(run_id, path)
    sheet = book["一般党员"]
    sheet["F3"] = 9  # max 8
    sheet["G4"] = "好"
    sheet["H5"] = -1
    sheet["C6"] = "王五"  # not a rater
    sheet["E7"] = "张三"  # not this member
    book.save(path)
    with pytest.raises(ScoreImportError) as error:
        import_scores(run_id, path)
    assert error.value.lines == [
        "工作表“一般党员”第3行“学习党的理论和政策（8分）”：9超过满分8分",
        "工作表“一般党员”第4行“按时足额交纳党费（4分）”：“好”不是分数（数字，最多一位小数）",
        "工作表“一般党员”第5行“参加主题党日活动（4分）”：-1不能为负数",
        "工作表“一般党员”第6行：评议人“党员2号 王五”不在本次评议人名单中",
        "工作表“一般党员”第7行：序号1“张三”不是本表的考核对象",
    ]
    assert all(p.first == 0 for p in entry.entry_progress(run_id))


def test_a_file_not_from_the_template_is_refused(db, tmp_path):
    run_id, _ = scoring_run()
    path = tmp_path / "other.xlsx"
    book = filled_template(run_id, path)
    book["一般党员"]["F2"] = "别的项目"
    book.create_sheet("花名册")
    book.save(path)
    with pytest.raises(ScoreImportError) as error:
        import_scores(run_id, path)
    assert "工作表“一般党员”第2行的表头与本次考核评议的评分项目不一致，请重新导出模板" in error.value.lines
    assert any(line.startswith("工作表“花名册”不是考核类别") for line in error.value.lines)


@pytest.mark.sqlite_only("writes aimed at the SQLite data file")
def test_the_template_never_overwrites_the_data_and_logs_who_took_out_the_frail_sheet(db, tmp_path):
    from dahe_desktop.audit.service import list_entries
    from dahe_desktop.audit.viewing import FRAIL
    from dahe_desktop.safety.outputs import OutputPathError
    from db.connection import database_file

    run_id, _ = scoring_run()
    data = database_file()
    before = data.read_bytes()[:100]
    with pytest.raises(OutputPathError):
        export_template(run_id, data)
    assert data.read_bytes()[:100] == before
    frail = {s["name"] for s in entry.appraised_subjects(run_id, FRAIL)}
    assert frail  # the small roster's members past 60 without a post
    export_template(run_id, tmp_path / "t.xlsx")
    assert FRAIL in load_workbook(tmp_path / "t.xlsx").sheetnames
    viewed = {r.record.split("（")[0] for r in list_entries(table="member") if r.field == "查看"}
    assert viewed == frail


@pytest.mark.sqlite_only("writes aimed at the SQLite data file")
def test_the_template_is_never_written_over_the_data_file(db, tmp_path):
    from dahe_desktop.safety.outputs import OutputPathError

    run_id, _ = scoring_run()
    live = tmp_path / "test.sqlite3"
    before = live.read_bytes()
    with pytest.raises(OutputPathError):
        export_template(run_id, live)
    assert live.read_bytes() == before
