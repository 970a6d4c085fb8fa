"""Whom to print name cards for, read from the roster in one query and streamed, and the
print log (`CardPrint`) that makes "changed since the last print" possible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from peewee import fn

from dahe_desktop.namecards.layout import NameCard
from dahe_desktop.roster import members
from db import bulk_insert, changes, writing
from db.models import Branch, CardPrint, Member, now

NAME_CARD = "name_card"
NEVER = dt.datetime(1900, 1, 1)

ALL, BRANCH, SELECTED, CHANGED = "all", "branch", "selected", "changed"
SCOPE_LABELS = {
    ALL: "全体在册党员",
    BRANCH: "一个支部",
    SELECTED: "名册中选中的党员",
    CHANGED: "上次打印后有变动的党员",
}


@dataclass(frozen=True)
class CardScope:
    """Which active members get a card: all, one branch, chosen ids, or those changed
    since their last name-card print (or never printed)."""

    kind: str = ALL
    branch_id: int | None = None
    member_ids: tuple[int, ...] = ()


class MemberCards:
    """The cards of a scope: `len()` counts, iterating streams rows from one query.

    Re-iterable (each pass re-runs the query), so a render can check characters first
    and draw afterwards without holding 10,000 records."""

    def __init__(self, scope: CardScope):
        self.scope = scope

    def _query(self):
        query = members.active_query(Member.id, Member.name, Branch.name, Member.position, Member.phone,
                                     Member.services, Member.service_promise)  # fmt: skip
        scope = self.scope
        if scope.kind == BRANCH:
            query = query.where(Member.branch == scope.branch_id)
        elif scope.kind == SELECTED:
            query = query.where(Member.id.in_(list(scope.member_ids)))
        elif scope.kind == CHANGED:
            last = (
                CardPrint.select(fn.MAX(CardPrint.printed_at))
                .where((CardPrint.member == Member.id) & (CardPrint.kind == NAME_CARD))
            )  # fmt: skip
            # Times are stored to the second: an edit in the second of the print counts
            # as changed (>=), or an edit right after printing would be missed. Never
            # printed compares with a date before any edit.
            query = query.where(Member.updated_at >= fn.COALESCE(last, NEVER))
        # Branch by branch, names in pinyin order: the order the clerk hands cards out in.
        return query.order_by(Branch.sort_order, Branch.id, Member.name_pinyin, Member.id)

    def __len__(self) -> int:
        return self._query().count()

    def __iter__(self) -> Iterator[NameCard]:
        rows = self._query().tuples().iterator()
        if self.scope.kind == SELECTED:  # in the order the roster showed them
            place = {member_id: i for i, member_id in enumerate(self.scope.member_ids)}
            rows = sorted(rows, key=lambda row: place.get(row[0], len(place)))
        for row in rows:
            yield NameCard(*row)


def record_prints(member_ids: Iterable[int], kind: str = NAME_CARD) -> int:
    """Log one print per member (one transaction); returns how many were logged."""
    at = now()
    rows = [{"member": mid, "kind": kind, "printed_at": at} for mid in member_ids]
    with writing(changes.CARD_PRINTS):
        return bulk_insert(CardPrint, rows)
