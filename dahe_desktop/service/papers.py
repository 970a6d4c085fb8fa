"""What the service-work papers say, as plain data for their painters: a member's
社情民意手册 for a year, a branch's 督办 list of open items, a 回访 slip per item.

The 督办 list and the slips go to members and branch committees, not on a wall; they
name households and their problems, so they are never posted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dahe_desktop import settings
from dahe_desktop.service import labels as L
from dahe_desktop.service.inspections import list_inspections
from dahe_desktop.service.records import InspectionRow, ItemFilter, ItemRow, VisitRow
from dahe_desktop.service.rules import ServiceError
from dahe_desktop.service.visits import get_item, list_items, list_visits
from db.models import Branch, Member

SATISFACTION = ("满意", "基本满意", "不满意")


@dataclass
class Handbook:
    """A member's 社情民意手册: the year's visits, the items and how each ended."""

    township: str
    year: int
    member_name: str
    position: str
    branch_name: str
    visits: list[VisitRow]
    items: list[ItemRow]
    inspections: list[InspectionRow]

    @property
    def title(self) -> str:
        return f"党员社情民意手册（{self.year}年）"

    def ending(self, item: ItemRow) -> str:
        """How an item ended, in a line: its result and the feedback, or where it stands."""
        if item.status == L.FED_BACK:
            return f"{item.result}；{item.feedback_date:%Y-%m-%d}{item.feedback_how}"
        if item.status in L.RESULTS:
            reason = f"（{item.reason}）" if item.reason else ""
            return f"{item.status}：{item.result}{reason}；尚未反馈群众"
        return item.status_text


@dataclass
class SupervisionList:
    """A branch's open items (督办): per owner, overdue ones first."""

    township: str
    year: int
    branch_name: str
    as_of: dt.date
    items: list[ItemRow]

    @property
    def title(self) -> str:
        return f"{self.branch_name}社情民意督办清单"

    def days_late(self, item: ItemRow) -> int:
        return (self.as_of - item.due_date).days if item.overdue and item.due_date else 0


@dataclass
class FollowUpSlip:
    """A 回访 slip the member takes back to the household: what was raised, what was done,
    and blanks for the household's word."""

    township: str
    branch_name: str
    item: ItemRow
    satisfaction: tuple[str, ...] = SATISFACTION

    @property
    def title(self) -> str:
        return "社情民意办理结果回访单"


def member_handbook(member_id: int, year: int, today: dt.date | None = None) -> Handbook:
    m = Member.select(Member, Branch.name.alias("branch_name")).join(Branch).where(Member.id == member_id).dicts()
    rows = list(m)
    if not rows:
        raise ServiceError("所选党员不存在")
    r = rows[0]
    visits = sorted(list_visits(year, member_id=member_id), key=lambda v: (v.visit_date, v.id))
    items = sorted(list_items(ItemFilter(year=year, member_id=member_id), today), key=lambda i: (i.raised_date, i.id))
    inspections = sorted(list_inspections(year, member_id=member_id), key=lambda i: (i.inspection_date, i.id))
    return Handbook(settings.get(settings.TOWNSHIP_NAME), year, r["name"], r["position"], r["branch_name"], visits, items,
                    inspections)  # fmt: skip


def supervision_list(branch_id: int, year: int | None = None, today: dt.date | None = None) -> SupervisionList:
    """Open items of a branch (every year unless one is given): what the branch chases."""
    today = today or dt.date.today()
    branch = Branch.get_or_none(Branch.id == branch_id)
    if branch is None:
        raise ServiceError("所选支部不存在")
    items = list_items(ItemFilter(year=year, branch_id=branch_id, open_only=True), today)
    return SupervisionList(settings.get(settings.TOWNSHIP_NAME), year or today.year, branch.name, today, items)


def follow_up_slips(item_ids: list[int], today: dt.date | None = None) -> list[FollowUpSlip]:
    township = settings.get(settings.TOWNSHIP_NAME)
    return [FollowUpSlip(township, (item := get_item(i, today)).branch_name, item) for i in item_ids]
