"""A run from draft to finalized: suggested categories, raters, double entry, grades with
reasons, the finalize lock and the logged reopen."""

import datetime as dt

import pytest

from dahe_desktop.appraisal import entry, results, runs
from dahe_desktop.appraisal.labels import FINALIZED, RATER_REPRESENTATIVES, SCORING
from dahe_desktop.appraisal.records import AppraisalError
from dahe_desktop.appraisal.scoring import RunConfig
from db import changes
from tests.helpers.appraisal import fill, scoring_run
from tests.helpers.roster import small_roster


def test_categories_are_suggested_from_the_roster_and_age():
    on = dt.date(2026, 12, 31)
    assert runs.suggest_category("一般党员", dt.date(1960, 1, 1), "", on)[0] == "老病残党员"
    assert runs.suggest_category("一般党员", dt.date(1960, 1, 1), "村监委委员", on)[0] == "一般党员"
    assert runs.suggest_category("外出党员", dt.date(1990, 1, 1), "", on)[0] == "外出党员"
    assert runs.suggest_category("党员干部", dt.date(1980, 1, 1), "村支书", on)[0] == "党员干部"
    assert runs.suggest_category("一般党员", dt.date(1967, 1, 1), "", on)[0] == "一般党员"  # 59 at year end


def test_a_run_needs_confirmed_categories_and_raters_before_scoring(db):
    ids = small_roster()
    run_id = runs.create_run(ids["扎西村党支部"], 2026)
    subjects = {s.name: s for s in runs.list_subjects(run_id)}
    assert subjects["扎西多杰"].category == "老病残党员" and not subjects["扎西多杰"].confirmed
    with pytest.raises(AppraisalError) as error:
        runs.start_scoring(run_id)
    assert "扎西多杰的考核类别（建议：老病残党员）尚未确认" in error.value.lines
    assert "请先登记评议人（到会党员和群众代表）" in error.value.lines
    runs.set_category(subjects["扎西多杰"].id, "一般党员")
    runs.confirm_categories(run_id)
    with pytest.raises(AppraisalError, match="所在的村"):
        runs.add_rater(run_id, RATER_REPRESENTATIVES, "代表甲")
    runs.add_member_raters(run_id, [ids["卓玛才让"], ids["卓玛才让"], ids["马福祥"]])
    assert [r.label for r in runs.list_raters(run_id)] == ["党员1号 卓玛才让", "党员2号 马福祥"]
    runs.start_scoring(run_id)
    assert runs.run_info(run_id).state == SCORING
    with pytest.raises(AppraisalError, match="已有2026年"):
        runs.create_run(ids["扎西村党支部"], 2026)


def test_scores_above_an_items_maximum_are_refused_naming_the_cell(db):
    run_id, ids = scoring_run()
    sheet = entry.score_sheet(run_id, ids["rater:代表甲"], "一般党员", 1)
    first = sheet.items[0]
    values = [i.max for i in sheet.items]
    values[0] = first.max + 5
    with pytest.raises(AppraisalError) as error:
        entry.save_sheet(run_id, ids["rater:代表甲"], "一般党员", 1, {ids["subject:卓玛才让"]: values})
    assert error.value.lines == [f"群众代表1号 代表甲（一般党员）卓玛才让“{first.name}”：8.5不在0到8分之间"]
    assert entry.parse_cell("9", first) == (None, "9超过满分8分")
    assert entry.parse_cell("7.5", first) == (75, None)
    assert entry.parse_cell("", first) == (None, None)
    assert entry.parse_cell("七", first)[1] == "“七”不是分数（数字，最多一位小数）"


def test_differences_between_the_two_passes_block_results_until_settled(db):
    run_id, ids = scoring_run()
    fill(run_id, passes=(1,))
    assert results.run_results(run_id).blocked  # second passes missing
    fill(run_id, passes=(2,))
    rater, subject = ids["rater:代表甲"], ids["subject:卓玛才让"]
    sheet = entry.score_sheet(run_id, rater, "一般党员", 2)
    row = next(r for r in sheet.rows if r.subject_id == subject)
    row.values[2] = 10
    entry.save_sheet(run_id, rater, "一般党员", 2, {subject: row.values})
    differences, pending = entry.compare_passes(run_id)
    assert pending == []
    assert [(d.rater, d.member, d.item_index, d.first, d.second) for d in differences] == [
        ("群众代表1号 代表甲", "卓玛才让", 2, sheet.items[2].max, 10)
    ]
    res = results.run_results(run_id)
    assert res.blocked == ["1处两遍录入不一致，请逐格核对"]
    assert all(m.total is None for m in res.members)
    with pytest.raises(AppraisalError, match="1处两遍录入不一致"):
        results.finalize(run_id)
    entry.settle(run_id, rater, subject, 2, 10)
    assert entry.compare_passes(run_id) == ([], [])
    res = results.run_results(run_id)
    assert not res.blocked and all(m.total is not None for m in res.members)


def test_clause_counts_change_the_total_within_bounds(db):
    run_id, ids = scoring_run()
    fill(run_id)
    subject = ids["subject:卓玛才让"]
    before = next(m for m in results.run_results(run_id).members if m.subject_id == subject).total
    entry.set_clause_counts(subject, {"meetings": [2], "honours": [5]})  # −2 each; +3 each, max 4
    m = next(m for m in results.run_results(run_id).members if m.subject_id == subject)
    assert m.total == before - 40 + 40
    assert [i.detail for i in m.items if i.by_clauses] == ["无", "缺席“三会一课”2次", "受到表彰5次"]
    with pytest.raises(AppraisalError, match="次数应为0到99的整数"):
        entry.set_clause_counts(subject, {"meetings": [-1]})


def test_an_override_needs_a_reason_and_measures_are_needed_for_low_grades(db):
    run_id, ids = scoring_run()
    fill(run_id)
    subject = ids["subject:马福祥"]
    m = next(m for m in results.run_results(run_id).members if m.subject_id == subject)
    assert (m.total, m.suggested, m.grade, m.rank) == (960, "优秀", "优秀", 1)
    with pytest.raises(AppraisalError) as error:
        results.set_grade(subject, "基本合格")
    assert error.value.lines == ["马福祥得分96.0，按分数建议为“优秀”；评为“基本合格”须写明理由（支委会根据现实表现）"]
    results.set_grade(subject, "基本合格", "全年三次无故缺席组织生活，群众反映较多")
    results.set_grade(ids["subject:卓玛才让"], "优秀")  # agreeing needs no reason
    with pytest.raises(AppraisalError) as error:
        results.finalize(run_id)
    assert error.value.lines == ["马福祥评为“基本合格”，请填写改进措施"]
    results.set_measures(subject, "每月参加组织生活，由支部书记谈心谈话")
    results.set_appeal(subject, "本人表示接受")
    results.finalize(run_id)
    m = next(m for m in results.run_results(run_id).members if m.subject_id == subject)
    assert m.overridden and m.grade_reason.startswith("全年三次") and m.appeal == "本人表示接受"


def test_a_finalized_run_is_read_only_and_reopening_is_logged(db):
    run_id, ids = scoring_run()
    fill(run_id)
    results.finalize(run_id)
    info = runs.run_info(run_id)
    assert info.state == FINALIZED
    subject, rater = ids["subject:卓玛才让"], ids["rater:代表甲"]
    for attempt in (
        lambda: results.set_grade(subject, "合格", "理由"),
        lambda: entry.settle(run_id, rater, subject, 0, 50),
        lambda: runs.add_rater(run_id, "党员", "新人"),
        lambda: runs.set_config(run_id, RunConfig(trim=True)),
        lambda: runs.excuse(subject, "外出务工"),
    ):
        with pytest.raises(AppraisalError, match="已定档，只能查看"):
            attempt()
    assert entry.score_sheet(run_id, rater, "一般党员", 1).read_only
    with pytest.raises(AppraisalError, match="请说明重新打开的原因"):
        runs.reopen(run_id, "  ")
    runs.reopen(run_id, "代表甲的评分表有一格录错")
    entry.settle(run_id, rater, subject, 0, 50)
    results.set_grade(subject, "优秀")
    results.finalize(run_id)
    events = [(e.kind, e.text) for e in runs.run_events(run_id)]
    assert events[0][0] == "定档" and events[-1][0] == "定档"
    assert events[1] == ("重新打开", "代表甲的评分表有一格录错")
    changed = [text for kind, text in events if kind == "修改"]
    assert any("卓玛才让" in t and "定为5" in t for t in changed)
    assert any("卓玛才让评定为优秀" in t for t in changed)


def test_excused_members_have_no_result_and_writes_are_reported(db):
    run_id, ids = scoring_run()
    seen = []
    changes.subscribe(seen.append)
    try:
        with pytest.raises(AppraisalError, match="请填写李国强不参加考核评议的原因"):
            runs.excuse(ids["subject:李国强"], "")
        runs.excuse(ids["subject:李国强"], "长期住院")
    finally:
        changes.unsubscribe(seen.append)
    assert seen == [frozenset({"appraisal"})]
    fill(run_id)
    m = next(m for m in results.run_results(run_id).members if m.name == "李国强")
    assert m.excused and m.total is None and m.excuse_reason == "长期住院"
    results.finalize(run_id)


def test_the_cap_and_weights_of_a_run_apply_to_its_results(db):
    run_id, ids = scoring_run()
    rep = ids["rater:代表甲"]
    # members give full marks, the representative half
    fill(run_id, value_of=lambda item, rater, s: item.max // 2 if rater.id == rep else item.max)
    totals = {m.name: m.total for m in results.run_results(run_id).members}
    runs.set_config(run_id, RunConfig(weights={"党员": 100, "群众代表": 0}))
    full = {m.name: m.total for m in results.run_results(run_id).members}
    assert all(full[n] > totals[n] for n in totals)
    runs.set_config(run_id, RunConfig(weights={"党员": 100, "群众代表": 0}, excellent_cap=25))
    res = results.run_results(run_id)
    assert sum(m.suggested == "优秀" for m in res.members) == 0  # four tied at the top, one allowed
    assert all(m.capped for m in res.members)


def test_beside_each_member_their_commitments_and_what_other_features_add(db):
    from dahe_desktop.appraisal import context
    from dahe_desktop.commitments import service
    from dahe_desktop.commitments.records import DONE, CommitmentInput, StatusChange

    run_id, ids = scoring_run()
    member = ids["卓玛才让"]
    done, _ = service.save_member_commitments(member, 2026, [
        CommitmentInput("传授技术", "教会5户牧民科学养畜", dt.date(2026, 10, 1), "5户出栏率提高"),
        CommitmentInput("义务出工", "义务修路10天", dt.date(2026, 8, 1), "10天"),
    ])  # fmt: skip
    service.set_status([done], StatusChange(DONE, dt.date(2026, 9, 20), "入户查看", "支部书记"), today=dt.date(2026, 12, 1))
    runs.set_self_assessment(ids["subject:卓玛才让"], "全年参加学习12次。")

    def posts(member_id, year):
        return context.ContextSection("设岗定责", [f"{year}年 环境卫生岗"]) if member_id == member else None

    context.register_source(posts)
    try:
        ctx = context.member_context(ids["subject:卓玛才让"])
        other = context.member_context(ids["subject:马福祥"])
    finally:
        context._sources.remove(posts)
    assert ctx.self_assessment == "全年参加学习12次。"
    first, posts, added = ctx.sections
    assert first.title == "2026年公开承诺"
    # how each ended, in the commitments' own words (a promise past due reads as such)
    assert first.lines == [f"{c.status_text}｜{c.content}" for c in service.member_commitments(member, 2026)]
    assert first.lines[0] == "已完成｜教会5户牧民科学养畜" and first.lines[1].endswith("｜义务修路10天")
    assert (posts.title, posts.lines, posts.empty_text) == ("2026年设岗定责", [], "本年没有设岗定责岗位")
    assert added.lines == ["2026年 环境卫生岗"]
    assert [s.title for s in other.sections] == ["2026年公开承诺", "2026年设岗定责"] and other.sections[0].lines == []


def test_members_added_to_the_roster_later_join_a_draft(db):
    from dahe_desktop.roster.service import save_member
    from tests.helpers.roster import member, small_roster

    ids = small_roster()
    run_id = runs.create_run(ids["扎西村党支部"], 2026)
    assert runs.add_new_members(run_id) == 0
    save_member(member("索南", "男", "藏族", dt.date(1995, 5, 5), ids["扎西村党支部"], 9))
    assert runs.add_new_members(run_id) == 1
    assert [s.seq for s in runs.list_subjects(run_id)] == [1, 2, 3, 4, 5]


def test_the_dashboard_counts_grades_of_finalized_runs_only(db):
    from dahe_desktop.appraisal.dashboard import dashboard_figures

    run_id, ids = scoring_run()
    fill(run_id)
    assert dashboard_figures(2026, dt.date(2026, 12, 31)).township["appraised"] == 0  # not finalized yet
    results.set_grade(ids["subject:马福祥"], "合格", "服务群众不够主动")
    runs.excuse(ids["subject:李国强"], "长期住院")
    results.finalize(run_id)
    figures = dashboard_figures(2026, dt.date(2026, 12, 31))
    assert figures.township == {"appraised": 3, "appraisal_excellent": 2, "appraisal_qualified": 1,
                                "appraisal_basic": 0, "appraisal_unqualified": 0}  # fmt: skip
    assert figures.per_branch[ids["扎西村党支部"]]["appraised"] == 3
