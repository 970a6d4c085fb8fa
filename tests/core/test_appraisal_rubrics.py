"""Rubrics: exactly 100 points in tenths, clause items bounded, the shipped defaults,
edits kept for new runs only."""

import json

import pytest

from dahe_desktop.appraisal import runs
from dahe_desktop.appraisal.labels import CATEGORIES
from dahe_desktop.appraisal.points import format_points, to_tenths
from dahe_desktop.appraisal.rubrics import (
    RubricError,
    default_rubric,
    parse_rubric,
    reset_rubric,
    rubric_json,
    save_rubric,
    township_rubrics,
)
from tests.helpers.roster import small_roster


def rubric(*maxima, **extra):
    items = [{"key": f"k{n}", "name": f"项目{n}", "max": m} for n, m in enumerate(maxima)]
    return {"category": "一般党员", "groups": [{"name": "大项", "items": items}], **extra}


def test_points_are_tenths_exactly():
    assert to_tenths(0.1) + to_tenths(0.2) == to_tenths(0.3) == 3
    assert to_tenths("12.5") == 125 and to_tenths("１２") == 120 and to_tenths(7) == 70
    for bad in ("12.55", "abc", "", None, True, float("nan")):
        with pytest.raises(ValueError):
            to_tenths(bad)
    assert format_points(125) == "12.5" and format_points(100) == "10"


def test_maxima_with_decimals_sum_to_exactly_100():
    # 99.7 + 0.1 + 0.2 is 100.00000000000001 in floats; in tenths it is 1000.
    assert parse_rubric(rubric(99.7, 0.1, 0.2)).total == 1000
    with pytest.raises(RubricError) as error:
        parse_rubric(rubric(99.7, 0.1, 0.1))
    assert error.value.lines == ["一般党员：各项满分合计为99.9分，应为100分"]


def test_every_item_problem_is_named():
    data = rubric(50, "5.55", -3, 0)
    data["groups"][0]["items"][1]["name"] = ""
    with pytest.raises(RubricError) as error:
        parse_rubric(data)
    text = "\n".join(error.value.lines)
    assert "第2项没有名称" in text
    assert "“5.55”" in text and "最多一位小数" in text
    assert "第3项“项目2”的满分不能为负数" in text
    assert "第4项“项目3”的满分应大于0" in text


def test_clause_items_are_bounded_by_zero_and_the_maximum():
    data = rubric(85, 10, 5)
    items = data["groups"][0]["items"]
    items[1].update(base=10, clauses=[{"label": "缺席组织生活", "points": -2}])
    items[2].update(base=0, clauses=[{"label": "受到表彰", "points": 3}])
    r = parse_rubric(data)
    meetings, honours = r.clause_items
    assert [meetings.clause_points([n]) for n in (0, 1, 4, 5, 9)] == [100, 80, 20, 0, 0]
    assert [honours.clause_points([n]) for n in (0, 1, 2, 7)] == [0, 30, 50, 50]
    assert [i.key for i in r.rated_items] == ["k0"]
    assert meetings.clauses[0].text == "缺席组织生活每次−2分"


def test_clause_base_above_the_maximum_is_refused():
    data = rubric(90, 10)
    data["groups"][0]["items"][1].update(base=12, clauses=[{"label": "缺席", "points": -2}])
    with pytest.raises(RubricError, match="基础分不能超过满分10"):
        parse_rubric(data)


def test_the_shipped_rubrics_are_valid_and_round_trip():
    for category in CATEGORIES:
        r = default_rubric(category)
        assert r.category == category and r.total == 1000
        assert r.rated_items and r.clause_items
        assert parse_rubric(json.loads(json.dumps(rubric_json(r)))) == r


def test_an_edited_rubric_is_used_by_new_runs_only(db):
    ids = small_roster()
    old_run = runs.create_run(ids["扎西村党支部"], 2025)
    edited = rubric_json(default_rubric("一般党员"))
    edited["groups"][0]["items"][0]["name"] = "学习新思想"
    save_rubric(edited)
    assert township_rubrics()["一般党员"].items[0].name == "学习新思想"
    new_run = runs.create_run(ids["扎西村党支部"], 2026)
    assert runs.run_info(new_run).rubrics["一般党员"].items[0].name == "学习新思想"
    assert runs.run_info(old_run).rubrics["一般党员"].items[0].name == "学习党的理论和政策"
    reset_rubric("一般党员")
    assert township_rubrics()["一般党员"] == default_rubric("一般党员")


def test_clauses_as_the_editor_writes_them():
    from dahe_desktop.appraisal.rubrics import clauses_from_text, clauses_to_text

    meetings = default_rubric("一般党员").item("meetings")
    assert clauses_to_text(meetings.clauses) == "缺席“三会一课”-2"
    assert clauses_from_text("缺席 -2分；受到表彰＋3/项") == [
        {"label": "缺席", "points": "-2", "unit": "次"}, {"label": "受到表彰", "points": "3", "unit": "项"},
    ]  # fmt: skip
    with pytest.raises(RubricError, match="“没有分数”看不懂"):
        clauses_from_text("没有分数")
