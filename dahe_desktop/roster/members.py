"""The one place that lists members: active members in branch order (the order of every
list and printout), their counts and the brief every list names them by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peewee import Query, fn

from dahe_desktop import labels
from db.models import Branch, Member


@dataclass
class MemberBrief:
    """A member as a list or a printout names them."""

    id: int
    name: str
    position: str
    branch_id: int
    branch_name: str


BRIEF_COLUMNS = (Member.id, Member.name, Member.position, Branch.id.alias("branch_id"), Branch.name.alias("branch_name"))


def in_roster_order(*columns, branch_id: int | None = None, statuses: Sequence[str] = (labels.STATUS_ACTIVE,)) -> Query:
    """Members of `statuses` (default: 在册; of one branch) joined to their branch, in
    roster order (branch order, then entry order: the order of every list and
    printout), selecting `columns` (default: what a `MemberBrief` needs). Callers may
    add `.where(...)`."""
    query = (
        Member.select(*(columns or BRIEF_COLUMNS))
        .join(Branch)
        .where(Member.status.in_(list(statuses)))
        .order_by(Branch.sort_order, Branch.id, Member.id)
    )
    if branch_id is not None:
        query = query.where(Member.branch == branch_id)
    return query


def active_query(*columns, branch_id: int | None = None) -> Query:
    """Active members (of one branch) in roster order; see `in_roster_order`."""
    return in_roster_order(*columns, branch_id=branch_id)


def briefs(query: Query) -> list[MemberBrief]:
    """The rows of a query over `BRIEF_COLUMNS` as briefs."""
    return [MemberBrief(r["id"], r["name"], r["position"], r["branch_id"], r["branch_name"]) for r in query.dicts()]


def active_members(branch_id: int | None = None) -> list[MemberBrief]:
    """Active members (of a branch), in branch order."""
    return briefs(active_query(branch_id=branch_id))


def member_brief(member_id: int) -> MemberBrief:
    """One member (any status), as lists name them."""
    query = Member.select(*BRIEF_COLUMNS).join(Branch).where(Member.id == member_id)
    return briefs(query)[0]


def by_pinyin(branch_id: int) -> list[MemberBrief]:
    """A branch's active members in the order of their names' pinyin (to pick one from)."""
    return briefs(active_query(branch_id=branch_id).order_by(Member.name_pinyin, Member.id))


def count_active(branch_id: int | None = None) -> int:
    """How many members are 在册 (in one branch)."""
    query = Member.select().where(Member.status == labels.STATUS_ACTIVE)
    if branch_id is not None:
        query = query.where(Member.branch == branch_id)
    return query.count()


def active_counts() -> dict[int, int]:
    """Active members per branch id (branches without any are missing)."""
    query = (
        Member.select(Member.branch, fn.COUNT(Member.id))
        .where(Member.status == labels.STATUS_ACTIVE)
        .group_by(Member.branch)
    )
    return dict(query.tuples())


def has_members() -> bool:
    """Whether the data file holds any member at all (history included)."""
    return Member.select().exists()
