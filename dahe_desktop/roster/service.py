"""Reading and writing members and branches. Every multi-row write is one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, SQL, IntegrityError

from dahe_desktop import labels
from dahe_desktop.errors import UserError
from dahe_desktop.roster.members import active_counts
from dahe_desktop.roster.pinyin import pinyin_keys
from dahe_desktop.roster.query import search_key
from dahe_desktop.roster.validation import BRANCH_MAX, MemberData, Problems, validate_member
from dahe_desktop.textnorm import clean_name, formula_error
from dahe_desktop.versions import current_version, refusing_stale
from db import audit, changes, writing
from db.bulk import insert_returning_ids
from db.connection import account_township, id_number_elsewhere, is_server_store
from db.models import Branch, Member, now


class ValidationError(UserError):
    """A record was refused; `problems` names each field and what to do."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.lines())


# ---- branches -------------------------------------------------------------------


@dataclass
class BranchRow:
    id: int
    name: str
    kind: str
    village: str
    secretary_id: int | None
    secretary_name: str
    active_members: int
    version: int | None = None  # as loaded: an edit hands it back to `save_branch`


def list_branches() -> list[BranchRow]:
    """All branches in display order, with their secretary and active member count."""
    counts = active_counts()
    secretary = Member.alias()
    query = (
        Branch.select(Branch, secretary.name.alias("secretary_name"))
        .join(secretary, on=(Branch.secretary == secretary.id), join_type=JOIN.LEFT_OUTER)
        .order_by(Branch.sort_order, Branch.id)
        .dicts()
    )
    return [
        BranchRow(
            id=r["id"],
            name=r["name"],
            kind=r["kind"],
            village=r["village"],
            secretary_id=r["secretary"],
            secretary_name=r["secretary_name"] or "",
            active_members=counts.get(r["id"], 0),
            version=r["version"],
        )
        for r in query
    ]


def save_branch(
    name: str,
    kind: str,
    village: str = "",
    secretary_id: int | None = None,
    branch_id: int | None = None,
    version: int | None = None,
) -> int:
    """Add a branch or rename/change one; returns its id. An edit
    from a loaded `version` over another clerk's save is refused (`StaleRecordError`)."""
    name = clean_name(name)
    problems = _branch_problems(name, kind)
    clash = Branch.get_or_none((Branch.name == name) & _names_shared_with(branch_id))
    if clash is not None and clash.id != branch_id:
        problems.add("branch", f"已有名为“{name}”的支部")
    if secretary_id is not None:
        secretary = Member.get_or_none(Member.id == secretary_id)
        if secretary is None or (branch_id is not None and secretary.branch_id != branch_id):
            problems.add("secretary", "书记须是本支部的党员")
    if problems:
        raise ValidationError(problems)
    try:
        with refusing_stale("支部"), writing(changes.BRANCHES):
            if branch_id is None:
                last = Branch.select(Branch.sort_order).order_by(Branch.sort_order.desc()).scalar() or 0
                return audit.insert(Branch, dict(name=name, kind=kind, village=village.strip(), secretary=secretary_id,
                                                 sort_order=last + 1))  # fmt: skip
            audit.update(Branch, dict(name=name, kind=kind, village=village.strip(), secretary=secretary_id),
                         [branch_id], expected_version=version)  # fmt: skip
            return branch_id
    except IntegrityError:  # saved elsewhere between the check and the write
        problems.add("branch", f"已有名为“{name}”的支部（刚由其他操作保存），请刷新后重试")
        raise ValidationError(problems) from None


# A township account on the county's server saving a member another township has.
ELSEWHERE = "该身份证号已登记在本县其他乡镇的党员名下（本账户看不到）：如是转入本乡镇，请联系县委组织部办理组织关系转接"


def _names_shared_with(branch_id: int | None):
    """The branches whose names a branch's name must differ from: on a file every one (it
    is one township's); on the county's server those of the branch's own township (of the
    account's township for a new one: the server gives it that township)."""
    if not is_server_store():
        return SQL("TRUE")
    if branch_id is None:
        township = account_township()
    else:
        township = Branch.select(Branch.township).where(Branch.id == branch_id).scalar()
    return Branch.township.is_null() if township is None else Branch.township == township


def _branch_problems(name: str, kind: str) -> Problems:
    """The checks of a branch's name (cleaned) and kind that need no look-up."""
    problems = Problems()
    if not name:
        problems.add("branch", "请填写支部名称")
    elif len(name) > BRANCH_MAX:
        problems.add("branch", f"支部名称过长（最多{BRANCH_MAX}个字，现为{len(name)}个字）")
    elif error := formula_error(name):
        problems.add("branch", error)
    if kind not in labels.BRANCH_KINDS:
        problems.add("kind", f"支部类型应为：{'、'.join(labels.BRANCH_KINDS)}")
    return problems


def add_branches(branches: list[tuple[str, str]]) -> dict[str, int]:
    """Add new branches (name, kind) at the end of the display order, with the checks of
    `save_branch`, in one query for the clashes and one insert: an import's hundreds of
    new branches. Returns name (as given) -> id; raises ValidationError for the first refused one."""
    cleaned = [(clean_name(name), kind) for name, kind in branches]
    same = Branch.name.in_([n for n, _ in cleaned]) & _names_shared_with(None)
    taken = {n for (n,) in Branch.select(Branch.name).where(same).tuples()}
    for name, kind in cleaned:
        problems = _branch_problems(name, kind)
        if name in taken:
            problems.add("branch", f"已有名为“{name}”的支部")
        taken.add(name)
        if problems:
            raise ValidationError(problems)
    try:
        with writing(changes.BRANCHES):
            last = Branch.select(Branch.sort_order).order_by(Branch.sort_order.desc()).scalar() or 0
            rows = [dict(name=name, kind=kind, village="", secretary=None, sort_order=last + i)
                    for i, (name, kind) in enumerate(cleaned, start=1)]  # fmt: skip
            ids = insert_returning_ids(Branch, rows)
            audit.changed_many("branch", [(bid, None, row) for bid, row in zip(ids, rows, strict=True)])
            return dict(zip((n for n, _ in branches), ids, strict=True))
    except IntegrityError:  # saved elsewhere between the check and the write
        problems = Problems()
        problems.add("branch", "已有同名的支部（刚由其他操作保存），请刷新后重试")
        raise ValidationError(problems) from None


def branch_id_by_name(name: str) -> int | None:
    """The branch called `name`; in the county's store, where townships share branch names
    (乡机关党支部), `乡镇/支部` names one township's. A bare name two townships use is
    refused with both named rather than picking one."""
    from db.models import Township

    name = name.strip()
    township, _, branch = name.rpartition("/")
    query = Branch.select(Branch.id, Township.name).join(Township, JOIN.LEFT_OUTER)
    if township:
        query = query.where((Branch.name == branch.strip()) & (Township.name == township.strip()))
    else:
        query = query.where(Branch.name == name)
    found = list(query.order_by(Branch.id).tuples())
    if len(found) > 1:
        towns = "、".join(t or "未定乡镇" for _, t in found)
        raise UserError(f"“{name}”在多个乡镇都有（{towns}）：请写成 乡镇/支部，如 {found[0][1] or '大河乡'}/{name}")
    return found[0][0] if found else None


# ---- members --------------------------------------------------------------------


def member_data(member_id: int) -> MemberData:
    return member_data_from_row(Member.select().where(Member.id == member_id).dicts().get())


def member_data_from_row(m: dict) -> MemberData:
    """A member's record from a `Member` row selected as a dict."""
    return MemberData(
        name=m["name"], sex=m["sex"], ethnicity=m["ethnicity"], birth_date=m["birth_date"],
        id_number=m["id_number"] or "", education=m["education"], joined_party=m["joined_party"],
        membership=m["membership"], branch_id=m["branch"], phone=m["phone"], position=m["position"],
        category=m["category"], specialties=m["specialties"], services=m["services"],
        service_promise=m["service_promise"], version=m.get("version"),
    )  # fmt: skip


@dataclass(frozen=True)
class RosterSnapshot:
    """What `check_member` looks up in the store, read once for a whole import (two
    queries for the file instead of two per row)."""

    branch_ids: frozenset[int]
    id_holders: dict[str, tuple[int, str]]  # ID number -> (member id, name)


def roster_snapshot() -> RosterSnapshot:
    """The branches and the registered ID numbers now; read it inside the transaction
    that checks the rows, so every row is checked against the same state."""
    holders = Member.select(Member.id_number, Member.id, Member.name).where(Member.id_number.is_null(False))
    return RosterSnapshot(
        branch_ids=frozenset(i for (i,) in Branch.select(Branch.id).tuples()),
        id_holders={number: (mid, name) for number, mid, name in holders.tuples()},
    )


def check_member(
    data: MemberData,
    member_id: int | None = None,
    today: dt.date | None = None,
    snapshot: RosterSnapshot | None = None,
) -> tuple[MemberData, Problems]:
    """Clean and validate a record, including the unique ID number and a known branch
    (looked up in `snapshot` when given, else in the store)."""
    data = data.cleaned()
    problems = validate_member(data, today)
    if data.branch_id is not None:
        known = (
            data.branch_id in snapshot.branch_ids
            if snapshot is not None
            else Branch.select().where(Branch.id == data.branch_id).exists()
        )
        if not known:
            problems.add("branch", "所选支部不存在")
    if data.id_number and "id_number" not in problems.by_field:
        if snapshot is not None:
            holder = snapshot.id_holders.get(data.id_number)
        else:
            other = Member.get_or_none(Member.id_number == data.id_number)
            holder = (other.id, other.name) if other is not None else None
        if holder is not None and holder[0] != member_id:
            problems.add("id_number", f"该身份证号已登记在“{holder[1]}”名下")
    return data, problems


def member_row_values(data: MemberData) -> dict:
    """Column values for an insert or update of a cleaned, valid record."""
    initials, full = pinyin_keys(data.name)
    return dict(
        name=data.name, name_initials=initials, name_pinyin=full,
        search_key=search_key(data.name, data.phone, data.id_number), sex=data.sex,
        ethnicity=data.ethnicity, birth_date=data.birth_date, id_number=data.id_number or None,
        education=data.education, joined_party=data.joined_party, membership=data.membership,
        branch=data.branch_id, phone=data.phone, position=data.position.strip(),
        category=data.category, specialties=data.specialties.strip(), services=data.services.strip(),
        service_promise=data.service_promise.strip(), updated_at=now(),
    )  # fmt: skip


def save_member(data: MemberData, member_id: int | None = None) -> int:
    """Add or update one member; raises ValidationError and saves nothing when refused.
    An edit of a loaded copy (`data.version`) over someone else's save raises
    `StaleRecordError` naming their change. Returns the id; `data.version` becomes the
    saved version, so a dialog that stays open saves again from it."""
    data_in = data
    data, problems = check_member(data, member_id)
    if problems:
        raise ValidationError(problems)
    values = member_row_values(data)
    try:
        with refusing_stale("党员"), writing(changes.MEMBERS, changes.BRANCHES):
            if member_id is None:
                member_id = audit.insert(Member, values)
                data_in.version = current_version(Member, member_id)
                return member_id
            audit.update(Member, values, [member_id], expected_version=data.version)
            # A secretary who moves to another branch is no longer that branch's secretary.
            _release_secretaries((Branch.secretary == member_id) & (Branch.id != data.branch_id))
            data_in.version = current_version(Member, member_id)
            return member_id
    except IntegrityError:  # another write got in between the check and this one
        _, problems = check_member(data, member_id)
        if not problems and id_number_elsewhere(data.id_number):  # a township account: not its member
            problems.add("id_number", ELSEWHERE)
        if not problems:
            problems.add("id_number", "保存时与刚保存的记录冲突（身份证号重复或支部已不存在），请核对后重试")
        raise ValidationError(problems) from None


def change_status(member_ids: list[int], status: str, on: dt.date, note: str = "") -> int:
    """Mark members transferred out or deceased (or back 在册). History stays; rows stay."""
    problems = Problems()
    if status not in labels.STATUSES:
        problems.add("status", f"状态应为：{'、'.join(labels.STATUSES)}")
    if on > dt.date.today():
        problems.add("status_date", "变更日期晚于今天")
    if problems:
        raise ValidationError(problems)
    with writing(changes.MEMBERS, changes.BRANCHES):
        changed = audit.update(Member, dict(
            status=status,
            status_date=None if status == labels.STATUS_ACTIVE else on,
            status_note=note.strip(),
            updated_at=now(),
        ), member_ids)  # fmt: skip
        if status != labels.STATUS_ACTIVE:  # a member who left no longer leads a branch
            _release_secretaries(Branch.secretary.in_(member_ids))
        return changed


def _release_secretaries(which) -> None:
    """The branches `which` selects no longer have a secretary (logged, like any edit)."""
    ids = [b for (b,) in Branch.select(Branch.id).where(which).tuples()]
    if ids:
        audit.update(Branch, {"secretary": None}, ids)


@dataclass(frozen=True)
class StatusSnapshot:
    """A member's status before a change, to undo it (with the branches they led)."""

    member_id: int
    status: str
    status_date: dt.date | None
    status_note: str
    led_branch_ids: tuple[int, ...]


def status_snapshot(member_ids: list[int]) -> list[StatusSnapshot]:
    """How these members stand now (status, date, note, branches they lead)."""
    led: dict[int, list[int]] = {}
    for branch_id, secretary_id in Branch.select(Branch.id, Branch.secretary).where(Branch.secretary.in_(member_ids)).tuples():
        led.setdefault(secretary_id, []).append(branch_id)
    query = Member.select(Member.id, Member.status, Member.status_date, Member.status_note).where(Member.id.in_(member_ids))
    return [StatusSnapshot(mid, status, day, note or "", tuple(led.get(mid, ()))) for mid, status, day, note in query.tuples()]


def restore_statuses(snapshots: list[StatusSnapshot]) -> int:
    """Undo a status change: each member back as the snapshot has them, secretaries
    back at the head of their branches (unless another was chosen since)."""
    with writing(changes.MEMBERS, changes.BRANCHES):
        for snap in snapshots:
            audit.update(Member, dict(status=snap.status, status_date=snap.status_date, status_note=snap.status_note,
                                      updated_at=now()), [snap.member_id])  # fmt: skip
            if snap.led_branch_ids:
                free = Branch.id.in_(list(snap.led_branch_ids)) & Branch.secretary.is_null()
                ids = [b for (b,) in Branch.select(Branch.id).where(free).tuples()]
                if ids:
                    audit.update(Branch, {"secretary": snap.member_id}, ids)
    return len(snapshots)
