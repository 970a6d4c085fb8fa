"""Writing households, helpers, members' pairing profiles and single pairs.
Every write goes through `db.writing`, so the tab refreshes itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import fn

from dahe_desktop.pairing import labels
from dahe_desktop.pairing.proposal import PairingError, start_date
from dahe_desktop.pairing.records import Key
from dahe_desktop.pairing.rules import may_take, pairing_kind
from dahe_desktop.pairing.scope import load_scope
from dahe_desktop.textnorm import clean_name, clean_phone, clean_text, formula_error, phone_error
from dahe_desktop.versions import current_version, refusing_stale
from db import audit, changes
from db.connection import writing
from db.models import Branch, Household, Member, Pairing, PairingHelper, PairingProfile, now

MAX_PEOPLE = 30  # more people in one household is a typing error
# Lengths at the door: the head and settlement are printed on contact cards and postings.
HEAD_MAX, SETTLEMENT_MAX, NOTES_MAX = 20, 40, 500


@dataclass
class HouseholdData:
    """A household as the dialog and the import hand it in."""

    head: str
    branch_id: int | None
    settlement: str = ""
    people: int = 1
    phone: str = ""
    kind: str = labels.GENERAL
    away_member_id: int | None = None
    notes: str = ""
    version: int | None = None  # the version it was loaded at (None: new, or an import)

    def cleaned(self) -> HouseholdData:
        return HouseholdData(clean_name(self.head), self.branch_id, clean_text(self.settlement), self.people,
                             clean_phone(self.phone), clean_text(self.kind) or labels.GENERAL,
                             self.away_member_id, clean_text(self.notes), self.version)  # fmt: skip


def household_data(household_id: int) -> HouseholdData:
    h = Household.get_by_id(household_id)
    return HouseholdData(h.head, h.branch_id, h.settlement, h.people, h.phone, h.kind, h.away_member_id, h.notes,
                         h.version)


def household_problems(data: HouseholdData) -> list[str]:
    """What is wrong with a household, one Chinese line each (empty: fine)."""
    out = text_problems(data.head, data.settlement, data.notes)
    if not data.head:
        out.append("请填写户主姓名")
    if data.branch_id is None:
        out.append("请选择所在村（支部）")
    if not isinstance(data.people, int) or not 1 <= data.people <= MAX_PEOPLE:
        out.append(f"家庭人口应为1到{MAX_PEOPLE}之间的整数")
    problem = phone_error(data.phone)
    if problem:
        out.append(problem)
    if data.kind not in labels.HOUSEHOLD_KINDS:
        out.append(f"户类别应为：{'、'.join(labels.HOUSEHOLD_KINDS)}")
    if data.kind == labels.AWAY and data.away_member_id is None:
        out.append("流动党员户请选择外出的党员")
    return out


def text_problems(head: str, settlement: str, notes: str) -> list[str]:
    """Cleaned texts too long to print, or that a spreadsheet would run as a formula."""
    out = []
    for label, text, limit in (("户主姓名", head, HEAD_MAX), ("居住点", settlement, SETTLEMENT_MAX),
                               ("备注", notes, NOTES_MAX)):  # fmt: skip
        if len(text) > limit:
            out.append(f"{label}过长（最多{limit}个字，现为{len(text)}个字）")
        elif problem := formula_error(text):
            out.append(f"{label}{problem}")
    return out


def save_household(data: HouseholdData, household_id: int | None = None) -> int:
    """Add or update a household; an edit of a loaded copy over another clerk's save is
    refused (`StaleRecordError`). Returns the id; `data.version` becomes the saved one."""
    data_in, data = data, data.cleaned()
    problems = household_problems(data)
    if problems:
        raise PairingError(problems)
    values = dict(head=data.head, branch=data.branch_id, settlement=data.settlement, people=data.people,
                  phone=data.phone, kind=data.kind,
                  away_member=data.away_member_id if data.kind == labels.AWAY else None,
                  notes=data.notes, updated_at=now())  # fmt: skip
    with refusing_stale("农户"), writing(changes.HOUSEHOLDS):  # every change in the audit log
        if household_id is None:
            household_id = audit.insert(Household, values)
        else:
            audit.update(Household, values, [household_id], expected_version=data.version)
        data_in.version = current_version(Household, household_id)
        return household_id


def set_household_status(household_ids: Iterable[int], status: str) -> int:
    """Moving away or closing a household keeps its row and its pairs' history."""
    if status not in labels.HOUSEHOLD_STATUSES:
        raise PairingError(f"状态应为：{'、'.join(labels.HOUSEHOLD_STATUSES)}")
    ids = list(household_ids)
    with writing(changes.HOUSEHOLDS):
        return audit.update(Household, dict(status=status, updated_at=now()), ids)


def save_helper(name: str, branch_id: int, role: str, phone: str = "", settlement: str = "",
                max_households: int | None = None, helper_id: int | None = None,
                version: int | None = None) -> int:  # fmt: skip
    """Add or edit a helper; returns its id (an edit from a loaded `version` refuses a stale save)."""
    name, phone = clean_name(name), clean_phone(phone)
    problems = []
    if not name:
        problems.append("请填写姓名")
    if role not in labels.HELPER_ROLES:
        problems.append(f"身份应为：{'、'.join(labels.HELPER_ROLES)}")
    if phone_error(phone):
        problems.append(phone_error(phone))
    if max_households is not None and max_households < 0:
        problems.append("联系上限不能为负数")
    if problems:
        raise PairingError(problems)
    values = dict(name=name, branch=branch_id, role=role, phone=phone, settlement=clean_text(settlement),
                  max_households=max_households)  # fmt: skip
    with refusing_stale("联系人"), writing(changes.HOUSEHOLDS):
        if helper_id is None:
            return audit.insert(PairingHelper, values)
        audit.update(PairingHelper, values, [helper_id], expected_version=version)
        return helper_id


@dataclass(frozen=True)
class HelperSettings:
    settlement: str
    max_households: int | None
    version: int


def helper_settings(helper_id: int) -> HelperSettings:
    """A helper's settlement and maximum as stored now, with the version (for 重新载入)."""
    h = PairingHelper.get_by_id(helper_id)
    return HelperSettings(h.settlement, h.max_households, h.version)


def update_helper(helper_id: int, *, settlement: str, max_households: int | None,
                  version: int | None = None) -> int:  # fmt: skip
    """A helper's settlement and maximum (None: the default for helpers); from a loaded
    `version`, a save over another clerk's change is refused. Returns the new version."""
    if max_households is not None and max_households < 0:
        raise PairingError("联系上限不能为负数")
    with refusing_stale("联系人"), writing(changes.HOUSEHOLDS):
        audit.update(PairingHelper, dict(settlement=clean_text(settlement), max_households=max_households),
                     [helper_id], expected_version=version)  # fmt: skip
        return current_version(PairingHelper, helper_id)


def save_profile(member_id: int, *, settlement: str | None = None, max_households: int | None | str = "keep",
                 committee: bool | None | str = "keep") -> None:  # fmt: skip
    """A member's settlement, maximum (None: the category's default) and 支委 mark
    (None: read from 职务). Arguments left out keep their value."""
    if isinstance(max_households, int) and max_households < 0:
        raise PairingError("联系上限不能为负数")
    with writing(changes.PAIRINGS):
        row = PairingProfile.get_or_none(PairingProfile.member == member_id)
        if row is None:
            row = PairingProfile(member=member_id)
        before = _profile_values(row)
        if settlement is not None:
            row.settlement = clean_text(settlement)
        if max_households != "keep":
            row.max_households = max_households
        if committee != "keep":
            row.committee = committee
        row.updated_at = now()
        row.save()
        audit.changed("member", member_id, before, _profile_values(row))  # the member's own record in the log


def _profile_values(row: PairingProfile) -> dict:
    return {"pairing_settlement": row.settlement, "pairing_max": row.max_households, "pairing_committee": row.committee}


def pair(year: int, household_id: int, server: Key, *, locked: bool = False, note: str = "",
         today: dt.date | None = None) -> int:  # fmt: skip
    """Link a household to a member or helper for `year`, ending its current pair (a
    move). Refused when the rules forbid it, the pair is locked, or the maximum is reached."""
    scope = load_scope(year, _branch_of(household_id))
    household = scope.households.get(household_id)
    if household is None:
        raise PairingError("该农户不在册，不能结对")
    target = scope.servers.get(server)
    if target is None:
        raise PairingError("只能与本村在册的党员或入党积极分子、后备干部结对")
    problem = may_take(target, household.kind)
    if problem:
        raise PairingError(f"{target.name}不能联系{household.head}户：{problem}")
    current = scope.pairs.get(household_id)
    if current is not None and current.server == server:
        return current.id
    if current is not None and current.locked:
        raise PairingError(f"{household.head}户的结对已锁定，请先解锁再调整")
    load = sum(1 for p in scope.pairs.values() if p.server == server)
    if load >= target.maximum:
        raise PairingError(f"{target.name}已联系{load}户，达到联系上限{target.maximum}户；如需多联系请先提高上限")
    day = start_date(year, today)
    with writing(changes.PAIRINGS):
        if current is not None:
            audit.update(Pairing, dict(status=labels.PAIRING_ENDED, date_to=day), [current.id])
        pair_id = Pairing.insert(
            year=year, household=household_id, member=server[1] if server[0] == "m" else None,
            helper=server[1] if server[0] == "h" else None, kind=pairing_kind(household.kind),
            date_from=day, locked=locked, note=clean_text(note),
        ).execute()  # fmt: skip
        audit.changed(Pairing._meta.table_name, pair_id, None, {"name": f"{household.head}户—{target.name}"})
        return pair_id


def unpair(year: int, household_ids: Iterable[int], today: dt.date | None = None) -> int:
    """End the households' pairs for `year` (kept as history). Locked pairs refuse."""
    ids = list(household_ids)
    active = (Pairing.year == year) & (Pairing.status == labels.PAIRING_ACTIVE) & Pairing.household.in_(ids)
    locked = Pairing.select(fn.COUNT(Pairing.id)).where(active & Pairing.locked).scalar()
    if locked:
        raise PairingError(f"选中的农户中有{locked}户的结对已锁定，请先解锁再解除")
    with writing(changes.PAIRINGS):
        pair_ids = [pid for (pid,) in Pairing.select(Pairing.id).where(active).tuples()]
        return audit.update(Pairing, dict(status=labels.PAIRING_ENDED, date_to=start_date(year, today)), pair_ids)


def set_locked(year: int, household_ids: Iterable[int], locked: bool) -> int:
    """Lock pairs so the planner keeps them, or unlock them."""
    ids = list(household_ids)
    with writing(changes.PAIRINGS):
        pair_ids = [pid for (pid,) in Pairing.select(Pairing.id).where(
            (Pairing.year == year) & (Pairing.status == labels.PAIRING_ACTIVE) & Pairing.household.in_(ids)
        ).tuples()]  # fmt: skip
        return audit.update(Pairing, dict(locked=locked), pair_ids)


def _branch_of(household_id: int) -> int | None:
    row = Household.select(Household.branch).where(Household.id == household_id).tuples().first()
    return row[0] if row else None


def village_branches() -> list[tuple[int, str]]:
    """Branches that have households, in display order."""
    has = Household.select(Household.branch).distinct()
    return list(Branch.select(Branch.id, Branch.name).where(Branch.id.in_(has)).order_by(Branch.sort_order, Branch.id).tuples())


def member_name(member_id: int) -> str:
    row = Member.select(Member.name).where(Member.id == member_id).tuples().first()
    return row[0] if row else ""
