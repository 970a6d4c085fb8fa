"""The year's summary as a report: title, the seed-style paragraphs, a per-branch table,
the issuer over the date. One content for the Word file and the PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dahe_desktop import settings
from dahe_desktop.dashboard.figures import Dashboard
from dahe_desktop.dashboard.paragraphs import report_paragraphs
from dahe_desktop.dashboard.titles import DASH, TABLE_COLUMNS, cell


@dataclass
class ReportContent:
    title: str
    sections: list[tuple[str, str]]  # (heading, paragraph)
    table_title: str
    header: list[str]
    rows: list[list[str]]  # the last row is the township's total
    issuer: str
    date: dt.date

    def text(self) -> str:
        """Everything the report says, in reading order (for tests and previews)."""
        lines = [self.title]
        for heading, paragraph in self.sections:
            lines += [heading, paragraph]
        lines.append(self.table_title)
        lines += ["\t".join(self.header), *("\t".join(r) for r in self.rows), self.issuer, cn_date(self.date)]
        return "\n".join(lines)


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def build_report(d: Dashboard, township: str | None = None, issuer: str | None = None) -> ReportContent:
    township = township or settings.get(settings.TOWNSHIP_NAME)
    issuer = issuer or settings.get(settings.COMMITTEE_NAME)
    # A column no installed feature fills (all "—") is left out of the paper.
    columns = [(title, keys) for title, keys in TABLE_COLUMNS if cell(d.values, keys) != DASH]
    rows = [[b.branch_name, *(cell(b.values, keys) for _, keys in columns)] for b in d.branches]
    rows.append(["合计", *(cell(d.values, keys) for _, keys in columns)])
    return ReportContent(
        title=f"{township}{d.year}年党员联系服务群众工作情况",
        sections=report_paragraphs(d, township),
        table_title=f"附表：各党支部{d.year}年党员联系服务群众工作情况",
        header=["党支部", *(title for title, _ in columns)],
        rows=rows,
        issuer=issuer,
        date=d.today if d.today.year == d.year else dt.date(d.year, 12, 31),
    )
