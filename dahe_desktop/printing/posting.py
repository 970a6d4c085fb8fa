"""The facts every public posting (公示) and official paper states: who issues it, when,
for how long, whom to call. Plain values: the feature reads them from the township's
settings (`dahe_desktop.township.posting_info`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

POSTING_DAYS = 7  # a usual 公示期


def cn_date(day: dt.date | None) -> str:
    """2026年6月28日 (no leading zeros), as official papers write dates."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


@dataclass(frozen=True)
class PostingInfo:
    issuer: str
    phone: str
    issued_on: dt.date
    period_start: dt.date
    period_end: dt.date

    @property
    def period_text(self) -> str:
        return f"{cn_date(self.period_start)}至{cn_date(self.period_end)}"

    @property
    def phone_text(self) -> str:
        # No phone configured: leave a line to write one in by hand.
        return self.phone or "＿＿＿＿＿＿＿＿"


def make_posting_info(issuer: str, phone: str, start: dt.date, days: int = POSTING_DAYS,
                      issued_on: dt.date | None = None) -> PostingInfo:  # fmt: skip
    return PostingInfo(issuer=issuer, phone=phone, issued_on=issued_on or start, period_start=start,
                       period_end=start + dt.timedelta(days=max(days, 1) - 1))  # fmt: skip
