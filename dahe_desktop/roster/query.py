"""The roster as the table shows it: one query for every row, and a filter index fast
enough for a keystroke over 100,000 members.

Filtering and sorting are done here over plain tuples rather than in a Qt proxy model:
a QSortFilterProxyModel would call back into Python once per row on every keystroke
(~100k calls), while a list comprehension over prepared search strings takes a few ms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from operator import itemgetter

from dahe_desktop import labels
from dahe_desktop.roster.idcard import mask_id_number
from db.models import Branch, Member

MINORITY = "少数民族"  # filter value meaning "any group but 汉族"


@dataclass(frozen=True)
class Column:
    key: str
    label: str


# Row tuple layout: ID first, then the shown columns in this order.
COLUMNS = (
    Column("name", "姓名"),
    Column("sex", "性别"),
    Column("ethnicity", "民族"),
    Column("birth_date", "出生日期"),
    Column("id_number", "身份证号"),
    Column("education", "文化程度"),
    Column("joined_party", "入党时间"),
    Column("branch", "所在支部"),
    Column("phone", "联系电话"),
    Column("position", "职务"),
    Column("category", "人员类别"),
    Column("status", "状态"),
)
COLUMN_INDEX = {c.key: i + 1 for i, c in enumerate(COLUMNS)}
_BRANCH_ID = len(COLUMNS) + 1  # hidden fields after the shown ones
_PINYIN = _BRANCH_ID + 1
_SEARCH = _PINYIN + 1


@dataclass
class RosterFilter:
    text: str = ""
    branch_id: int | None = None
    category: str | None = None
    sex: str | None = None
    ethnicity: str | None = None  # a group, or MINORITY
    status: str | None = labels.STATUS_ACTIVE  # None: everyone, history included


class RosterIndex:
    """All members as display tuples: (id, *shown columns, branch_id, pinyin, search text)."""

    def __init__(self, rows: list[tuple]):
        self.rows = rows

    @classmethod
    def load(cls) -> RosterIndex:
        query = (
            Member.select(
                Member.id, Member.name, Member.sex, Member.ethnicity, Member.birth_date,
                Member.id_number, Member.education, Member.joined_party, Branch.name,
                Member.phone, Member.position, Member.category, Member.status,
                Member.branch, Member.name_initials, Member.name_pinyin,
            )  # fmt: skip
            .join(Branch)
            .order_by(Branch.sort_order, Branch.id, Member.id)
            .tuples()
        )
        cursor = Member._meta.database.execute(query)  # raw rows: no per-row model objects
        rows = []
        append = rows.append
        for (mid, name, sex, eth, birth, idn, edu, joined, branch, phone, pos, cat, status,
             branch_id, initials, pinyin) in cursor:  # fmt: skip
            idn = idn or ""
            search = f"{name}\t{initials}\t{pinyin}\t{phone}\t{idn[-6:]}".lower()
            append((mid, name, sex, eth, _date(birth), mask_id_number(idn), edu, _date(joined),
                    branch, phone, pos, cat, status, branch_id, pinyin, search))  # fmt: skip
        return cls(rows)

    def __len__(self) -> int:
        return len(self.rows)

    def filter(self, f: RosterFilter) -> list[int]:
        """Positions of the rows that pass, in load order."""
        rows = self.rows
        picks = range(len(rows))
        text = f.text.strip().lower()
        if f.status is not None:
            picks = [i for i in picks if rows[i][COLUMN_INDEX["status"]] == f.status]
        if f.branch_id is not None:
            picks = [i for i in picks if rows[i][_BRANCH_ID] == f.branch_id]
        for key, value in (("category", f.category), ("sex", f.sex)):
            if value:
                col = COLUMN_INDEX[key]
                picks = [i for i in picks if rows[i][col] == value]
        if f.ethnicity:
            col = COLUMN_INDEX["ethnicity"]
            if f.ethnicity == MINORITY:
                picks = [i for i in picks if rows[i][col] != labels.HAN]
            else:
                picks = [i for i in picks if rows[i][col] == f.ethnicity]
        if text:
            picks = [i for i in picks if text in rows[i][_SEARCH]]
        return list(picks)

    def sorted(self, picks: list[int], column: int, descending: bool = False) -> list[int]:
        """`picks` ordered by a shown column (0-based); stable, empty values last."""
        col = _PINYIN if column == 0 else column + 1  # names sort in pinyin order
        rows = self.rows
        filled = [i for i in picks if rows[i][col]]
        empty = [i for i in picks if not rows[i][col]]
        filled.sort(key=lambda i: rows[i][col], reverse=descending)
        return filled + empty

    def member_id(self, position: int) -> int:
        return self.rows[position][0]

    def ethnicities(self) -> list[str]:
        """Groups present in the roster, most common first."""
        counts: dict[str, int] = {}
        col = COLUMN_INDEX["ethnicity"]
        for row in self.rows:
            counts[row[col]] = counts.get(row[col], 0) + 1
        return [k for k, _ in sorted(counts.items(), key=itemgetter(1), reverse=True)]


def _date(value: dt.date | str | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else value.isoformat()
