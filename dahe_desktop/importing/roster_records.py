"""What a roster import's preview and result hold: the good rows (with the changes to a
member on file and how each cell was read), the bad rows with their reasons, new
branches, people already on file without an ID number. Plain records for the dialog
and the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dahe_desktop import labels
from dahe_desktop.errors import UserError
from dahe_desktop.importing.updates import CellReading, FieldChange, change_summary
from dahe_desktop.roster.validation import MemberData


class ImportRefused(UserError):
    """The import was not applied; the message is Chinese and says what to do."""


@dataclass
class BadRow:
    """A spreadsheet row that cannot be imported, and why (Chinese, one reason per item)."""

    row: int
    name: str
    reasons: list[str]
    cells: list[object] = field(default_factory=list)  # the row as written, to send back

    @property
    def text(self) -> str:
        return "；".join(self.reasons)


@dataclass
class GoodRow:
    """A row that passed every check; `data.branch_id` is None while its branch is new."""

    row: int
    data: MemberData
    branch_name: str
    status: str = labels.STATUS_ACTIVE
    status_date: dt.date | None = None
    member_id: int | None = None  # the member on file with this ID number: an update
    changes: list[FieldChange] = field(default_factory=list)  # what an update changes
    readings: list[CellReading] = field(default_factory=list)  # cells read differently from written

    @property
    def is_update(self) -> bool:
        return self.member_id is not None


@dataclass
class NewBranch:
    """A branch named in the file but not in the roster; created on import."""

    name: str
    kind: str  # guessed from the name, see columns.guess_branch_kind
    rows: int  # how many good rows belong to it


@dataclass
class KnownRow:
    """A row without an ID number whose person is already in the roster (same name,
    birth date and branch): reported, not imported a second time."""

    row: int
    name: str
    member_id: int


@dataclass
class ImportPreview:
    """What an import would do. Plain data, so the GUI can show it and the CLI print it."""

    path: str
    sheet: str
    header_row: int
    columns: dict[str, str]  # field -> the header as written in the file
    ignored_headers: list[str]
    good: list[GoodRow]
    bad: list[BadRow]
    new_branches: list[NewBranch]
    encoding: str | None = None
    header_cells: list[str] = field(default_factory=list)
    summary_rows: list[tuple[int, str]] = field(default_factory=list)  # (row, text): skipped
    already: list[KnownRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.good) + len(self.bad) + len(self.already)

    @property
    def new_rows(self) -> list[GoodRow]:
        return [g for g in self.good if not g.is_update]

    @property
    def changed_rows(self) -> list[GoodRow]:
        return [g for g in self.good if g.is_update and g.changes]

    @property
    def unchanged(self) -> int:
        return sum(1 for g in self.good if g.is_update and not g.changes)

    def change_lines(self) -> list[str]:
        """'12人电话有变动', one line per field that changes for someone."""
        return change_summary([g.changes for g in self.changed_rows])


@dataclass
class ImportResult:
    imported: int
    skipped: int
    new_branches: list[NewBranch] = field(default_factory=list)
    updated: int = 0
    member_ids: list[int] = field(default_factory=list)  # the new and the changed, to show

    @property
    def written(self) -> int:
        return self.imported + self.updated
