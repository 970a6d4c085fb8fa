"""Turning agreed sheets into totals: group means, trimming, weights, bands, the cap on
优秀 and ranks (plain data, no store)."""

import pytest

from dahe_desktop.appraisal.scoring import (
    Band,
    RunConfig,
    SubjectScores,
    compute_results,
    config_problems,
    item_scores,
)

W = {"党员": 60, "群众代表": 40}


def test_each_group_is_averaged_then_weighted():
    rows = {"党员": [[80], [100]], "群众代表": [[50]]}
    # members' mean 90, representatives' 50: 0.6 * 90 + 0.4 * 50 = 74
    assert item_scores(rows, 1, W, trim=False) == [pytest.approx(74)]


def test_a_group_with_no_score_for_an_item_leaves_its_weight_to_the_others():
    rows = {"党员": [[80, None], [100, None]], "群众代表": [[50, 30]]}
    assert item_scores(rows, 2, W, trim=False) == [pytest.approx(74), pytest.approx(30)]
    assert item_scores({"党员": [[None]]}, 1, W, trim=False) == [None]


def test_trimming_drops_highest_and_lowest_from_five_raters_on():
    five = {"党员": [[10], [60], [70], [80], [100]]}
    four = {"党员": [[10], [60], [70], [100]]}
    assert item_scores(five, 1, W, trim=True) == [pytest.approx(70)]  # (60+70+80)/3
    assert item_scores(five, 1, W, trim=False) == [pytest.approx(64)]
    assert item_scores(four, 1, W, trim=True) == [pytest.approx(60)]  # too few: no trim


def test_total_is_rounded_to_one_decimal_halves_up_at_the_end():
    # item means 33.35 and 10.0 tenths + 2 clause tenths -> 45.35 tenths -> 45 (4.5 points)
    s = SubjectScores(1, 2, {"党员": [[333, 100], [334, 100]]}, [20])
    (r,) = compute_results([s], RunConfig(weights={"党员": 100, "群众代表": 0}))
    assert r.total == 334 + 100 + 20  # 333.5 rounds up to 334
    s = SubjectScores(1, 1, {"党员": [[333], [333], [334]]}, [])
    (r,) = compute_results([s], RunConfig(weights={"党员": 100, "群众代表": 0}))
    assert r.total == 333  # 333.33


def subjects(*totals):
    return [SubjectScores(i, 1, {"党员": [[t]]}) for i, t in enumerate(totals)]


def config(**kw):
    return RunConfig(weights={"党员": 100, "群众代表": 0}, **kw)


def test_bands_suggest_grades_and_equal_totals_share_a_rank():
    results = compute_results(subjects(950, 900, 899, 700, 600, 599, 950), config())
    assert [r.suggested for r in results] == ["优秀", "优秀", "合格", "合格", "基本合格", "不合格", "优秀"]
    assert [r.rank for r in results] == [1, 3, 4, 5, 6, 7, 1]


def test_a_three_grade_set():
    bands = (Band("优秀", 900), Band("合格", 600), Band("不合格", 0))
    results = compute_results(subjects(900, 650, 599), config(bands=bands))
    assert [r.suggested for r in results] == ["优秀", "合格", "不合格"]


def test_the_cap_on_excellent_moves_the_lowest_down_and_ties_together():
    # 10 members, cap 20 %: 2 may be 优秀; four have 90+.
    results = compute_results(subjects(990, 980, 950, 920, 800, 800, 800, 800, 800, 800), config(excellent_cap=20))
    assert [r.suggested for r in results[:5]] == ["优秀", "优秀", "合格", "合格", "合格"]
    assert [r.capped for r in results[:5]] == [False, False, True, True, False]
    # a tie across the limit: both move down, as points cannot tell them apart
    results = compute_results(subjects(990, 950, 950, 800, 800, 800, 800, 800, 800, 800), config(excellent_cap=20))
    assert [r.suggested for r in results[:3]] == ["优秀", "合格", "合格"]
    # under the cap nothing moves
    results = compute_results(subjects(990, 800, 800, 800, 800), config(excellent_cap=20))
    assert results[0].suggested == "优秀" and not results[0].capped


def test_a_member_with_an_item_nobody_scored_has_no_total():
    (r,) = compute_results([SubjectScores(1, 2, {"党员": [[50, None]]})], config())
    assert r.total is None and r.rank is None and r.suggested == ""


def test_configuration_problems_are_named():
    assert config_problems(RunConfig()) == []
    bad = RunConfig(weights={"党员": 70, "群众代表": 40}, bands=(Band("优秀", 900), Band("合格", 950), Band("不合格", 10)),
                    excellent_cap=0)
    lines = config_problems(bad)
    assert "各类评议人权重合计为110%，应为100%" in lines
    assert "“合格”的分数线应低于“优秀”" in lines
    assert "最后一个等次“不合格”的分数线应为0" in lines
    assert any("优秀比例上限" in line for line in lines)
