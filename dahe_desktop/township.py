"""The township's facts that printouts state, read from the settings that travel with the
data file, handed to the print engine as plain values."""

from __future__ import annotations

import datetime as dt

from dahe_desktop import settings
from dahe_desktop.printing.posting import POSTING_DAYS, PostingInfo, make_posting_info


def posting_info(start: dt.date | None = None, days: int = POSTING_DAYS,
                 issued_on: dt.date | None = None) -> PostingInfo:  # fmt: skip
    """The posting facts from settings (issuing body, supervision phone) and a period."""
    return make_posting_info(settings.get(settings.COMMITTEE_NAME), settings.get(settings.SUPERVISION_PHONE),
                             start or dt.date.today(), days, issued_on)  # fmt: skip


def township_name() -> str:
    return settings.get(settings.TOWNSHIP_NAME)


def supervision_phone() -> str:
    return settings.get(settings.SUPERVISION_PHONE)
