"""A village's revised roster: members already on file (matched by ID number) are
updated where the file says something new; cells the file leaves empty keep what is on
file. Also how each cell was read (`李 明`→李明, 汉→汉族), shown before anything is
written, and the summary rows (合计：6人) that are not members at all."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, fields

from dahe_desktop import labels
from dahe_desktop.roster.validation import MemberData
from dahe_desktop.textnorm import clean_text
from db.models import Branch, Member

# Fields a revised roster may change (the ID number is what matches the member).
# The name is not among them: the same ID under another name is refused as a likely typo.
UPDATABLE = ("sex", "ethnicity", "birth_date", "education", "joined_party", "membership",
             "branch", "phone", "position", "category", "specialties", "services", "service_promise")  # fmt: skip
SUMMARY_WORDS = ("合计", "总计", "小计", "共计", "总人数")
_LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class FieldChange:
    """One field of one member as it is on file and as the revised roster has it."""

    field: str
    old: str
    new: str

    @property
    def label(self) -> str:
        return labels.FIELD_LABELS.get(self.field, self.field)


@dataclass(frozen=True)
class CellReading:
    """A cell the import read differently from how it was written."""

    field: str
    written: str
    read: str

    @property
    def label(self) -> str:
        return labels.FIELD_LABELS.get(self.field, self.field)

    @property
    def text(self) -> str:
        return f"{self.label}：{self.written}→{self.read}"


@dataclass
class StoredMember:
    """A member on file, as the revised roster is compared with."""

    id: int
    data: MemberData
    branch_name: str
    status: str


def stored_by_id_number(id_numbers: list[str]) -> dict[str, StoredMember]:
    """Members on file with these ID numbers (a few queries, whatever the file's size)."""
    from dahe_desktop.roster.service import member_data_from_row

    wanted = sorted({n for n in id_numbers if n})
    found: dict[str, StoredMember] = {}
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[start : start + _LOOKUP_CHUNK]
        query = Member.select(Member, Branch.name.alias("branch_name")).join(Branch).where(Member.id_number.in_(chunk))
        for row in query.dicts():
            found[row["id_number"]] = StoredMember(row["id"], member_data_from_row(row), row["branch_name"], row["status"])
    return found


def merged(stored: MemberData, from_file: MemberData, in_file: set[str]) -> MemberData:
    """The stored record with what the file says: a field the file has and fills wins,
    an empty cell or a column the file lacks keeps what is on file."""
    values = {}
    for f in fields(MemberData):
        new = getattr(from_file, f.name)
        column = "branch" if f.name == "branch_id" else f.name
        filled = new not in (None, "") and column in in_file
        values[f.name] = new if filled else getattr(stored, f.name)
    return MemberData(**values)


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def field_changes(stored: StoredMember, new: MemberData, new_branch_name: str, new_status: str) -> list[FieldChange]:
    """What the revised row changes, field by field (cleaned values compared)."""
    old = stored.data.cleaned()
    found = []
    for name in UPDATABLE:
        if name == "branch":
            before, after = stored.branch_name, new_branch_name or stored.branch_name
        else:
            before, after = _shown(getattr(old, name)), _shown(getattr(new, name))
        if before != after:
            found.append(FieldChange(name, before, after))
    if new_status != stored.status:
        found.append(FieldChange("status", stored.status, new_status))
    return found


def change_summary(changes_per_member: list[list[FieldChange]]) -> list[str]:
    """'12人电话有变动' per field, most changed first."""
    counts = Counter(change.label for member in changes_per_member for change in member)
    return [f"{count}人{label}有变动" for label, count in counts.most_common()]


def cell_readings(raw: dict[str, object], data: MemberData, branch_name: str) -> list[CellReading]:
    """The cells whose value as read differs from how they were written."""
    readings = []
    for name, value in raw.items():
        if name in ("status", "status_date", "id_number") or value is None:
            continue
        written = _written(value)
        if not written:
            continue
        read = branch_name if name == "branch" else _shown(getattr(data, name, ""))
        if read and read != written:
            readings.append(CellReading(name, written, read))
    return readings


def _written(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def summary_row_text(cells: list[object]) -> str | None:
    """The text of a summary row such as `合计：6人` (not a member), else None."""
    texts = []
    for cell in cells:
        if clean_text(cell):
            texts.append(str(cell).strip())
            if len(texts) > 4:  # a member's row: no need to read the rest
                return None
    if not texts:
        return None
    first = texts[0].replace(" ", "")
    return "　".join(texts) if first.startswith(SUMMARY_WORDS) else None
