"""Points in integer tenths: a rubric sums to exactly 1000 tenths, and 0.1 + 0.2 adds up."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from dahe_desktop.textnorm import clean_text

FULL_MARKS = 1000  # 100 points


def to_tenths(value: object) -> int:
    """`8`, `7.5`, `"12.5"` or `"１２"` as tenths of a point; ValueError when the value is
    not a number with at most one decimal."""
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    text = clean_text(value) if not isinstance(value, int | float) else repr(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite() or number.adjusted() > 9:
        # "1e999990" would take 40 s to make an int and "1e9999999" overflows: no score is that big
        raise ValueError(value)
    tenths = number * 10
    if tenths != tenths.to_integral_value():
        raise ValueError(value)
    return int(tenths)


def format_points(tenths: int | None) -> str:
    """10, 12.5 (no trailing .0): how maxima and entered scores are shown."""
    if tenths is None:
        return ""
    whole, part = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{whole}" if part == 0 else f"{sign}{whole}.{part}"


def round_tenths(value: float) -> int:
    """A computed total (in tenths, a float) to whole tenths, halves up (not banker's).
    The nudge absorbs float error (45.35 held as 45.3499999...): true totals are means
    over at most thousands of raters, so they never sit that close below a half."""
    return math.floor(value + 0.5 + 1e-7)


def format_total(tenths: int) -> str:
    """A total always with one decimal: 87.0, 92.5."""
    return f"{tenths // 10}.{tenths % 10}" if tenths >= 0 else f"-{format_total(-tenths)}"
