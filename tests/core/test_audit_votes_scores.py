"""Votes and scores in the audit log: every ballot entry and its figures, the tally's
votes and outcomes, ties and appointments; an appraisal's grades as fixed at
finalization, and every score or grade changed once a finalized run is open again."""

from __future__ import annotations

import pytest

from dahe_desktop.appraisal import entry, results, runs
from dahe_desktop.appraisal.scoring import RunConfig
from dahe_desktop.audit.service import list_entries
from dahe_desktop.posts import service as posts
from tests.core.test_posts import FIX, VOTE, VOTES, YEAR, ballots, finish_vote, opened, people  # noqa: F401
from tests.helpers.appraisal import fill, scoring_run


def entries(table: str) -> list[tuple[str, str, str, str]]:
    """The values whole (a grade's reason is hidden unless asked: it may tell of illness)."""
    return [(r.record, r.field, r.old, r.new) for r in list_entries(table=table, include_sensitive=True)]


def test_each_ballot_entry_and_its_replacement_are_logged_figure_by_figure(people):  # noqa: F811
    opened(people)
    b = people["branch"]
    posts.fix_candidates(b, YEAR, VOTE)
    posts.save_ballot_entry(b, YEAR, 1, ballots(people, VOTES))
    first = entries("ballot_entry")
    assert ("扎西村党支部2026年设岗定责·第1次录入", "收回党员票", "", "8") in first
    counts = entries("ballot_count")
    assert ("扎西村党支部2026年设岗定责·第1次录入·经济发展岗·尼玛", "群众代表票", "", "8") in counts
    posts.save_ballot_entry(b, YEAR, 1, ballots(people, dict(VOTES, 尼玛=(6, 7)), by="李书记"))
    changed = [e for e in entries("ballot_count") if e[0].endswith("·尼玛") and e[2]]
    assert [(f, o, n) for _r, f, o, n in changed] == [("群众代表票", "8", "7")]
    assert ("录入人", "张文书", "李书记") in [(f, o, n) for _r, f, o, n in entries("ballot_entry")]
    assert {r.table for r in list_entries()} >= {"选票录入", "候选人得票"}


def test_the_tally_ties_and_appointments_are_logged(people):  # noqa: F811
    grass, econ = opened(people)
    b = people["branch"]
    finish_vote(people, dict(VOTES, 尼玛=(5, 6), 桑吉=(5, 6), 拉毛=(7, 9)))
    tallied = {(r.split("·")[-1], f): n for r, f, o, n in entries("post_candidate")}
    assert tallied[("卓玛", "得票")] == "15" and tallied[("卓玛", "结果")] == "当选"
    assert tallied[("尼玛", "结果")] == "并列待定"
    steps = [(f, n) for _r, f, _o, n in entries("post_selection")]
    assert ("计票日期", VOTE.isoformat()) in steps and ("确定候选人日期", FIX.isoformat()) in steps
    posts.settle_tie(econ, [people["桑吉"]], "支委会研究决定", VOTE)
    settled = [(r.split("·")[-1], o, n) for r, f, o, n in entries("post_candidate") if o == "并列待定"]
    assert sorted(settled) == [("尼玛", "并列待定", "未当选"), ("桑吉", "并列待定", "当选")]
    assert ("决定方式", "支委会研究决定") in [(f, n) for _r, f, _o, n in entries("tie_decision")]
    posts.appoint_elected(b, YEAR, VOTE)
    appointed = {r.split("·")[-1] for r, f, _o, _n in entries("post_appointment") if f == "新建"}
    assert appointed == {"卓玛", "拉毛", "桑吉"}
    holder = posts.list_appointments(YEAR, b)[0]
    posts.end_appointment(holder.id, "外出务工")
    assert ("状态", "在岗", "离岗") in [(f, o, n) for _r, f, o, n in entries("post_appointment")]


def test_a_refused_tally_leaves_no_entry(people):  # noqa: F811
    opened(people)
    b = people["branch"]
    posts.fix_candidates(b, YEAR, VOTE)
    posts.save_ballot_entry(b, YEAR, 1, ballots(people, VOTES))
    before = len(list_entries())
    with pytest.raises(posts.PostsError):
        posts.tally(b, YEAR, VOTE)
    assert len(list_entries()) == before


def test_finalizing_logs_each_grade_and_reopening_logs_every_score_and_grade_changed(db):
    run_id, ids = scoring_run()
    fill(run_id)
    before = len(list_entries(table="appraisal_score"))
    results.finalize(run_id)
    assert before == 0  # while scoring, the run keeps its own work out of the log
    fixed = {r.split("·")[-1]: n for r, f, o, n in entries("appraisal_subject") if f == "等次"}
    assert fixed["卓玛才让"] == "优秀" and fixed["马福祥"] == "优秀"
    assert ("状态", "评分中", "已定档") in [(f, o, n) for _r, f, o, n in entries("appraisal_run")]
    subject, rater = ids["subject:卓玛才让"], ids["rater:代表甲"]
    runs.reopen(run_id, "代表甲的评分表有一格录错")
    assert ("重新打开原因", "", "代表甲的评分表有一格录错") in [(f, o, n) for _r, f, o, n in entries("appraisal_run")]
    entry.settle(run_id, rater, subject, 0, 50)
    scores = entries("appraisal_score")
    assert len(scores) == 2  # one cell, in both passes
    assert ("扎西村党支部2026年考核评议·群众代表1号 代表甲·卓玛才让·第一遍录入", "学习党的理论和政策", "8", "5") in scores
    results.set_grade(subject, "合格", "评分更正后为合格")
    grades = [(f, o, n) for r, f, o, n in entries("appraisal_subject") if r.endswith("卓玛才让")]
    assert ("等次", "优秀", "合格") in grades and ("等次理由", "", "评分更正后为合格") in grades
    runs.set_config(run_id, RunConfig(trim=True))
    assert "计分设置" in {f for _r, f, _o, _n in entries("appraisal_run")}
    entry.clear_sheet(run_id, rater, 2)
    cleared = [e for e in entries("appraisal_score") if e[3] == "" and "第二遍" in e[0]]
    assert cleared and all("代表甲" in r for r, *_ in cleared)
    assert {r.table for r in list_entries()} >= {"考核评分", "考核等次", "考核评议"}
