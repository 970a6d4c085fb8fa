import datetime as dt

import pytest

from dahe_desktop.roster.idcard import (
    birth_date_from_id,
    check_digit,
    id_number_error,
    make_id_number,
    mask_id_number,
    sex_from_id,
)


def test_known_valid_number_with_x_check_digit():
    # GB 11643 worked example: 11010519491231002X is valid (check digit X, a woman).
    assert check_digit("11010519491231002") == "X"
    assert id_number_error("11010519491231002X") is None
    assert sex_from_id("11010519491231002X") == "女"
    assert birth_date_from_id("11010519491231002X") == dt.date(1949, 12, 31)


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("11010519491231002", "18位"),
        ("11010519491231002Y", "前17位"),
        ("110105194912310021", "校验位"),
        ("110105194902300028", "出生日期不存在"),
        ("110105209912310024", "晚于今天"),
    ],
)
def test_bad_numbers_say_what_is_wrong(number, fragment):
    assert fragment in id_number_error(number)


def test_made_numbers_are_valid_and_carry_birth_and_sex():
    for serial in range(0, 100, 7):
        for sex in ("男", "女"):
            number = make_id_number("632522", dt.date(1985, 3, 12), serial, sex)
            assert id_number_error(number) is None
            assert sex_from_id(number) == sex
            assert birth_date_from_id(number) == dt.date(1985, 3, 12)


def test_mask_keeps_region_and_tail():
    assert mask_id_number("632522198503121234") == "632522********1234"
    assert mask_id_number("") == ""
