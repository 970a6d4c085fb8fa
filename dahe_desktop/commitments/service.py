"""Reading and writing commitments. Every multi-row write is one transaction."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from dahe_desktop import labels
from dahe_desktop.commitments.records import (
    DONE,
    DRAFT_LABEL,
    OVERDUE,
    PROMISED,
    WITHDRAWN,
    BranchProgress,
    CommitmentFilter,
    CommitmentInput,
    CommitmentRow,
    StatusChange,
)
from dahe_desktop.commitments.rules import (
    CommitmentError,
    change_problem_for,
    change_problems,
    check_member_year,
    count_message,
    counts_toward_limit,
    days_overdue,
    is_overdue,
)
from dahe_desktop.roster import members
from dahe_desktop.roster.members import MemberBrief
from dahe_desktop.textnorm import clean_prose, clean_text
from dahe_desktop.versions import refusing_stale
from db import audit, changes, writing
from db.models import Branch, Commitment, Member, now

# A carried-over draft the clerk drops is withdrawn, not deleted: its link to last
# year's commitment is what keeps a second rollover from copying it again.
DRAFT_DROPPED_REASON = "上年结转草稿，未采用"


def _rows_query():
    return (
        Commitment.select(
            Commitment, Member.name.alias("member_name"), Member.position.alias("position"),
            Branch.id.alias("branch_id"), Branch.name.alias("branch_name"),
        )
        .join(Member)
        .join(Branch)
        .order_by(Branch.sort_order, Branch.id, Member.id, Commitment.seq, Commitment.id)
    )  # fmt: skip


def _row(r: dict, today: dt.date) -> CommitmentRow:
    return CommitmentRow(
        id=r["id"], member_id=r["member"], member_name=r["member_name"], position=r["position"],
        branch_id=r["branch_id"], branch_name=r["branch_name"], year=r["year"], seq=r["seq"],
        area=r["area"], content=r["content"], due_date=r["due_date"], quality=r["quality"],
        status=r["status"], status_reason=r["status_reason"], done_date=r["done_date"],
        verified_how=r["verified_how"], verified_by=r["verified_by"], is_draft=bool(r["is_draft"]),
        carried_from=r["carried_from"], version=r.get("version"),
        overdue=is_overdue(r["status"], r["due_date"], today, bool(r["is_draft"])),
        overdue_days=days_overdue(r["status"], r["due_date"], today, bool(r["is_draft"])),
    )  # fmt: skip


def _overdue_condition(today: dt.date):
    late = (Commitment.status == OVERDUE) | ((Commitment.status == PROMISED) & (Commitment.due_date < today))
    return late & (Commitment.is_draft == False)  # noqa: E712 (peewee expression)


def list_commitments(flt: CommitmentFilter, today: dt.date | None = None) -> list[CommitmentRow]:
    """The commitments the filter asks for, with member and branch, in one query."""
    today = today or dt.date.today()
    query = _rows_query().where(Commitment.year == flt.year)
    if flt.branch_id is not None:
        query = query.where(Member.branch == flt.branch_id)
    if flt.member_ids is not None:
        query = query.where(Commitment.member.in_(flt.member_ids))
    if flt.area:
        query = query.where(Commitment.area == flt.area)
    if flt.status == DRAFT_LABEL:
        query = query.where(Commitment.is_draft == True)  # noqa: E712
    elif flt.status == OVERDUE:  # as the table says it: marked so, or promised and past due
        query = query.where(_overdue_condition(today))
    elif flt.status == PROMISED:
        not_due = Commitment.due_date.is_null() | (Commitment.due_date >= today)
        query = query.where((Commitment.status == PROMISED) & not_due & (Commitment.is_draft == False))  # noqa: E712
    elif flt.status:
        query = query.where((Commitment.status == flt.status) & (Commitment.is_draft == False))  # noqa: E712
    if not flt.include_drafts:
        query = query.where(Commitment.is_draft == False)  # noqa: E712
    if not flt.include_withdrawn:
        query = query.where(Commitment.status != WITHDRAWN)
    if flt.overdue_only:
        query = query.where(_overdue_condition(today))
    if text := clean_text(flt.name).replace(" ", ""):
        low = text.lower()
        # Every spelling of the name, as the roster's search (jcq and jzq both find 江长青).
        query = query.where(Member.name.contains(text) | Member.search_key.contains(low))
    return [_row(r, today) for r in query.dicts()]


def printable_commitments(year: int, branch_id: int | None = None, member_ids: list[int] | None = None) -> list[CommitmentRow]:
    """What a card or a posting shows: confirmed commitments that are not withdrawn."""
    flt = CommitmentFilter(year=year, branch_id=branch_id, member_ids=member_ids, include_drafts=False, include_withdrawn=False)
    return list_commitments(flt)


def printable_items(year: int, branch_id: int | None = None, member_ids: list[int] | None = None) -> Iterator[tuple]:
    """What `printable_commitments` selects, only the columns a card or a posting shows,
    as plain tuples streamed in card order (nothing kept per row: a township's cards
    read lean, straight from the database cursor): (member id, name, position, branch
    name, commitment id, seq, area, content, due date, quality); the due date as the
    driver gives it (an ISO string from SQLite, a date from PostgreSQL) or None."""
    query = (
        Commitment.select(
            Member.id, Member.name, Member.position, Branch.name, Commitment.id, Commitment.seq,
            Commitment.area, Commitment.content, Commitment.due_date, Commitment.quality,
        )
        .join(Member)
        .join(Branch)
        .where((Commitment.year == year) & (Commitment.is_draft == False) & (Commitment.status != WITHDRAWN))  # noqa: E712
        .order_by(Branch.sort_order, Branch.id, Member.id, Commitment.seq, Commitment.id)
    )  # fmt: skip
    if branch_id is not None:
        query = query.where(Member.branch == branch_id)
    if member_ids is not None:
        query = query.where(Commitment.member.in_(member_ids))
    return iter(Commitment._meta.database.execute(query))


def member_commitments(member_id: int, year: int, today: dt.date | None = None) -> list[CommitmentRow]:
    """All of one member's commitments for a year, withdrawn ones included."""
    return list_commitments(CommitmentFilter(year=year, member_ids=[member_id]), today)


def member_brief(member_id: int) -> MemberBrief:
    return members.member_brief(member_id)


def save_member_commitments(member_id: int, year: int, items: list[CommitmentInput],
                            removed_ids: Iterable[int] = ()) -> list[int]:
    """Save the quick-entry rows of one member for one year, in one transaction.

    Rows with an id are updated (a carried draft so saved is confirmed), rows without one
    are added. Only the ids in `removed_ids` (the rows the clerk cleared) are removed (a
    dropped draft is withdrawn instead); any other existing commitment is left as it is,
    so a caller never takes away what the clerk was not shown. Blank rows are ignored.
    Raises CommitmentError naming the member when the 1-5 rule (counting the untouched
    confirmed ones too) or a field fails; nothing is saved then. A row loaded at a
    `version` someone has saved over since refuses the whole save (`StaleRecordError`).
    Returns the saved ids in card order."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise CommitmentError("所选党员不存在")
    if member.status != labels.STATUS_ACTIVE:
        raise CommitmentError(f"{member.name}已{member.status}，不能录入承诺")
    existing = {
        c.id: c
        for c in Commitment.select().where(
            (Commitment.member == member_id) & (Commitment.year == year) & (Commitment.status != WITHDRAWN)
        ).order_by(Commitment.seq, Commitment.id)
    }
    given = {item.id for item in items if item.id is not None and not item.is_blank()}
    removed = set(removed_ids)
    if given & removed:
        raise ValueError(f"commitments both saved and removed: {sorted(given & removed)}")
    untouched = [c for cid, c in existing.items() if cid not in given and cid not in removed]
    others = sum(counts_toward_limit(c.status, c.is_draft) for c in untouched)
    cleaned, lines = check_member_year(member.name, year, items, others)
    for item in cleaned:
        if item.id is not None and item.id not in existing:
            lines.append(f"{member.name}的承诺“{item.content[:16]}”已被删除或撤回，请重新打开录入")
    if lines:
        raise CommitmentError(lines)
    ids = []
    stamp = now()
    with refusing_stale("承诺"), writing(changes.COMMITMENTS):
        for old_id in removed & existing.keys():
            if existing[old_id].is_draft:
                audit.update(Commitment, dict(status=WITHDRAWN, status_reason=DRAFT_DROPPED_REASON,
                                              updated_at=stamp), [old_id])  # fmt: skip
            else:
                audit.changed("commitment", old_id, {"content": existing[old_id].content}, None)
                Commitment.delete().where(Commitment.id == old_id).execute()
        for seq, item in enumerate(cleaned, start=1):
            values = dict(area=item.area, content=item.content, due_date=item.due_date, quality=item.quality,
                          seq=seq, is_draft=False, updated_at=stamp)  # fmt: skip
            if item.id is None:
                ids.append(audit.insert(Commitment, dict(member=member_id, year=year, created_at=stamp, **values)))
            else:
                audit.update(Commitment, values, [item.id], expected_version=item.version)
                ids.append(item.id)
        # What the caller did not touch keeps its order, after the saved rows.
        for seq, old in enumerate(untouched, start=len(cleaned) + 1):
            Commitment.update(seq=seq).where(Commitment.id == old.id).execute()
    return ids


def set_status(ids: list[int], change: StatusChange, today: dt.date | None = None) -> int:
    """Set one status on many commitments at once (bulk update), in one transaction.

    Refuses the whole batch, naming each member and item that does not fit, when any
    does not (a draft, a promise not yet due marked 逾期未完成, a withdrawn one brought
    back past the limit of 5). Returns how many rows changed."""
    today = today or dt.date.today()
    lines = change_problems(change, today)
    if lines:
        raise CommitmentError(lines)
    rows = list(
        Commitment.select(Commitment, Member.name.alias("member_name")).join(Member)
        .where(Commitment.id.in_(ids)).order_by(Commitment.id).dicts()
    )  # fmt: skip
    for r in rows:
        if problem := change_problem_for(change, r["member_name"], r["content"], r["due_date"], r["is_draft"], r["year"], today):
            lines.append(problem)
    if change.status != WITHDRAWN:
        lines += _limit_after_reinstating(rows)
    if lines:
        raise CommitmentError(lines)
    values: dict = dict(status=change.status, updated_at=now())
    if change.status == DONE:
        values.update(done_date=change.done_date, verified_how=clean_prose(change.verified_how),
                      verified_by=clean_text(change.verified_by), status_reason="")  # fmt: skip
    elif change.status == WITHDRAWN:
        values.update(status_reason=clean_prose(change.reason), done_date=None)
    else:
        values.update(done_date=None, verified_how="", verified_by="", status_reason=clean_prose(change.reason))
    with writing(changes.COMMITMENTS):
        return audit.update(Commitment, values, [r["id"] for r in rows])


def _limit_after_reinstating(rows: list[dict]) -> list[str]:
    """Bringing withdrawn commitments back must not push a member past 5."""
    back = defaultdict(int)
    for r in rows:
        if r["status"] == WITHDRAWN and not r["is_draft"]:
            back[(r["member"], r["year"], r["member_name"])] += 1
    lines = []
    for (member_id, year, name), extra in back.items():
        if message := count_message(name, year, _counted(member_id, year) + extra):
            lines.append(message)
    return lines


def _counted(member_id: int, year: int) -> int:
    return (
        Commitment.select()
        .where((Commitment.member == member_id) & (Commitment.year == year) & (Commitment.status != WITHDRAWN)
               & (Commitment.is_draft == False))  # noqa: E712
        .count()
    )  # fmt: skip


def confirm_drafts(ids: list[int]) -> int:
    """Confirm carried-over drafts as this year's commitments (the 1-5 rule applies)."""
    rows = list(
        Commitment.select(Commitment, Member.name.alias("member_name")).join(Member)
        .where(Commitment.id.in_(ids) & (Commitment.is_draft == True) & (Commitment.status != WITHDRAWN))  # noqa: E712
        .order_by(Commitment.id).dicts()
    )  # fmt: skip
    extra = defaultdict(int)
    for r in rows:
        extra[(r["member"], r["year"], r["member_name"])] += 1
    lines = [m for (mid, year, name), n in extra.items() if (m := count_message(name, year, _counted(mid, year) + n))]
    if lines:
        raise CommitmentError(lines)
    with writing(changes.COMMITMENTS):
        return audit.update(Commitment, dict(is_draft=False, updated_at=now()), [r["id"] for r in rows])


def members_without(year: int, branch_id: int | None = None) -> list[MemberBrief]:
    """Active members with no commitment counted for the year (drafts and withdrawn ones
    do not count), in branch order: the ones the branch still has to talk to."""
    counted = Commitment.select(Commitment.member).where(
        (Commitment.year == year) & (Commitment.status != WITHDRAWN) & (Commitment.is_draft == False)  # noqa: E712
    )
    return members.briefs(members.active_query(branch_id=branch_id).where(Member.id.not_in(counted)))


def branch_progress(year: int, today: dt.date | None = None) -> list[BranchProgress]:
    """Per branch: active members, those with and without commitments, and the counts of
    commitments made, done and overdue (two queries, whatever the size of the roster)."""
    today = today or dt.date.today()
    progress = {
        b.id: BranchProgress(b.id, b.name, 0, 0, 0, 0, 0, 0, 0)
        for b in Branch.select().order_by(Branch.sort_order, Branch.id)
    }
    for branch_id, count in members.active_counts().items():
        progress[branch_id].active_members = count
    with_some: dict[int, set[int]] = defaultdict(set)
    query = (
        Commitment.select(Member.branch, Commitment.member, Member.status.alias("member_status"),
                          Commitment.status, Commitment.due_date, Commitment.is_draft)
        .join(Member).where(Commitment.year == year).tuples()
    )  # fmt: skip
    for branch_id, member_id, member_status, status, due, draft in query:
        p = progress[branch_id]
        if draft:
            p.drafts += status != WITHDRAWN
            continue
        if not counts_toward_limit(status, draft):
            continue
        p.committed += 1
        p.done += status == DONE
        p.overdue += is_overdue(status, due, today)
        if member_status == labels.STATUS_ACTIVE:
            with_some[branch_id].add(member_id)
    for branch_id, p in progress.items():
        p.members_with = len(with_some[branch_id])
        p.members_without = p.active_members - p.members_with
    return list(progress.values())


def total_progress(rows: list[BranchProgress]) -> BranchProgress:
    """The township line under the per-branch table."""
    total = BranchProgress(0, "合计", 0, 0, 0, 0, 0, 0, 0)
    for p in rows:
        for name in ("active_members", "members_with", "members_without", "committed", "done", "overdue", "drafts"):
            setattr(total, name, getattr(total, name) + getattr(p, name))
    return total


def years_in_use(around: int | None = None) -> list[int]:
    """Years that have commitments, plus this year and the next (for the year filter)."""
    this = around or dt.date.today().year
    years = {y for (y,) in Commitment.select(Commitment.year).distinct().tuples()}
    return sorted(years | {this, this + 1})


def active_members(branch_id: int | None = None) -> list[MemberBrief]:
    """Active members (of a branch), in branch order: whom a commitment may be entered for."""
    return members.active_members(branch_id)
