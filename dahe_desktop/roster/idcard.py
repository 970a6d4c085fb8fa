"""Resident ID numbers (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check digit."""

from __future__ import annotations

import datetime as dt
import operator
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    if len(first17) != len(_WEIGHTS):
        raise ValueError(f"17 digits expected, got {len(first17)}")
    total = sum(map(operator.mul, map(int, first17), _WEIGHTS))
    return _CHECK[total % 11]


def normalize_id_number(raw: str) -> str:
    """Upper-case the X, drop spaces; full-width digits are handled by text normalisation."""
    return raw.strip().replace(" ", "").upper()


def id_number_error(id_number: str, today: dt.date | None = None) -> str | None:
    """None when valid, else a Chinese sentence saying what is wrong."""
    if len(id_number) != 18:
        return f"身份证号应为18位，现为{len(id_number)}位"
    if not _SHAPE.match(id_number):
        return "身份证号前17位应为数字，最后一位为数字或X"
    birth = birth_date_from_id(id_number)
    if birth is None:
        return "身份证号中的出生日期不存在"
    if birth > (today or dt.date.today()):
        return "身份证号中的出生日期晚于今天"
    if check_digit(id_number[:17]) != id_number[17]:
        return "身份证号校验位不正确，请核对号码"
    return None


def birth_date_from_id(id_number: str) -> dt.date | None:
    try:
        return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def sex_from_id(id_number: str) -> str:
    """The 17th digit is odd for men, even for women."""
    return "男" if int(id_number[16]) % 2 else "女"


def mask_id_number(id_number: str | None) -> str:
    """632522********1234: region kept, birth date hidden, the tail kept for look-ups."""
    if not id_number:
        return ""
    if len(id_number) < 10:
        return "*" * len(id_number)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def mask_id_number_strict(id_number: str | None) -> str:
    """632522********123*: the ID number as lists and exports show it beside a birth
    year-month; the check digit is hidden too, or it would pick the day out of the month."""
    masked = mask_id_number(id_number)
    return masked[:-1] + "*" if len(masked) == 18 else masked


def birth_month(birth_date: dt.date | None) -> str:
    """The birth date as a list beside a masked ID number shows it (YYYY-MM): the whole
    date is the hidden middle of the number."""
    return f"{birth_date:%Y-%m}" if birth_date else ""


def make_id_number(region: str, birth: dt.date, serial: int, sex: str) -> str:
    """Build a valid number (demo data, tests): serial 0-99, sex sets the parity digit."""
    sex_digit = serial % 5 * 2 + (1 if sex == "男" else 0)
    first17 = f"{region}{birth:%Y%m%d}{serial // 5 % 100:02d}{sex_digit}"
    return first17 + check_digit(first17)
