"""Plain records passed between the service-work core, the tab, the CLI and the printouts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dahe_desktop.service import labels as L


@dataclass
class VisitInput:
    """A visit as the clerk enters it; `items` are the problems raised on it."""

    member_id: int
    visit_date: dt.date | None
    kind: str
    households: str = ""
    heard: str = ""
    items: list[ItemInput] = field(default_factory=list)
    id: int | None = None


@dataclass
class VisitRow:
    id: int
    member_id: int
    member_name: str
    branch_id: int
    branch_name: str
    visit_date: dt.date
    kind: str
    households: str
    heard: str
    items: int = 0


@dataclass
class ItemInput:
    """A problem raised (社情民意) as entered: where it goes, by when, who answers for it."""

    category: str
    content: str
    household: str = ""
    route: str = ""
    office: str = ""
    owner: str = ""
    due_date: dt.date | None = None
    member_id: int | None = None  # who collected it (the visit's member when on a visit)
    raised_date: dt.date | None = None  # the visit's date when on a visit


@dataclass
class ItemStep:
    """One step of an item's way: to a new status, with what that status needs."""

    to_status: str
    on: dt.date | None = None
    result: str = ""
    reason: str = ""
    feedback_how: str = ""
    note: str = ""


@dataclass
class ItemRow:
    id: int
    visit_id: int | None
    member_id: int
    member_name: str
    branch_id: int
    branch_name: str
    raised_date: dt.date
    household: str
    category: str
    content: str
    route: str
    office: str
    owner: str
    due_date: dt.date | None
    status: str
    result: str
    reason: str
    result_date: dt.date | None
    feedback_date: dt.date | None
    feedback_how: str
    reopened: int
    overdue: bool = False

    @property
    def routed_to(self) -> str:
        return f"{self.route}（{self.office}）" if self.office else self.route

    @property
    def status_text(self) -> str:
        return f"{self.status}（{L.OVERDUE_TEXT}）" if self.overdue else self.status

    @property
    def is_open(self) -> bool:
        """Open until the result has been told back to the household."""
        return self.status != L.FED_BACK


@dataclass
class ItemEventRow:
    event_date: dt.date
    from_status: str
    to_status: str
    note: str


@dataclass
class ItemFilter:
    year: int | None = None
    branch_id: int | None = None
    member_id: int | None = None
    status: str = ""  # one status, or "" for all
    open_only: bool = False
    overdue_only: bool = False
    owner: str = ""


@dataclass
class InspectionInput:
    branch_id: int
    inspection_date: dt.date | None
    area: str
    topic: str
    places: str = ""
    remote: bool = False
    participant_ids: list[int] = field(default_factory=list)
    other_participants: str = ""
    findings: str = ""
    opinions: str = ""
    opinion_count: int = 0
    adoption: str = L.ADOPTION_PENDING
    adoption_note: str = ""
    id: int | None = None


@dataclass
class InspectionRow:
    id: int
    branch_id: int
    branch_name: str
    inspection_date: dt.date
    area: str
    topic: str
    places: str
    remote: bool
    participants: list[str]
    other_participants: str
    findings: str
    opinions: str
    opinion_count: int
    adoption: str
    adoption_note: str

    @property
    def participants_text(self) -> str:
        names = list(self.participants)
        if self.other_participants:
            names.append(self.other_participants)
        return "、".join(names)


@dataclass
class InspectionSummary:
    """A branch's 视察调研 for a year (seed §3.3): how many, where, what came of them."""

    branch_id: int
    branch_name: str
    inspections: int = 0
    remote: int = 0
    opinions: int = 0
    adopted: int = 0
    not_adopted: int = 0
    pending: int = 0
    by_area: dict[str, int] = field(default_factory=lambda: {a: 0 for a in L.INSPECTION_AREAS})


@dataclass
class TeamInput:
    branch_id: int
    kind: str
    name: str
    formed_year: int
    leader_id: int | None = None
    leader_name: str = ""
    trade: str = ""
    member_ids: list[int] = field(default_factory=list)  # Party members from the roster
    villagers: list[str] = field(default_factory=list)  # other villagers by name
    households: list[tuple[str, str]] = field(default_factory=list)  # (head's name, place)
    note: str = ""
    id: int | None = None


@dataclass
class TeamRow:
    id: int
    branch_id: int
    branch_name: str
    kind: str
    name: str
    leader: str
    trade: str
    formed_year: int
    dissolved_year: int | None
    party_members: int
    villagers: int
    households: int

    @property
    def people(self) -> int:
        return self.party_members + self.villagers


@dataclass
class TeamDetail:
    row: TeamRow
    leader_id: int | None
    member_ids: list[int]
    member_names: list[str]
    villagers: list[str]
    households: list[tuple[str, str]]
    note: str
