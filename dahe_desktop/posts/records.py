"""Plain records passed between the posts core and its front ends (no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dahe_desktop.posts import labels


@dataclass
class CatalogueEntry:
    id: int | None
    name: str
    duties: str
    targets: str
    in_use: bool = True
    version: int | None = None  # as loaded: a save over another clerk's is refused


@dataclass
class PostInput:
    """A post to open (or edit) in a branch's selection."""

    name: str
    seats: int
    duties: str = ""
    targets: str = ""
    post_type_id: int | None = None
    opened_on: dt.date | None = None  # default: today
    version: int | None = None  # an edit: the post's version as loaded


@dataclass
class ApplicationInput:
    """An application (自己申报) or a nomination (群众提名: by a villager or a group)."""

    member_id: int
    kind: str
    made_on: dt.date
    reason: str = ""
    nominated_by: str = ""
    nominator_kind: str = ""


@dataclass
class CandidateVotes:
    """One candidate's line in a ballot entry."""

    candidate_id: int
    member_votes: int
    rep_votes: int


@dataclass
class BallotInput:
    """One entry of the counted ballots of a branch's vote."""

    entered_by: str
    voted_on: dt.date
    member_voters: int
    rep_voters: int
    invalid: int
    blank: int
    votes: list[CandidateVotes]

    def by_candidate(self) -> dict[int, CandidateVotes]:
        return {v.candidate_id: v for v in self.votes}


@dataclass
class CandidateRow:
    id: int
    post_id: int
    post_name: str
    member_id: int
    member_name: str
    sort_order: int
    votes: int | None
    outcome: str


@dataclass
class PostRow:
    id: int
    name: str
    seats: int
    duties: str
    targets: str
    applications: int
    nominations: int
    candidates: list[CandidateRow] = field(default_factory=list)
    version: int | None = None


@dataclass
class ApplicationRow:
    id: int
    post_id: int
    post_name: str
    member_id: int
    member_name: str
    kind: str
    reason: str
    nominated_by: str
    nominator_kind: str
    made_on: dt.date


@dataclass
class CandidateResult:
    """What the tally gives one candidate."""

    candidate_id: int
    name: str
    votes: int
    outcome: str


@dataclass
class PostResult:
    post_id: int
    post_name: str
    seats: int
    valid_ballots: int
    needed: int  # votes needed: more than half the valid ballots
    results: list[CandidateResult]
    tied_for: int = 0  # seats the tied candidates compete for

    @property
    def elected(self) -> list[CandidateResult]:
        return [r for r in self.results if r.outcome == labels.ELECTED]

    @property
    def tied(self) -> list[CandidateResult]:
        return [r for r in self.results if r.outcome == labels.TIED]


@dataclass
class StepState:
    """One step of a selection as the step view shows it."""

    title: str
    done: bool
    on: dt.date | None
    detail: str


@dataclass
class SelectionStatus:
    """Where a branch's selection of a year stands and what is missing."""

    branch_id: int
    branch_name: str
    year: int
    selection_id: int | None
    steps: list[StepState]
    missing: list[str]  # what the branch still has to do, one line each
    tallied: bool = False  # the vote has been counted (entries are locked)

    @property
    def finished(self) -> bool:
        return bool(self.steps) and all(s.done for s in self.steps) and not self.missing


@dataclass
class AppointmentRow:
    id: int
    post_id: int
    post_name: str
    member_id: int
    member_name: str
    position: str
    branch_id: int
    branch_name: str
    year: int
    source: str
    reason: str
    duties: str
    targets: str
    appointed_on: dt.date
    status: str
    log_entries: int = 0
    version: int | None = None  # as loaded: editing the duties refuses a stale save


@dataclass
class DutyLogRow:
    id: int
    appointment_id: int
    member_name: str
    post_name: str
    done_on: dt.date
    what: str
    for_whom: str


@dataclass
class CoverageRow:
    """One active member of a branch as coverage sees them."""

    member_id: int
    member_name: str
    category: str
    position: str
    status: str  # labels.HOLDS_POST / OFFICE_HOLDER / NO_POST / EXEMPT
    posts: str  # the posts held, 、-joined
    why: str  # for those without a post: why (internal: may name 老病残/外出)


@dataclass
class Coverage:
    branch_id: int
    branch_name: str
    year: int
    rows: list[CoverageRow]

    def of(self, status: str) -> list[CoverageRow]:
        return [r for r in self.rows if r.status == status]

    @property
    def complete(self) -> bool:
        """Every able member holds a post (全覆盖)."""
        return not self.of(labels.NO_POST)
