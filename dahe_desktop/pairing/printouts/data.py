"""What the pairing printouts show, read in one query per printout. Hardship kinds are
never read into these records: nothing sensitive can reach a card or a posted list."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from peewee import JOIN

from dahe_desktop.pairing import labels
from db.models import Branch, Household, Member, Pairing, PairingHelper


@dataclass(frozen=True)
class ServedHousehold:
    head: str
    settlement: str
    people: int


@dataclass
class PartnerPairs:
    """A member (or helper) with the households they serve in a year."""

    key: tuple[str, int]
    name: str
    role: str  # 职务, or 入党积极分子 / 后备干部
    phone: str
    services: str
    promise: str
    branch_id: int
    branch: str
    households: list[ServedHousehold] = field(default_factory=list)


@dataclass(frozen=True)
class BranchHead:
    id: int
    name: str
    secretary: str
    secretary_phone: str


def branch_heads(branch_id: int | None = None) -> dict[int, BranchHead]:
    secretary = Member.alias()
    q = (Branch.select(Branch.id, Branch.name, secretary.name, secretary.phone)
         .join(secretary, JOIN.LEFT_OUTER, on=(Branch.secretary == secretary.id))
         .order_by(Branch.sort_order, Branch.id))  # fmt: skip
    if branch_id is not None:
        q = q.where(Branch.id == branch_id)
    return {i: BranchHead(i, n, s or "", p or "") for i, n, s, p in q.tuples()}


def partner_pairs(year: int, branch_id: int | None = None) -> list[PartnerPairs]:
    """Everyone paired in `year` with their households, by branch, then name order of
    first pairing; households by settlement."""
    q = (
        Pairing.select(Pairing.member, Pairing.helper, Member.name, Member.position, Member.phone, Member.services,
                       Member.service_promise, PairingHelper.name, PairingHelper.role, PairingHelper.phone,
                       Household.branch, Branch.name, Household.head, Household.settlement, Household.people)  # fmt: skip
        .join(Household)
        .join(Branch)
        .switch(Pairing)
        .join(Member, JOIN.LEFT_OUTER, on=(Pairing.member == Member.id))
        .switch(Pairing)
        .join(PairingHelper, JOIN.LEFT_OUTER, on=(Pairing.helper == PairingHelper.id))
        .where((Pairing.year == year) & (Pairing.status == labels.PAIRING_ACTIVE)
               & (Household.status == labels.HOUSEHOLD_ACTIVE))  # fmt: skip
        .order_by(Branch.sort_order, Branch.id, Pairing.member.asc(nulls="first"), Pairing.helper.asc(nulls="first"),
                  Household.settlement, Household.id)  # nulls first on both engines
    )
    if branch_id is not None:
        q = q.where(Household.branch == branch_id)
    out: dict[tuple[str, int], PartnerPairs] = {}
    for (mid, hid, mname, position, mphone, services, promise, hname, role, hphone, bid, bname, head,
         settlement, people) in q.tuples():  # fmt: skip
        key = ("m", mid) if mid is not None else ("h", hid)
        partner = out.get(key)
        if partner is None:
            if mid is not None:
                partner = PartnerPairs(key, mname, position or "党员", mphone, services, promise, bid, bname)
            else:
                partner = PartnerPairs(key, hname, role, hphone, "", "", bid, bname)
            out[key] = partner
        partner.households.append(ServedHousehold(head, settlement, people))
    return list(out.values())


def by_branch(partners: list[PartnerPairs]) -> dict[int, list[PartnerPairs]]:
    grouped: dict[int, list[PartnerPairs]] = defaultdict(list)
    for p in partners:
        grouped[p.branch_id].append(p)
    return dict(grouped)
