"""The roster as the table shows it, fast enough for 100,000 members.

Three pieces, so that nothing costs a Python object per member per column:
- `load_index()` runs the structured filters (branch, category, sex, ethnicity, status)
  and the sort order in SQL, and returns only (id, search text) per matching member;
- `RosterIndex.matching()` does the search box in Python over those strings (a few ms
  per keystroke; refining a search only re-checks the previous matches);
- `fetch_display_rows()` fetches the shown columns for the rows on screen.
A QSortFilterProxyModel would instead call back into Python once per row per keystroke.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from peewee import Case, fn

from dahe_desktop import labels
from dahe_desktop.dates import age_on
from dahe_desktop.roster.idcard import birth_month, mask_id_number_strict
from dahe_desktop.roster.pinyin import search_spellings
from db.connection import is_server_store
from db.models import Branch, Member

MINORITY = "少数民族"  # filter value meaning "any group but 汉族"


@dataclass(frozen=True)
class Column:
    key: str
    label: str


# 姓名 and 状态 lead, so a narrow window (1024 px) still shows whom and whether 在册.
COLUMNS = (
    Column("name", "姓名"),
    Column("status", "状态"),
    Column("status_date", "变更日期"),  # 转出 / 去世: when, and where to or why
    Column("status_note", "去向/说明"),
    Column("sex", "性别"),
    Column("ethnicity", "民族"),
    Column("age", "年龄"),
    Column("birth_date", "出生日期"),
    Column("id_number", "身份证号"),
    Column("education", "文化程度"),
    Column("joined_party", "入党时间"),
    Column("party_years", "党龄"),
    Column("branch", "所在支部"),
    Column("phone", "联系电话"),
    Column("position", "职务"),
    Column("category", "人员类别"),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
HISTORY_COLUMNS = (COLUMN_INDEX["status_date"], COLUMN_INDEX["status_note"])  # empty for 在册

_SHOWN = (
    Member.name, Member.status, Member.status_date, Member.status_note, Member.sex, Member.ethnicity, Member.birth_date, Member.birth_date,
    Member.id_number, Member.education, Member.joined_party, Member.joined_party, Branch.name, Member.phone, Member.position,
    Member.category,
)  # fmt: skip
# Sort keys per column: names in pinyin order, branches in their own order.
# Sorted by what the table shows and no finer: a masked ID number (its region and the
# serial digits) and a birth year-month, never the hidden day (the order within a month
# would give it away).
_BIRTH_MONTH = fn.SUBSTR(Member.birth_date.cast("TEXT"), 1, 7)
_SORT_KEYS = {
    "name": Member.name_pinyin, "branch": Branch.sort_order, "birth_date": _BIRTH_MONTH, "age": _BIRTH_MONTH,
    "id_number": fn.SUBSTR(Member.id_number, 1, 6).concat(fn.SUBSTR(Member.id_number, 15, 3)),
}  # fmt: skip
_ID_COLUMN = COLUMN_INDEX["id_number"]
_BIRTH_COLUMN = COLUMN_INDEX["birth_date"]
# Whole years today, from a date column: the older, the earlier the date.
_YEARS_SINCE = {COLUMN_INDEX["age"], COLUMN_INDEX["party_years"]}


@dataclass
class RosterFilter:
    text: str = ""
    branch_id: int | None = None
    category: str | None = None
    sex: str | None = None
    ethnicity: str | None = None  # a group, or MINORITY
    status: str | None = labels.STATUS_ACTIVE  # None: everyone, history included
    member_ids: tuple[int, ...] | None = None  # only these (e.g. the members just imported)


@dataclass(frozen=True)
class SortOrder:
    column: int  # index into COLUMNS
    descending: bool = False


class RosterIndex:
    """Member ids in display order, with the text the search box looks in: given with
    the ids (a file), or read by `load_keys` on the first search or when the window is
    idle (the county's server, where they are half the roster's query)."""

    def __init__(self, ids: list[int], search: list[str] | None = None,
                 load_keys: Callable[[], dict[int, str]] | None = None):  # fmt: skip
        self.ids = ids
        self._search = search
        self._load_keys = load_keys
        self._keys: dict[int, str] | None = None
        self._last: tuple[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def search(self) -> list[str]:
        if self._search is None:
            keys = self.keys()
            self._search = [keys.get(member_id) or "" for member_id in self.ids]
        return self._search

    def keys(self) -> dict[int, str]:
        """Each member's search text by id (read now if not yet)."""
        if self._keys is None:
            if self._search is not None:
                self._keys = dict(zip(self.ids, self._search, strict=True))
            else:
                self._keys = self._load_keys() if self._load_keys else {}
        return self._keys

    def keys_loaded(self) -> bool:
        return self._keys is not None or self._search is not None

    def matching(self, text: str) -> list[int]:
        """Positions whose name, pinyin initials or full pinyin, phone or ID tail contains
        `text`. Typing one more letter only re-checks the previous matches."""
        text = text.strip().lower()
        if not text:
            return list(range(len(self.ids)))
        search = self.search
        if self._last is not None and text.startswith(self._last[0]):
            picks = [i for i in self._last[1] if text in search[i]]
        else:
            picks = [i for i, s in enumerate(search) if text in s]
        self._last = (text, picks)
        return picks


def search_key(name: str, phone: str, id_number: str | None) -> str:
    """The text the search box looks in (stored as `Member.search_key`): the name, every
    spelling of it (each reading of a polyphonic character), the phone, the ID's tail."""
    initials, fulls = search_spellings(name)
    return f"{name}\t{' '.join(initials)}\t{' '.join(fulls)}\t{phone}\t{(id_number or '')[-6:]}".lower()


def _conditions(f: RosterFilter) -> list:
    conds = []
    if f.member_ids is not None:
        conds.append(Member.id.in_(list(f.member_ids)))
    if f.status is not None:
        conds.append(Member.status == f.status)
    if f.branch_id is not None:
        conds.append(Member.branch == f.branch_id)
    if f.category:
        conds.append(Member.category == f.category)
    if f.sex:
        conds.append(Member.sex == f.sex)
    if f.ethnicity == MINORITY:
        conds.append(Member.ethnicity != labels.HAN)
    elif f.ethnicity:
        conds.append(Member.ethnicity == f.ethnicity)
    return conds


def load_index(f: RosterFilter, order: SortOrder | None = None, *, same_members: RosterIndex | None = None) -> RosterIndex:
    """Run the structured filters and the order in SQL. On a file the search texts come
    along (a second pass over the table would cost more than they do); on the county's
    server they come on the first search (`RosterIndex.search`): over the network they
    are half the query. `same_members`: an index of the same filter and data in another
    order (a re-sort), whose search texts are reused if read."""
    with_texts = not is_server_store()
    query = Member.select(Member.id, Member.search_key) if with_texts else Member.select(Member.id)
    query = query.join(Branch)
    conds = _conditions(f)
    if conds:
        query = query.where(*conds)
    if order is None:
        query = query.order_by(Branch.sort_order, Member.branch, Member.id)
    else:
        key = _SORT_KEYS.get(COLUMNS[order.column].key, _SHOWN[order.column])
        descending = order.descending != (order.column in _YEARS_SINCE)  # years: dates reversed
        # Empty values last. Compared as text: PostgreSQL refuses '' against a date or a number.
        empty = Case(None, [((key.is_null()) | (key.cast("TEXT") == ""), 1)], 0)
        query = query.order_by(empty, key.desc() if descending else key.asc(), Member.id)
    # Raw cursor rows: plain columns need none of Peewee's per-row conversion.
    rows = Member._meta.database.execute(query).fetchall()
    if with_texts:
        return RosterIndex([r[0] for r in rows], [r[1] for r in rows])
    ids = [r[0] for r in rows]
    if same_members is not None and same_members.keys_loaded():
        return RosterIndex(ids, load_keys=same_members.keys)
    return RosterIndex(ids, load_keys=lambda: _search_keys(conds))


def _search_keys(conds: list) -> dict[int, str]:
    """The search texts of the members the filters select, by id (unsorted)."""
    query = Member.select(Member.id, Member.search_key)
    if conds:
        query = query.where(*conds)
    return dict(Member._meta.database.execute(query).fetchall())


def fetch_display_rows(member_ids: list[int], today: dt.date | None = None) -> dict[int, tuple]:
    """The shown columns (ID numbers masked, dates as YYYY-MM-DD, 年龄 and 党龄 in whole
    years today) for these members. The birth date shows as YYYY-MM: the masked middle
    of an ID number is the birth date, so the whole date beside it would undo the mask
    (the member's edit dialog shows it whole)."""
    today = today or dt.date.today()
    query = Member.select(Member.id, *_SHOWN).join(Branch).where(Member.id.in_(member_ids)).tuples()
    result = {}
    for member_id, *raw in query:
        for column in _YEARS_SINCE:
            raw[column] = age_on(raw[column], today) if raw[column] else None
        birth = raw[_BIRTH_COLUMN]
        values = ["" if v is None else str(v) for v in raw]
        values[_ID_COLUMN] = mask_id_number_strict(values[_ID_COLUMN])
        values[_BIRTH_COLUMN] = birth_month(birth)
        result[member_id] = tuple(values)
    return result


def ethnicities() -> list[str]:
    """Groups present among members, most common first (for the filter box)."""
    count = fn.COUNT(Member.id)
    query = Member.select(Member.ethnicity, count).group_by(Member.ethnicity).order_by(count.desc(), Member.ethnicity)
    return [e for e, _ in query.tuples()]


def count_members(status: str | None = labels.STATUS_ACTIVE) -> int:
    query = Member.select()
    if status is not None:
        query = query.where(Member.status == status)
    return query.count()


__all__ = ["COLUMNS", "MINORITY", "RosterFilter", "RosterIndex", "SortOrder", "count_members",
           "ethnicities", "fetch_display_rows", "load_index"]  # fmt: skip
