"""Visits and the 社情民意 items they raise: writing them, their steps, the lists."""

from __future__ import annotations

import datetime as dt

from peewee import JOIN, Case, fn

from dahe_desktop import labels as roster_labels
from dahe_desktop.service import labels as L
from dahe_desktop.service.records import (
    ItemEventRow,
    ItemFilter,
    ItemInput,
    ItemRow,
    ItemStep,
    VisitInput,
    VisitRow,
)
from dahe_desktop.service.rules import (
    ServiceError,
    is_overdue,
    item_problems,
    step_problems,
    visit_problems,
)
from dahe_desktop.textnorm import clean_prose, clean_text
from db import audit, bulk_insert, changes, writing
from db.models import Branch, Member, OpinionItem, OpinionItemEvent, Visit, now


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _member(member_id: int | None) -> Member:
    member = Member.get_or_none(Member.id == member_id) if member_id is not None else None
    if member is None:
        raise ServiceError("所选党员不存在，请重新选择")
    return member


def _item_values(item: ItemInput) -> dict:
    return dict(
        category=item.category, content=clean_prose(item.content), household=clean_text(item.household),
        route=item.route, office=clean_text(item.office) if item.route == L.ROUTE_OFFICE else "",
        owner=clean_text(item.owner), due_date=item.due_date,
    )  # fmt: skip


def save_visit(visit: VisitInput, today: dt.date | None = None) -> int:
    """Add a visit with the problems raised on it (or update a visit's own fields)."""
    today = today or dt.date.today()
    member = _member(visit.member_id)
    if visit.id is None and member.status != roster_labels.STATUS_ACTIVE:
        raise ServiceError(f"{member.name}已{member.status}，不能再登记走访")
    lines = visit_problems(visit, member.name, today)
    if lines:
        raise ServiceError(lines)
    values = dict(member=member.id, visit_date=visit.visit_date, kind=visit.kind,
                  households=clean_text(visit.households), heard=clean_prose(visit.heard), updated_at=now())  # fmt: skip
    with writing(changes.VISITS, changes.OPINION_ITEMS):
        if visit.id is None:
            visit_id = audit.insert(Visit, dict(branch=member.branch_id, **values))
        else:
            visit_id = visit.id
            if not audit.update(Visit, values, [visit_id]):
                raise ServiceError("这条走访记录已不存在")
        _insert_items(visit.items, member, visit.visit_date, visit_id)
    return visit_id


def add_item(item: ItemInput, today: dt.date | None = None) -> int:
    """An item raised outside a visit (a phone call, a meeting)."""
    today = today or dt.date.today()
    member = _member(item.member_id)
    raised = item.raised_date
    lines = item_problems(f"{member.name}收集的问题", item, raised)
    if raised is None:
        lines.insert(0, f"{member.name}收集的问题：请填写收集日期")
    elif raised > today:
        lines.insert(0, f"{member.name}收集的问题：收集日期{raised:%Y-%m-%d}还没到")
    if lines:
        raise ServiceError(lines)
    with writing(changes.OPINION_ITEMS):
        return _insert_items([item], member, raised, None)[0]


def _insert_items(items: list[ItemInput], member: Member, raised: dt.date, visit_id: int | None) -> list[int]:
    ids = []
    for item in items:
        item_id = audit.insert(OpinionItem, dict(visit=visit_id, member=member.id, branch=member.branch_id,
                                                 raised_date=raised, status=L.COLLECTED, **_item_values(item)))  # fmt: skip
        OpinionItemEvent.insert(item=item_id, event_date=raised, to_status=L.COLLECTED).execute()
        ids.append(item_id)
    return ids


def update_item(item_id: int, item: ItemInput) -> None:
    """Correct where an item goes, by when and who answers for it (not its status)."""
    row = OpinionItem.get_or_none(OpinionItem.id == item_id)
    if row is None:
        raise ServiceError("这条社情民意已不存在")
    lines = item_problems(f"问题“{row.content[:12]}”", item, row.raised_date)
    if lines:
        raise ServiceError(lines)
    with writing(changes.OPINION_ITEMS):
        audit.update(OpinionItem, {**_item_values(item), "updated_at": now()}, [item_id])


def take_step(item_ids: list[int], step: ItemStep) -> int:
    """Move items one step on their way, in one transaction; refuses the whole batch,
    naming each item that cannot take the step. Reopening (办理中 after 已反馈群众)
    counts and keeps the household's word in the item's history."""
    rows = list(OpinionItem.select().where(OpinionItem.id.in_(item_ids)))
    if len(rows) != len(set(item_ids)):
        raise ServiceError("有的社情民意已不存在，请刷新后重试")
    lines = []
    for r in rows:
        label = f"{r.household or '群众'}反映的“{r.content[:12]}”"
        lines += step_problems(label, r.status, step, r.raised_date, bool(r.result.strip()))
    if lines:
        raise ServiceError(lines)
    to = step.to_status
    stamp = now()
    with writing(changes.OPINION_ITEMS):
        for r in rows:
            values: dict = dict(status=to, updated_at=stamp)
            if to in L.RESULTS:
                values.update(result=clean_prose(step.result), reason=clean_prose(step.reason) if to in L.NEEDS_REASON else "",
                              result_date=step.on)  # fmt: skip
            elif to == L.FED_BACK:
                values.update(feedback_date=step.on, feedback_how=clean_text(step.feedback_how))
            elif to == L.IN_HAND and r.status in (*L.RESULTS, L.FED_BACK):
                # Back in hand: the old result stays in the history, not on the item.
                values.update(result="", reason="", result_date=None, feedback_date=None, feedback_how="")
                if r.status == L.FED_BACK:
                    values["reopened"] = OpinionItem.reopened + 1
            audit.update(OpinionItem, values, [r.id])
        bulk_insert(OpinionItemEvent, [
            dict(item=r.id, event_date=step.on, from_status=r.status, to_status=to, note=_event_note(r, step))
            for r in rows
        ])  # fmt: skip
    return len(rows)


def _event_note(r: OpinionItem, step: ItemStep) -> str:
    to = step.to_status
    if to in L.RESULTS:
        return "；".join(x for x in (clean_prose(step.result), clean_prose(step.reason) if to in L.NEEDS_REASON else "") if x)
    if to == L.FED_BACK:
        return clean_text(step.feedback_how)
    if to == L.IN_HAND and r.status in (*L.RESULTS, L.FED_BACK):
        previous = "；".join(x for x in (r.status, r.result) if x)
        return "；".join(x for x in (L.REOPEN, clean_prose(step.note), f"原结果：{previous}") if x)
    return clean_prose(step.note)


def item_history(item_id: int) -> list[ItemEventRow]:
    query = OpinionItemEvent.select().where(OpinionItemEvent.item == item_id).order_by(OpinionItemEvent.id)
    return [ItemEventRow(e.event_date, e.from_status, e.to_status, e.note) for e in query]


def _items_query():
    return (
        OpinionItem.select(OpinionItem, Member.name.alias("member_name"), Branch.name.alias("branch_name"))
        .join(Member, on=(OpinionItem.member == Member.id))
        .switch(OpinionItem)
        .join(Branch, on=(OpinionItem.branch == Branch.id))
    )


def _overdue_condition(today: dt.date):
    return OpinionItem.status.in_(L.UNRESOLVED) & OpinionItem.due_date.is_null(False) & (OpinionItem.due_date < today)


def list_items(flt: ItemFilter, today: dt.date | None = None) -> list[ItemRow]:
    """The items the filter asks for, in one query: per owner, overdue ones first, then by
    time limit (the 督办 order)."""
    today = today or dt.date.today()
    query = _items_query()
    if flt.year is not None:
        start, end = _year_range(flt.year)
        query = query.where(OpinionItem.raised_date.between(start, end))
    if flt.branch_id is not None:
        query = query.where(OpinionItem.branch == flt.branch_id)
    if flt.member_id is not None:
        query = query.where(OpinionItem.member == flt.member_id)
    if flt.status:
        query = query.where(OpinionItem.status == flt.status)
    if flt.open_only:
        query = query.where(OpinionItem.status != L.FED_BACK)
    if flt.overdue_only:
        query = query.where(_overdue_condition(today))
    if flt.owner:
        query = query.where(OpinionItem.owner == flt.owner)
    late_first = Case(None, [(_overdue_condition(today), 0)], 1)
    query = query.order_by(OpinionItem.owner, late_first, OpinionItem.due_date.asc(nulls="LAST"),
                           OpinionItem.raised_date, OpinionItem.id)  # fmt: skip
    return [_item_row(r, today) for r in query.dicts()]


def _item_row(r: dict, today: dt.date) -> ItemRow:
    return ItemRow(
        id=r["id"], visit_id=r["visit"], member_id=r["member"], member_name=r["member_name"],
        branch_id=r["branch"], branch_name=r["branch_name"], raised_date=r["raised_date"],
        household=r["household"], category=r["category"], content=r["content"], route=r["route"],
        office=r["office"], owner=r["owner"], due_date=r["due_date"], status=r["status"], result=r["result"],
        reason=r["reason"], result_date=r["result_date"], feedback_date=r["feedback_date"],
        feedback_how=r["feedback_how"], reopened=r["reopened"],
        overdue=is_overdue(r["status"], r["due_date"], today),
    )  # fmt: skip


def get_item(item_id: int, today: dt.date | None = None) -> ItemRow:
    rows = list(_items_query().where(OpinionItem.id == item_id).dicts())
    if not rows:
        raise ServiceError("这条社情民意已不存在")
    return _item_row(rows[0], today or dt.date.today())


def list_visits(year: int, branch_id: int | None = None, member_id: int | None = None) -> list[VisitRow]:
    """A year's visits with the number of items each raised, newest first, in one query."""
    start, end = _year_range(year)
    query = (
        Visit.select(Visit, Member.name.alias("member_name"), Branch.name.alias("branch_name"),
                     fn.COUNT(OpinionItem.id).alias("item_count"))
        .join(Member, on=(Visit.member == Member.id)).switch(Visit)
        .join(Branch, on=(Visit.branch == Branch.id)).switch(Visit)
        .join(OpinionItem, JOIN.LEFT_OUTER, on=(OpinionItem.visit == Visit.id))
        .where(Visit.visit_date.between(start, end))
        .group_by(Visit.id, Member.name, Branch.name)
        .order_by(Visit.visit_date.desc(), Visit.id.desc())
    )  # fmt: skip
    if branch_id is not None:
        query = query.where(Visit.branch == branch_id)
    if member_id is not None:
        query = query.where(Visit.member == member_id)
    return [
        VisitRow(r["id"], r["member"], r["member_name"], r["branch"], r["branch_name"], r["visit_date"], r["kind"],
                 r["households"], r["heard"], r["item_count"])
        for r in query.dicts()
    ]  # fmt: skip


def item_counts(year: int, today: dt.date | None = None) -> dict[int | None, dict[str, int]]:
    """Per branch (and None for the township): items raised, open, overdue, fed back, and
    visits; a few aggregate queries whatever the size."""
    today = today or dt.date.today()
    start, end = _year_range(year)
    out: dict[int | None, dict[str, int]] = {}

    def bucket(key: int | None) -> dict[str, int]:
        return out.setdefault(key, dict(visits=0, items=0, items_open=0, items_overdue=0, items_closed=0,
                                        items_resolved=0))  # fmt: skip

    for branch_id, count in (
        Visit.select(Visit.branch, fn.COUNT(Visit.id)).where(Visit.visit_date.between(start, end))
        .group_by(Visit.branch).tuples()
    ):  # fmt: skip
        bucket(branch_id)["visits"] += count
        bucket(None)["visits"] += count
    query = (
        OpinionItem.select(OpinionItem.branch, OpinionItem.status, OpinionItem.due_date)
        .where(OpinionItem.raised_date.between(start, end)).tuples()
    )  # fmt: skip
    for branch_id, status, due in query:
        for b in (bucket(branch_id), bucket(None)):
            b["items"] += 1
            b["items_open"] += status != L.FED_BACK
            b["items_closed"] += status == L.FED_BACK
            b["items_resolved"] += status in L.RESULTS or status == L.FED_BACK
            b["items_overdue"] += is_overdue(status, due, today)
    bucket(None)
    return out


def owners() -> list[str]:
    """Everyone items have been given to, for the owner filter."""
    return [o for (o,) in OpinionItem.select(OpinionItem.owner).distinct().order_by(OpinionItem.owner).tuples() if o]
