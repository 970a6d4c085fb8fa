"""Property-based tests (hypothesis): random and malformed input to the parsers and the
importer gives a value or a clear Chinese refusal, never a crash or a partial import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dahe_desktop.dates import DateError, parse_date
from dahe_desktop.importing import (
    ImportFileError,
    ImportRefused,
    apply_roster_import,
    preview_roster_import,
)
from dahe_desktop.roster.idcard import (
    birth_date_from_id,
    check_digit,
    id_number_error,
    make_id_number,
    mask_id_number,
    normalize_id_number,
)
from dahe_desktop.textnorm import (
    clean_multiline,
    clean_phone,
    clean_text,
    formula_error,
    phone_error,
)
from db.models import Member

CHINESE = re.compile(r"[\u4e00-\u9fff]")
cells = st.one_of(
    st.none(), st.text(max_size=40), st.integers(-10**12, 10**20), st.floats(allow_nan=True),
    st.dates(), st.datetimes(), st.booleans(),
)  # fmt: skip


@given(cells)
def test_parse_date_gives_a_date_none_or_a_chinese_refusal(value):
    try:
        result = parse_date(value)
    except DateError as error:
        assert CHINESE.search(str(error))
    else:
        assert result is None or isinstance(result, dt.date)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2026, 11, 30)))
def test_a_typed_date_reads_back_in_every_village_spelling(day):
    for text in (f"{day:%Y-%m-%d}", f"{day.year}.{day.month}.{day.day}", f"{day.year}年{day.month}月{day.day}日"):
        assert parse_date(text) == day


@given(st.text(max_size=30))
def test_id_number_checks_never_crash(text):
    number = normalize_id_number(clean_text(text))
    error = id_number_error(number)
    assert error is None or CHINESE.search(error)
    if error is None:
        assert len(number) == 18 and birth_date_from_id(number) is not None
    masked = mask_id_number(number)
    assert len(masked) == len(number)


@given(st.dates(dt.date(1920, 1, 1), dt.date(2008, 12, 31)), st.integers(0, 998), st.sampled_from("男女"))
def test_every_made_id_number_is_valid_and_one_changed_digit_is_caught(birth, serial, sex):
    number = make_id_number("632522", birth, serial, sex)
    assert id_number_error(number) is None and birth_date_from_id(number) == birth
    wrong = number[:17] + ("0" if check_digit(number[:17]) != "0" else "1")
    assert id_number_error(wrong) is not None


@given(st.one_of(st.text(max_size=20), st.integers(-10**12, 10**12), st.floats(allow_nan=False)))
def test_phones_are_cleaned_or_refused_in_chinese(value):
    phone = clean_phone(value)
    error = phone_error(phone)
    assert error is None or CHINESE.search(error)
    if error is None and phone:
        assert re.fullmatch(r"1\d{10}", phone)


@given(st.text())
def test_cleaned_text_has_no_control_or_invisible_characters(text):
    for cleaned in (clean_text(text), clean_multiline(text)):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", cleaned)
        assert cleaned == cleaned.strip()
    error = formula_error(clean_text(text))
    assert error is None or clean_text(text)[:1] in "=+-@"


HEADER = ["姓名", "性别", "民族", "出生日期", "身份证号", "所在支部", "联系电话", "特长"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=9), max_size=8))
def test_random_rosters_import_whole_or_not_at_all(db, tmp_path, rows):
    path = tmp_path / "random.csv"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    before = Member.select().count()
    try:
        preview = preview_roster_import(path)
        result = apply_roster_import(preview, skip_invalid=True)
    except (ImportFileError, ImportRefused) as error:
        assert all(CHINESE.search(line) for line in error.lines)
        assert Member.select().count() == before
    else:
        assert Member.select().count() == before + result.imported == before + len(preview.good)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_in_chinese_or_read(db, tmp_path, data):
    for name in ("x.xlsx", "x.csv", "x.xls"):
        path = tmp_path / name
        path.write_bytes(data)
        try:
            preview_roster_import(path)
        except ImportFileError as error:
            assert CHINESE.search(error.lines[0])


@pytest.mark.parametrize("head", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tail=st.binary(max_size=3000))
def test_files_that_claim_to_be_workbooks_are_refused_in_chinese(db, tmp_path, head, tail):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(head + tail)
    with pytest.raises(ImportFileError) as refused:
        preview_roster_import(path)
    assert CHINESE.search(refused.value.lines[0])
