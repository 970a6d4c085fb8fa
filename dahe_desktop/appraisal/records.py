"""Plain records passed between the appraisal core, the tab, the CLI and the printouts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dahe_desktop.appraisal.labels import STATE_LABELS
from dahe_desktop.appraisal.rubrics import Rubric
from dahe_desktop.appraisal.scoring import RunConfig
from dahe_desktop.errors import UserError


class AppraisalError(UserError):
    """An appraisal action refused; one line per problem, naming the member or cell."""


@dataclass
class RunInfo:
    id: int
    branch_id: int
    branch_name: str
    year: int
    state: str
    meeting_date: dt.date | None
    rubrics: dict[str, Rubric]
    config: RunConfig
    reopened: bool
    finalized_at: dt.datetime | None
    subjects: int = 0
    raters: int = 0

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class SubjectRow:
    """A member appraised in a run, as the members list shows them."""

    id: int
    member_id: int
    seq: int
    name: str
    position: str
    category: str
    suggested_category: str
    suggestion_note: str
    confirmed: bool
    excused: bool
    excuse_reason: str


@dataclass
class RaterRow:
    id: int
    group: str
    seq: int
    name: str
    village: str
    member_id: int | None

    @property
    def label(self) -> str:
        return f"{self.group}{self.seq}号 {self.name}"


@dataclass
class SheetRow:
    subject_id: int
    seq: int
    name: str
    values: list[int | None]  # tenths per rated item; None where blank
    other: list[int | None] | None = None  # the other pass's row, when it has one

    def differs(self, k: int) -> bool:
        """Both passes have cell k and disagree (the grid shows it at once)."""
        return self.other is not None and None not in (self.values[k], self.other[k]) and self.values[k] != self.other[k]


@dataclass
class ScoreSheet:
    """One rater's sheet for one category in one pass: members down, rated items across."""

    run_id: int
    rater: RaterRow
    category: str
    pass_no: int
    items: list  # RubricItem, the rated ones in order
    rows: list[SheetRow]
    read_only: bool = False

    @property
    def missing(self) -> int:
        return sum(v is None for r in self.rows for v in r.values)


@dataclass
class Difference:
    """A cell whose two entries disagree (or one pass has it and the other not)."""

    rater_id: int
    rater: str
    subject_id: int
    member: str
    category: str
    item_index: int
    item: str
    first: int | None
    second: int | None


@dataclass
class EntryProgress:
    """How far one rater's sheets are entered (all categories together)."""

    rater: RaterRow
    cells: int
    first: int  # cells filled in the first pass
    second: int
    differences: int


@dataclass
class ItemResult:
    name: str
    max: int  # tenths
    points: float | None  # tenths, unrounded
    by_clauses: bool = False
    detail: str = ""  # for clause items: e.g. 缺席“三会一课”2次


@dataclass
class MemberResult:
    subject_id: int
    member_id: int
    seq: int
    name: str
    position: str
    category: str
    excused: bool
    excuse_reason: str
    items: list[ItemResult] = field(default_factory=list)
    total: int | None = None  # tenths
    rank: int | None = None
    suggested: str = ""
    capped: bool = False
    grade: str = ""  # the committee's proposed grade, or the suggestion when none recorded
    grade_recorded: bool = False
    grade_reason: str = ""
    appeal: str = ""
    measures: str = ""

    @property
    def overridden(self) -> bool:
        return self.grade_recorded and self.grade != self.suggested


@dataclass
class RunResults:
    run: RunInfo
    members: list[MemberResult]
    blocked: list[str]  # why totals do not count yet (differences, second passes missing)
    warnings: list[str] = field(default_factory=list)

    @property
    def counted(self) -> bool:
        return not self.blocked


@dataclass
class EventRow:
    at: dt.datetime
    kind: str
    text: str
