"""Reading what the planner and the coverage report need, in a handful of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from peewee import JOIN

from dahe_desktop import labels as roster_labels
from dahe_desktop.pairing import labels
from dahe_desktop.pairing.records import HouseholdRef, Key
from dahe_desktop.pairing.rules import Server, helper_server, member_server
from db.models import Branch, Household, Member, Pairing, PairingHelper, PairingProfile


@dataclass(frozen=True)
class CurrentPair:
    id: int
    household_id: int
    server: Key
    locked: bool


@dataclass
class Scope:
    """One year's households, people who can take them and pairs, for one branch or all."""

    year: int
    branch_id: int | None
    branch_names: dict[int, str]
    households: dict[int, HouseholdRef]
    servers: dict[Key, Server]
    pairs: dict[int, CurrentPair]  # household id -> this year's active pair
    last_year: dict[int, Key] = field(default_factory=dict)  # household id -> last year's server
    ended_households: dict[int, HouseholdRef] = field(default_factory=dict)  # paired, no longer 在册
    server_names: dict[Key, str] = field(default_factory=dict)  # everyone paired, active or not


def server_label(name: str, role: str | None = None) -> str:
    return f"{name}（{role}）" if role else name


def load_scope(year: int, branch_id: int | None = None) -> Scope:
    branch_names = dict(Branch.select(Branch.id, Branch.name).tuples())
    hq = Household.select(
        Household.id, Household.head, Household.branch, Household.settlement, Household.kind, Household.status
    )
    if branch_id is not None:
        hq = hq.where(Household.branch == branch_id)
    households: dict[int, HouseholdRef] = {}
    ended: dict[int, HouseholdRef] = {}
    for hid, head, bid, settlement, kind, status in hq.tuples().iterator():
        ref = HouseholdRef(hid, head, bid, branch_names.get(bid, ""), settlement, kind)
        (households if status == labels.HOUSEHOLD_ACTIVE else ended)[hid] = ref

    mq = (
        Member.select(Member.id, Member.name, Member.branch, Member.category, Member.position,
                      PairingProfile.settlement, PairingProfile.max_households, PairingProfile.committee)  # fmt: skip
        .join(PairingProfile, JOIN.LEFT_OUTER, on=(PairingProfile.member == Member.id))
        .where(Member.status == roster_labels.STATUS_ACTIVE)
    )
    if branch_id is not None:
        mq = mq.where(Member.branch == branch_id)
    servers: dict[Key, Server] = {}
    for mid, name, bid, category, position, settlement, maximum, committee in mq.tuples().iterator():
        s = member_server(mid, name, bid, category, position, settlement or "", maximum, committee)
        servers[s.key] = s
    helper_roles: dict[int, str] = {}
    pq = PairingHelper.select(
        PairingHelper.id, PairingHelper.name, PairingHelper.branch, PairingHelper.role,
        PairingHelper.settlement, PairingHelper.max_households,
    ).where(PairingHelper.status == labels.HELPER_ACTIVE)  # fmt: skip
    if branch_id is not None:
        pq = pq.where(PairingHelper.branch == branch_id)
    for hid, name, bid, role, settlement, maximum in pq.tuples().iterator():
        s = helper_server(hid, name, bid, role, settlement, maximum)
        servers[s.key] = s
        helper_roles[hid] = role

    scope = Scope(year, branch_id, branch_names, households, servers, {}, ended_households=ended)
    for y in (year, year - 1):
        q = Pairing.select(Pairing.id, Pairing.household, Pairing.member, Pairing.helper, Pairing.locked).where(
            (Pairing.year == y) & (Pairing.status == labels.PAIRING_ACTIVE)
        )
        if branch_id is not None:
            q = q.join(Household).where(Household.branch == branch_id)
        for pid, household_id, member_id, helper_id, locked in q.tuples().iterator():
            key: Key = ("m", member_id) if member_id is not None else ("h", helper_id)
            if y == year:
                scope.pairs[household_id] = CurrentPair(pid, household_id, key, bool(locked))
            else:
                scope.last_year[household_id] = key
    scope.server_names = {k: s.name for k, s in servers.items()}
    missing = {k for p in scope.pairs.values() for k in [p.server] if k not in scope.server_names}
    if missing:
        scope.server_names.update(server_names(missing))
    for key, s in servers.items():
        if s.is_helper:
            scope.server_names[key] = server_label(s.name, helper_roles.get(key[1]))
    return scope


def server_names(keys: set[Key]) -> dict[Key, str]:
    """Names of members and helpers by key, whatever their status."""
    member_ids = [k[1] for k in keys if k[0] == "m"]
    helper_ids = [k[1] for k in keys if k[0] == "h"]
    out: dict[Key, str] = {}
    if member_ids:
        out.update({("m", i): n for i, n in Member.select(Member.id, Member.name).where(Member.id.in_(member_ids)).tuples()})
    if helper_ids:
        for i, n, role in PairingHelper.select(PairingHelper.id, PairingHelper.name, PairingHelper.role).where(
            PairingHelper.id.in_(helper_ids)
        ).tuples():
            out[("h", i)] = server_label(n, role)
    return out
