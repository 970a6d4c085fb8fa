"""Planning a year's pairs as a change list against the current ones, and accepting
all or part of it in one transaction."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from dahe_desktop.errors import UserError
from dahe_desktop.pairing import labels
from dahe_desktop.pairing.planner import HouseholdNeed, plan
from dahe_desktop.pairing.records import PairChange, PairingProposal
from dahe_desktop.pairing.rules import may_take, pairing_kind
from dahe_desktop.pairing.scope import Scope, load_scope
from dahe_desktop.safety.backups import backup_before
from db import audit, bulk_insert, changes
from db.connection import writing
from db.models import Household, Pairing, now


class PairingError(UserError):
    """A pairing write was refused; each line says why and what to do."""


def plan_pairings(year: int, branch_id: int | None = None) -> PairingProposal:
    """The planner's proposal for `year` (one branch or all), not yet written."""
    return propose(load_scope(year, branch_id))


def propose(scope: Scope) -> PairingProposal:
    locked = {hid: p.server for hid, p in scope.pairs.items() if p.locked and hid in scope.households}
    incumbent = dict(scope.last_year)
    incumbent.update({hid: p.server for hid, p in scope.pairs.items()})
    needs = [HouseholdNeed(r.id, r.branch_id, r.settlement, r.kind) for r in scope.households.values()]
    result = plan(scope.servers.values(), needs, locked=locked, incumbent=incumbent,
                  branch_names=scope.branch_names)  # fmt: skip
    names = scope.server_names
    loads = Counter(p.server for h, p in scope.pairs.items() if h in scope.households)
    changes_: list[PairChange] = []
    kept = 0
    for hid, ref in scope.households.items():
        if hid in locked:
            kept += 1
            continue
        current = scope.pairs.get(hid)
        new = result.assignment.get(hid)
        old = current.server if current else None
        if old == new:
            kept += old is not None
            continue
        if new is None:
            changes_.append(PairChange(ref, labels.REMOVED, old, names.get(old, ""), None, "", _why_old(scope, hid, loads)))
        elif old is None:
            note = f"沿用{scope.year - 1}年结对" if scope.last_year.get(hid) == new else ""
            changes_.append(PairChange(ref, labels.ADDED, None, "", new, names.get(new, ""), note))
        else:
            changes_.append(PairChange(ref, labels.MOVED, old, names.get(old, ""), new, names.get(new, ""), _why_old(scope, hid, loads)))
    for hid, ref in scope.ended_households.items():
        current = scope.pairs.get(hid)
        if current is not None:
            changes_.append(PairChange(ref, labels.REMOVED, current.server, names.get(current.server, ""), None, "", "农户已不在册"))
    order = {labels.REMOVED: 0, labels.MOVED: 1, labels.ADDED: 2}
    changes_.sort(key=lambda c: (c.household.branch_id, order[c.action], c.household.settlement, c.household.id))
    uncovered = sorted((scope.households[h] for h in result.uncovered), key=lambda r: (r.branch_id, r.settlement, r.id))
    return PairingProposal(scope.year, scope.branch_id, changes_, kept, uncovered, result.reasons)


def _why_old(scope: Scope, household_id: int, loads: Counter) -> str:
    """Why the current pair does not stay, in the clerk's words."""
    pair = scope.pairs.get(household_id)
    if pair is None:
        return ""
    server = scope.servers.get(pair.server)
    if server is None:
        return "原联系人已不在册"
    problem = may_take(server, scope.households[household_id].kind)
    if problem:
        return f"原结对不符合规则：{problem}"
    if loads[pair.server] > server.maximum:
        return f"原联系人联系{loads[pair.server]}户，超过联系上限{server.maximum}户"
    return "平衡联系户数或就近联系"


def start_date(year: int, today: dt.date | None = None) -> dt.date:
    """A pair made today for `year` starts today, or on 1 January of a later year."""
    today = today or dt.date.today()
    if today.year == year:
        return today
    return dt.date(year, 1, 1) if year > today.year else dt.date(year, 12, 31)


def apply_proposal(proposal: PairingProposal, accept: Iterable[int] | None = None,
                   today: dt.date | None = None, backup: bool = True) -> int:  # fmt: skip
    """Write the accepted changes (household ids; None: all) in one transaction, after a
    backup of the file (`backup=False` inside a larger write, e.g. the demo). Refuses,
    writing nothing, when a pair has changed since the proposal was made."""
    wanted = None if accept is None else set(accept)
    chosen = [c for c in proposal.changes if wanted is None or c.household.id in wanted]
    if not chosen:
        raise PairingError("没有选中要接受的调整")
    day = start_date(proposal.year, today)
    ids = [c.household.id for c in chosen]
    if backup:
        backup_before("acceptance")  # a village's or the township's pairs at once: keep the file before it
    with writing(changes.PAIRINGS):
        current = {}
        for start in range(0, len(ids), 900):
            q = Pairing.select(Pairing.id, Pairing.household, Pairing.member, Pairing.helper, Pairing.locked).where(
                (Pairing.year == proposal.year) & (Pairing.status == labels.PAIRING_ACTIVE)
                & Pairing.household.in_(ids[start : start + 900])
            )  # fmt: skip
            for pid, hid, mid, helper, locked in q.tuples():
                current[hid] = (pid, ("m", mid) if mid is not None else ("h", helper), locked)
        stale = [c for c in chosen if (current.get(c.household.id) or (None, None, False))[1] != c.old
                 or (current.get(c.household.id) or (0, 0, False))[2]]  # fmt: skip
        if stale:
            raise PairingError(
                f"生成方案之后有{len(stale)}户的结对已有变化（如{stale[0].household.head}户），"
                "未写入任何调整；请重新生成方案"
            )
        ended = [current[c.household.id][0] for c in chosen if c.old is not None]
        for start in range(0, len(ended), 900):
            Pairing.update(status=labels.PAIRING_ENDED, date_to=day).where(Pairing.id.in_(ended[start : start + 900])).execute()
        stamp = str(now())
        rows = [
            dict(year=proposal.year, household=c.household.id,
                 member=c.new[1] if c.new[0] == "m" else None, helper=c.new[1] if c.new[0] == "h" else None,
                 kind=pairing_kind(c.household.kind), date_from=day.isoformat(), date_to=None, locked=False,
                 note=c.note, status=labels.PAIRING_ACTIVE, created_at=stamp)  # fmt: skip
            for c in chosen
            if c.new is not None
        ]
        bulk_insert(Pairing, rows, prepared=True)  # values already as stored: 100,000 rows fast
        # One audit line per household: who covered it before and after.
        audit.changed_many(Household._meta.table_name,
                           [(c.household.id, {"联系人": c.old_name or None}, {"联系人": c.new_name or None})
                            for c in chosen])  # fmt: skip
    return len(chosen)
