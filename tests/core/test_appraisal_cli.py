"""`main.py appraisal results|template|import` end to end, and the demo's finalized runs."""

from __future__ import annotations

import json

from openpyxl import load_workbook

import main
from dahe_desktop.appraisal import entry, results, runs
from dahe_desktop.appraisal.labels import FINALIZED, RATER_MEMBERS, RATER_REPRESENTATIVES
from dahe_desktop.demo import build_demo
from db import close_database, open_database
from db.connection import DB_FILENAME
from tests.helpers.appraisal import scoring_run


def test_the_demo_has_a_finalized_run_in_every_branch_and_the_cli_reads_it(data_dir, capsys):
    open_database(data_dir / DB_FILENAME)
    try:
        demo = build_demo()
        assert demo.appraised > 300
        listed = runs.list_runs(2026)
        assert len(listed) == 20 and {state for *_, state in listed} == {"已定档"}
        overridden, groups = [], set()
        for run_id, *_ in listed:
            res = results.run_results(run_id)
            assert res.run.state == FINALIZED and res.counted
            assert entry.compare_passes(run_id) == ([], [])  # both passes entered and agreed
            groups |= {r.group for r in runs.list_raters(run_id)}
            overridden += [m for m in res.members if m.overridden]
            assert all(m.measures for m in res.members if m.grade in ("基本合格", "不合格"))
        assert groups == {RATER_MEMBERS, RATER_REPRESENTATIVES}
        assert 1 <= len(overridden) <= 3 and all(m.grade_reason for m in overridden)
        branch = listed[1][1]
        # beside each member: the demo's 设岗定责 posts and their duty log
        from dahe_desktop.appraisal.context import member_context

        contexts = [member_context(s.id) for s in runs.list_subjects(listed[1][0])]
        posts = [line for c in contexts for line in c.sections[1].lines]
        assert any("履职记录" in line for line in posts)
    finally:
        close_database()
    assert main.main(["--data-dir", str(data_dir), "appraisal", "results", "--year", "2026", "--branch", branch, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["branch"] == branch and out["state"] == "finalized" and out["counted"]
    graded = [m for m in out["members"] if not m["excused"]]
    assert graded and all(isinstance(m["total"], float) and m["grade"] and m["suggested_grade"] for m in graded)
    assert all(m["total"] == round(m["total"], 1) for m in graded)
    assert main.main(["--data-dir", str(data_dir), "appraisal", "results", "--year", "2026", "--branch", branch]) == 0
    assert "（已定档）" in capsys.readouterr().out


def test_template_and_import_from_the_command_line(data_dir, tmp_path, capsys):
    open_database(data_dir / DB_FILENAME)
    try:
        scoring_run()
    finally:
        close_database()
    base = ["--data-dir", str(data_dir), "appraisal"]
    template = tmp_path / "t.xlsx"
    assert main.main([*base, "template", "--year", "2026", "--branch", "扎西村党支部", str(template)]) == 0
    book = load_workbook(template)
    book["一般党员"]["F3"] = 99
    book.save(template)
    assert main.main([*base, "import", "--year", "2026", "--branch", "扎西村党支部", str(template)]) == 1
    assert "工作表“一般党员”第3行“学习党的理论和政策（8分）”：99超过满分8分" in capsys.readouterr().err
    book["一般党员"]["F3"] = 7.5
    book.save(template)
    assert main.main([*base, "import", "--year", "2026", "--branch", "扎西村党支部", "--pass", "2", str(template)]) == 0
    assert "已导入第2遍：2个工作表，1行，1个分数" in capsys.readouterr().out
    assert main.main([*base, "results", "--year", "2025", "--branch", "扎西村党支部", "--json"]) == 1
    assert capsys.readouterr().err.strip() == "扎西村党支部还没有2025年的考核评议"
    assert main.main([*base, "results", "--year", "2026", "--branch", "扎西村党支部"]) == 0
    assert "注意：党员1号 卓玛才让（一般党员）的第一遍录入尚未完成" in capsys.readouterr().out
