"""视察调研 (seed §3.3): records with their participants, and the yearly summary."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dahe_desktop.service import labels as L
from dahe_desktop.service.records import InspectionInput, InspectionRow, InspectionSummary
from dahe_desktop.service.rules import ServiceError, inspection_problems
from dahe_desktop.textnorm import clean_prose, clean_text
from db import audit, bulk_insert, changes, writing
from db.models import Branch, Inspection, InspectionParticipant, Member, now


def save_inspection(ins: InspectionInput, today: dt.date | None = None) -> int:
    """Add or update an inspection and its participants, in one transaction."""
    lines = inspection_problems(ins, today or dt.date.today())
    if Branch.get_or_none(Branch.id == ins.branch_id) is None:
        lines.insert(0, "所选支部不存在，请重新选择")
    found = Member.select().where(Member.id.in_(ins.participant_ids)).count()
    if found != len(set(ins.participant_ids)):
        lines.append("有的参加人员已不在名册中，请重新选择")
    if lines:
        raise ServiceError(lines)
    values = dict(branch=ins.branch_id, inspection_date=ins.inspection_date, area=ins.area, topic=clean_text(ins.topic),
                  places=clean_text(ins.places), remote=ins.remote, other_participants=clean_text(ins.other_participants),
                  findings=clean_prose(ins.findings), opinions=clean_prose(ins.opinions),
                  opinion_count=ins.opinion_count or (1 if ins.opinions.strip() else 0), adoption=ins.adoption,
                  adoption_note=clean_prose(ins.adoption_note), updated_at=now())  # fmt: skip
    people = list(dict.fromkeys(ins.participant_ids))
    with writing(changes.INSPECTIONS):
        if ins.id is None:
            ins_id = audit.insert(Inspection, values)
            before: list[int] = []
        else:
            ins_id = ins.id
            before = _participants(ins_id)
            if not audit.update(Inspection, values, [ins_id]):
                raise ServiceError("这条视察调研记录已不存在")
            InspectionParticipant.delete().where(InspectionParticipant.inspection == ins_id).execute()
        bulk_insert(InspectionParticipant, [dict(inspection=ins_id, member=m) for m in people])
        if before != people:  # who took part, by name, as the log reads it
            audit.changed("inspection", ins_id, {"participants": _names(before)}, {"participants": _names(people)})
    return ins_id


def _participants(ins_id: int) -> list[int]:
    query = InspectionParticipant.select(InspectionParticipant.member).where(InspectionParticipant.inspection == ins_id)
    return [m for (m,) in query.order_by(InspectionParticipant.id).tuples()]


def _names(member_ids: list[int]) -> str:
    names = dict(Member.select(Member.id, Member.name).where(Member.id.in_(member_ids)).tuples()) if member_ids else {}
    return "、".join(names.get(m, str(m)) for m in member_ids)


def list_inspections(year: int, branch_id: int | None = None, member_id: int | None = None) -> list[InspectionRow]:
    """A year's inspections, newest first, with participant names (two queries)."""
    query = (
        Inspection.select(Inspection, Branch.name.alias("branch_name")).join(Branch)
        .where(Inspection.inspection_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .order_by(Inspection.inspection_date.desc(), Inspection.id.desc())
    )  # fmt: skip
    if branch_id is not None:
        query = query.where(Inspection.branch == branch_id)
    if member_id is not None:
        query = query.where(Inspection.id.in_(
            InspectionParticipant.select(InspectionParticipant.inspection).where(InspectionParticipant.member == member_id)
        ))  # fmt: skip
    rows = list(query.dicts())
    names: dict[int, list[str]] = defaultdict(list)
    if rows:
        for ins_id, name in (
            InspectionParticipant.select(InspectionParticipant.inspection, Member.name).join(Member)
            .where(InspectionParticipant.inspection.in_([r["id"] for r in rows]))
            .order_by(InspectionParticipant.id).tuples()
        ):  # fmt: skip
            names[ins_id].append(name)
    return [
        InspectionRow(r["id"], r["branch"], r["branch_name"], r["inspection_date"], r["area"], r["topic"], r["places"],
                      bool(r["remote"]), names[r["id"]], r["other_participants"], r["findings"], r["opinions"],
                      r["opinion_count"], r["adoption"], r["adoption_note"])
        for r in rows
    ]  # fmt: skip


def participant_ids(inspection_id: int) -> list[int]:
    return [m for (m,) in InspectionParticipant.select(InspectionParticipant.member)
            .where(InspectionParticipant.inspection == inspection_id).order_by(InspectionParticipant.id).tuples()]  # fmt: skip


def yearly_summary(year: int) -> list[InspectionSummary]:
    """Per branch (all branches, in order): inspections by area, how many went to remote
    places, opinions given and what became of them."""
    out = {b.id: InspectionSummary(b.id, b.name) for b in Branch.select().order_by(Branch.sort_order, Branch.id)}
    query = (
        Inspection.select(Inspection.branch, Inspection.area, Inspection.remote, Inspection.opinion_count,
                          Inspection.adoption)
        .where(Inspection.inspection_date.between(dt.date(year, 1, 1), dt.date(year, 12, 31))).tuples()
    )  # fmt: skip
    for branch_id, area, remote, opinions, adoption in query:
        s = out[branch_id]
        s.inspections += 1
        s.remote += bool(remote)
        s.opinions += opinions
        s.by_area[area] = s.by_area.get(area, 0) + 1
        s.adopted += adoption == L.ADOPTED
        s.not_adopted += adoption == L.NOT_ADOPTED
        s.pending += adoption == L.ADOPTION_PENDING
    return list(out.values())


def total_summary(rows: list[InspectionSummary]) -> InspectionSummary:
    total = InspectionSummary(0, "合计")
    for s in rows:
        for name in ("inspections", "remote", "opinions", "adopted", "not_adopted", "pending"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        for area, n in s.by_area.items():
            total.by_area[area] = total.by_area.get(area, 0) + n
    return total
