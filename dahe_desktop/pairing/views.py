"""Rows for the 结对帮扶 tab: the people who take households with their loads, and the
households with their member for the year, each in one pass over one query."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from peewee import JOIN

from dahe_desktop.pairing import labels
from dahe_desktop.pairing.records import Key
from dahe_desktop.pairing.scope import load_scope, server_label
from db.models import Household, Member, Pairing, PairingHelper, PairingProfile


@dataclass(frozen=True)
class ServerRow:
    key: Key
    name: str
    role: str  # 职务, or the helper's role
    category: str
    settlement: str
    load: int
    maximum: int
    committee: bool
    able: bool
    maximum_set: int | None = None  # what the clerk set (None: the category's default)
    committee_set: bool | None = None  # the clerk's 支委 mark (None: read from 职务)
    version: int | None = None  # a helper's version as loaded (its edit refuses a stale save)

    @property
    def id(self) -> str:
        return f"{self.key[0]}{self.key[1]}"


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    head: str
    settlement: str
    kind: str
    people: int
    phone: str
    partner: Key | None
    partner_name: str
    locked: bool


def pairing_years() -> list[int]:
    """Years with pairs, and this year and next, newest first."""
    used = {y for (y,) in Pairing.select(Pairing.year).distinct().tuples()}
    this = dt.date.today().year
    return sorted(used | {this, this + 1}, reverse=True)


def server_rows(year: int, branch_id: int) -> list[ServerRow]:
    # Versions first, then the values: a version is never newer than what the row shows.
    versions = dict(PairingHelper.select(PairingHelper.id, PairingHelper.version)
                    .where(PairingHelper.branch == branch_id).tuples())  # fmt: skip
    scope = load_scope(year, branch_id)
    load = Counter(p.server for p in scope.pairs.values() if p.household_id in scope.households)
    positions = dict(Member.select(Member.id, Member.position).where(Member.branch == branch_id).tuples())
    marks = {("m", m): (mx, c) for m, mx, c in PairingProfile.select(
        PairingProfile.member, PairingProfile.max_households, PairingProfile.committee
    ).join(Member).where(Member.branch == branch_id).tuples()}  # fmt: skip
    marks.update({("h", h): (mx, None) for h, mx in PairingHelper.select(PairingHelper.id, PairingHelper.max_households)
                  .where(PairingHelper.branch == branch_id).tuples()})  # fmt: skip
    rows = []
    for key, s in scope.servers.items():
        plain = "党员" if s.category == "一般党员" else s.category
        role = s.category if s.is_helper else (positions.get(key[1]) or plain)
        maximum_set, committee_set = marks.get(key, (None, None))
        rows.append(ServerRow(key, s.name, role, s.category, s.settlement, load[key], s.maximum, s.committee, s.able,
                              maximum_set, committee_set, versions.get(key[1]) if key[0] == "h" else None))  # fmt: skip
    rows.sort(key=lambda r: (not r.committee, r.key[0] == "h", -r.maximum, r.key))
    return rows


def household_rows(year: int, branch_id: int) -> list[HouseholdRow]:
    current = Pairing.alias()
    q = (
        Household.select(Household.id, Household.head, Household.settlement, Household.kind, Household.people,
                         Household.phone, current.member, current.helper, current.locked, Member.name,
                         PairingHelper.name, PairingHelper.role)  # fmt: skip
        .join(current, JOIN.LEFT_OUTER, on=((current.household == Household.id) & (current.year == year)
                                            & (current.status == labels.PAIRING_ACTIVE)))  # fmt: skip
        .join(Member, JOIN.LEFT_OUTER, on=(current.member == Member.id))
        .switch(Household)
        .join(PairingHelper, JOIN.LEFT_OUTER, on=(current.helper == PairingHelper.id))
        .where((Household.branch == branch_id) & (Household.status == labels.HOUSEHOLD_ACTIVE))
        .order_by(Household.settlement, Household.id)
    )
    rows = []
    for hid, head, settlement, kind, people, phone, mid, helper, locked, mname, hname, role in q.tuples():
        key: Key | None = ("m", mid) if mid is not None else ("h", helper) if helper is not None else None
        name = mname if mid is not None else server_label(hname, role) if helper is not None else ""
        rows.append(HouseholdRow(hid, head, settlement, kind, people, phone, key, name or "", bool(locked)))
    return rows


def branch_members(branch_id: int) -> list[tuple[int, str, str]]:
    """Active members of a branch (id, name, category): the 外出党员 of a 流动党员户."""
    from dahe_desktop import labels as roster_labels

    return list(
        Member.select(Member.id, Member.name, Member.category)
        .where((Member.branch == branch_id) & (Member.status == roster_labels.STATUS_ACTIVE))
        .order_by(Member.category != "外出党员", Member.id).tuples()
    )  # fmt: skip
