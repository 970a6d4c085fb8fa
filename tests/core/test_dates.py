import datetime as dt

import pytest

from dahe_desktop.dates import DateError, age_on, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985.03", dt.date(1985, 3, 1)),
        ("1985.3", dt.date(1985, 3, 1)),
        ("1985年3月", dt.date(1985, 3, 1)),
        ("1985年3月12日", dt.date(1985, 3, 12)),
        ("1985-03-12", dt.date(1985, 3, 12)),
        ("1985/3/12", dt.date(1985, 3, 12)),
        ("１９８５．０３", dt.date(1985, 3, 1)),
        ("19850312", dt.date(1985, 3, 12)),
        (" 1985-03-12 ", dt.date(1985, 3, 12)),
        (31118, dt.date(1985, 3, 12)),  # an Excel serial
        (31118.0, dt.date(1985, 3, 12)),
        (dt.datetime(1985, 3, 12, 0, 0), dt.date(1985, 3, 12)),
        ("", None),
        (None, None),
    ],
)
def test_dates_as_villages_write_them(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["1985-02-30", "1985.13", "昨天", "1985", 1985])
def test_impossible_dates_are_refused_in_chinese(raw):
    with pytest.raises(DateError) as error:
        parse_date(raw)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error.value))


def test_future_date_refused_when_today_given():
    with pytest.raises(DateError, match="晚于今天"):
        parse_date("2030-01-01", today=dt.date(2026, 11, 26))


def test_age_counts_the_birthday():
    assert age_on(dt.date(1981, 12, 31), dt.date(2026, 12, 31)) == 45
    assert age_on(dt.date(1981, 12, 31), dt.date(2026, 12, 30)) == 44
    assert age_on(dt.date(1980, 2, 29), dt.date(2026, 2, 28)) == 45
