"""基本情况 figures: against the demo township (the seed's numbers), and at the edges."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from dahe_desktop import settings
from dahe_desktop.demo import DEMO_REFERENCE_DATE, SEED_FIGURES, build_demo
from dahe_desktop.roster.service import change_status, save_branch, save_member
from dahe_desktop.roster.validation import MemberData
from dahe_desktop.stats import basic_paragraph, compute_basic_stats, percent
from main import main

# The seed's section 2, with full-width punctuation as the program writes it.
SEED_PARAGRAPH = (
    "大河乡党委下设党支部20个，党员367名。其中农牧村党支部17个、党员294人，占党员总数的80.1%；"
    "女党员73名，占党员总数的19.9%；少数民族党员199名，占党员总数的54.2%；45岁以下党员231名，"
    "占党员总数的62.94%；高中以上文化程度党员141名，占党员总数的38.4%。"
)


def test_demo_figures_equal_the_seed(db):
    build_demo()
    stats = compute_basic_stats(DEMO_REFERENCE_DATE)
    assert stats.counts() == SEED_FIGURES
    assert basic_paragraph(stats) == SEED_PARAGRAPH


def test_paragraph_uses_the_township_setting(db):
    build_demo()
    settings.put(settings.TOWNSHIP_NAME, "小河乡")
    assert basic_paragraph(compute_basic_stats(DEMO_REFERENCE_DATE)).startswith("小河乡党委下设党支部20个")


def test_stats_cli_prints_the_seed_paragraph_and_json(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "stats", "--as-of", "2026-12-31"]) == 0
    assert capsys.readouterr().out.strip() == SEED_PARAGRAPH
    assert main(["--data-dir", str(data_dir), "stats", "--json", "--as-of", "2026-12-31"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures == SEED_FIGURES
    assert list(figures) == [
        "branches", "members", "rural_branches", "rural_members", "women", "minority",
        "aged_45_or_under", "high_school_or_above",
    ]  # fmt: skip
    assert all(type(v) is int for v in figures.values())


def test_stats_cli_refuses_a_bad_date_in_one_line(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "stats", "--json", "--as-of", "2026-02-30"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "--as-of" in captured.err


def test_empty_roster_gives_zeros(db):
    stats = compute_basic_stats(dt.date(2026, 1, 1))
    assert set(stats.counts().values()) == {0}
    assert "党员0名" in basic_paragraph(stats)


def test_shares_round_half_up():
    assert percent(1, 16) == Decimal("6.3")  # 6.25: half up, not to even
    assert percent(231, 367, 2) == Decimal("62.94")
    assert percent(0, 0) == Decimal("0.0")


def _branch(kind: str = "农牧村", name: str = "测试村党支部") -> int:
    return save_branch(name, kind, village="测试村")


def _member(branch_id: int, name: str, birth: dt.date, **extra) -> int:
    values = dict(name=name, sex="男", ethnicity="汉族", birth_date=birth, branch_id=branch_id)
    values.update(extra)
    return save_member(MemberData(**values))


def test_age_counts_whole_years_at_the_reference_date(db):
    branch = _branch()
    on = dt.date(2026, 6, 15)
    _member(branch, "甲", dt.date(1980, 6, 15))  # 46 today: not counted
    _member(branch, "乙", dt.date(1980, 6, 16))  # 46 tomorrow: still 45
    _member(branch, "丙", dt.date(1981, 6, 15))  # 45 today
    assert compute_basic_stats(on).aged_45_or_under == 2
    assert compute_basic_stats(on - dt.timedelta(days=1)).aged_45_or_under == 3
    assert compute_basic_stats(on + dt.timedelta(days=1)).aged_45_or_under == 1


def test_leap_day_birthday(db):
    branch = _branch()
    _member(branch, "丁", dt.date(1980, 2, 29))
    # In 2026 there is no 29 Feb: the 46th year is complete on 1 March.
    assert compute_basic_stats(dt.date(2026, 2, 28)).aged_45_or_under == 1
    assert compute_basic_stats(dt.date(2026, 3, 1)).aged_45_or_under == 0


def test_transferred_and_deceased_members_do_not_count(db):
    branch = _branch()
    stay = _member(branch, "留", dt.date(1990, 1, 1), sex="女", ethnicity="藏族", education="本科")
    gone = _member(branch, "走", dt.date(1990, 1, 1), sex="女", ethnicity="回族", education="大专")
    dead = _member(branch, "故", dt.date(1940, 1, 1))
    change_status([gone], "转出", dt.date(2025, 3, 1))
    change_status([dead], "去世", dt.date(2025, 4, 1))
    stats = compute_basic_stats(dt.date(2026, 1, 1))
    assert stats.counts() == {
        "branches": 1, "members": 1, "rural_branches": 1, "rural_members": 1, "women": 1,
        "minority": 1, "aged_45_or_under": 1, "high_school_or_above": 1,
    }  # fmt: skip
    assert stay  # the one who stays is the one counted


def test_members_who_joined_after_the_reference_date_do_not_count(db):
    branch = _branch()
    _member(branch, "早", dt.date(1990, 1, 1), joined_party=dt.date(2015, 7, 1))
    _member(branch, "晚", dt.date(1995, 1, 1), joined_party=dt.date(2025, 7, 1))
    _member(branch, "未填", dt.date(1995, 1, 1))
    assert compute_basic_stats(dt.date(2025, 6, 30)).members == 2
    assert compute_basic_stats(dt.date(2025, 7, 1)).members == 3


def test_branch_kinds_and_minority_definition(db):
    village, organ = _branch(), _branch("机关", "乡机关党支部")
    _member(village, "汉", dt.date(1970, 1, 1))
    _member(village, "藏", dt.date(1970, 1, 1), ethnicity="藏族")
    _member(organ, "土", dt.date(1970, 1, 1), ethnicity="土族", education="高中")
    _member(organ, "初", dt.date(1970, 1, 1), education="初中")
    stats = compute_basic_stats(dt.date(2026, 1, 1))
    assert (stats.branches, stats.rural_branches, stats.rural_members) == (2, 1, 2)
    assert (stats.minority, stats.high_school_or_above) == (2, 1)


@pytest.mark.parametrize("figure", ["rural_members", "women", "minority", "high_school_or_above"])
def test_one_decimal_shares(db, figure):
    build_demo()
    stats = compute_basic_stats(DEMO_REFERENCE_DATE)
    assert stats.share(figure).as_tuple().exponent == -1
