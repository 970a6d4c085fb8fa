"""Dates as villages write them: Excel dates or serials, 1985.03, 1985年3月, 1985-03-12 ..."""

from __future__ import annotations

import datetime as dt
import re

from dahe_desktop.errors import UserError
from dahe_desktop.textnorm import clean_text

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's 1900 system, leap-year bug included
_YMD = re.compile(r"^(\d{4})\s*[年./\-]\s*(\d{1,2})(?:\s*[月./\-]\s*(\d{1,2})\s*日?|\s*月?)$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


class DateError(UserError, ValueError):
    """The text is not a date; the message is Chinese and says what was expected."""


def parse_date(value: object, *, today: dt.date | None = None) -> dt.date | None:
    """A date from a cell or a text field; None for empty. A month without a day is the
    1st of that month (rosters often give only 1985.03). Raises DateError."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        result = _from_serial(float(value))
    else:
        text = clean_text(value)
        if not text:
            return None
        result = _from_text(text)
    if today is not None and result > today:
        raise DateError(f"日期{result:%Y-%m-%d}晚于今天")
    return result


def _from_serial(serial: float) -> dt.date:
    # A year typed as a number (1985) is not a serial date; serials for 1900-2100 are
    # in 1..73415, and years from 1900 to 2100 would be mistaken for 1905-1915 dates.
    if 1900 <= serial <= 2100:
        raise DateError(f"“{int(serial)}”只有年份，请写成如1985.03或1985-03-12的日期")
    if not 1 <= serial <= 73415:
        raise DateError(f"“{serial:g}”不是日期")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _from_text(text: str) -> dt.date:
    text = text.replace("．", ".")
    match = _YMD.match(text) or _COMPACT.match(text)
    if match is None:
        if re.fullmatch(r"\d+(\.0)?", text):
            return _from_serial(float(text))
        raise DateError(f"“{text}”不是日期，请写成如1985-03-12、1985.03或1985年3月")
    year, month = int(match.group(1)), int(match.group(2))
    day = int(match.group(3)) if match.group(3) else 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"“{text}”不是存在的日期") from None


def age_on(birth: dt.date, on: dt.date) -> int:
    """Whole years of age on a date (a birthday on `on` counts)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
