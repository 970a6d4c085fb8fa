"""Property-based tests (hypothesis) of the importers beyond the roster: households, the
score sheets and the score parser. Random and malformed input gives a value or a Chinese
refusal (a `UserError`), never a crash and never a partial import."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from dahe_desktop.appraisal.entry import parse_cell
from dahe_desktop.appraisal.points import to_tenths
from dahe_desktop.appraisal.rubrics import RubricItem
from dahe_desktop.appraisal.workbook import export_template, import_scores
from dahe_desktop.errors import UserError
from dahe_desktop.importing.households import apply_household_import, preview_household_import
from db.models import AppraisalSheet, Household
from tests.helpers.appraisal import scoring_run
from tests.helpers.pairing import small_village

CHINESE = re.compile(r"[\u4e00-\u9fff]")
FUNCTION_SCOPED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
numbers = st.text(alphabet="0123456789eE.+-", max_size=14)
cells = st.one_of(
    st.none(), st.text(max_size=30), numbers, st.integers(-10**30, 10**30), st.floats(), st.booleans(),
    st.sampled_from(["፩", "٣", "１０", "1e999990", "1e99999999", "NaN", "-inf", "=1+1", "\x1b[2J"]),
)  # fmt: skip


@given(st.one_of(cells, numbers))
@example("1e999990")  # took 40 s to become an int
@example("1e99999999")  # decimal.Overflow
def test_a_score_cell_is_a_score_nothing_or_a_chinese_problem(value):
    item = RubricItem(key="study", group="学习", name="学习党的理论和政策", max=80)
    score, problem = parse_cell(value, item)
    assert (score is None) or (problem is None)
    if problem:
        assert CHINESE.search(problem)
    else:
        assert score is None or 0 <= score <= item.max
    try:
        to_tenths(value)
    except ValueError:
        pass


HOUSEHOLD_HEADER = ["户主", "所在村", "居住点", "家庭人口", "联系电话", "户类别", "外出党员", "备注"]


@settings(max_examples=40, deadline=None, suppress_health_check=FUNCTION_SCOPED)
@given(st.lists(st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["扎西村", "3", "፩", "一般户", "=1"])),
                         max_size=9), max_size=8))  # fmt: skip
def test_random_household_files_import_whole_or_not_at_all(db, tmp_path, rows):
    if not Household.select().exists():
        small_village()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HOUSEHOLD_HEADER)
    writer.writerows(rows)
    path = tmp_path / "households.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    before = list(Household.select().order_by(Household.id).dicts())
    try:
        preview = preview_household_import(path)
        new, updated = apply_household_import(preview)
    except UserError as error:
        assert error.lines and all(CHINESE.search(line) for line in error.lines)
        assert list(Household.select().order_by(Household.id).dicts()) == before
    else:
        assert not preview.bad
        assert Household.select().count() == len(before) + new


@pytest.fixture
def template(db, tmp_path):
    run_id, _ = scoring_run()
    path = tmp_path / "template.xlsx"
    export_template(run_id, path)
    return run_id, path


@settings(max_examples=30, deadline=None, suppress_health_check=FUNCTION_SCOPED)
@given(data=st.data())
def test_random_score_sheets_import_whole_or_not_at_all(template, tmp_path, data):
    run_id, path = template
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=3):
            for cell in row[5:]:
                cell.value = data.draw(st.one_of(st.integers(0, 8), cells.filter(_storable)))
            if data.draw(st.booleans()) and data.draw(st.booleans()):  # now and then a row's names
                row[data.draw(st.integers(0, 4))].value = data.draw(cells.filter(_storable))
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    before = list(AppraisalSheet.select().order_by(AppraisalSheet.id).dicts())
    try:
        import_scores(run_id, filled, pass_no=1)
    except UserError as error:
        assert error.lines and all(CHINESE.search(line) for line in error.lines)
        assert list(AppraisalSheet.select().order_by(AppraisalSheet.id).dicts()) == before


def _storable(value) -> bool:
    """What openpyxl can put in a cell (it refuses control characters and huge ints)."""
    if isinstance(value, str):
        return not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", value)
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) < 2**53
    return True
