"""Appointments (确定岗位) with their duties and targets, the branch's assignments of
members not elected (调剂), and the duty log (履职记录) the appraisal reads."""

from __future__ import annotations

import datetime as dt

from peewee import JOIN, IntegrityError, fn

from dahe_desktop import labels as common
from dahe_desktop.posts import history, labels
from dahe_desktop.posts.catalogue import clean_lines
from dahe_desktop.posts.records import AppointmentRow, DutyLogRow
from dahe_desktop.posts.rules import DUTY_MAX, PostsError
from dahe_desktop.posts.selection import branch_member, find_selection
from dahe_desktop.textnorm import clean_prose
from dahe_desktop.versions import current_version, refusing_stale
from db import audit, bulk_insert, changes, writing
from db.models import Branch, Member
from db.models.posts import (
    BranchPost,
    DutyLog,
    PostApplication,
    PostAppointment,
    PostCandidate,
    PostSelection,
)


def appoint_elected(branch_id: int, year: int, on: dt.date) -> int:
    """Give every elected candidate the post, with its duties and targets; needs the
    tally done and every tie settled. Returns how many appointments were added."""
    selection = find_selection(branch_id, year)
    if selection is None or selection.tallied_on is None:
        raise PostsError(f"{year}年的选票还没有计票，不能确定岗位")
    if selection.appointed_on is not None:
        raise PostsError(f"已于{selection.appointed_on}确定岗位；未当选的党员请用支部调剂安排")
    tied = list(
        PostCandidate.select(BranchPost.name, Member.name).join(BranchPost).switch(PostCandidate).join(Member)
        .where((BranchPost.selection == selection) & (PostCandidate.outcome == labels.TIED))
        .order_by(BranchPost.sort_order, BranchPost.id, PostCandidate.sort_order, PostCandidate.id).tuples()
    )  # fmt: skip
    if tied:
        posts = dict.fromkeys(p for p, _ in tied)
        raise PostsError([f"{p}有得票相同的候选人（{'、'.join(n for q, n in tied if q == p)}），请先由支部决定" for p in posts])
    if on < selection.tallied_on:
        raise PostsError(f"确定岗位的日期早于计票日期（{selection.tallied_on}）")
    held = PostAppointment.select(PostAppointment.member).join(BranchPost).where(BranchPost.selection == selection)
    elected = list(
        PostCandidate.select(PostCandidate.id, BranchPost.id, PostCandidate.member, BranchPost.duties, BranchPost.targets)
        .join(BranchPost)
        .where((BranchPost.selection == selection) & (PostCandidate.outcome == labels.ELECTED)
               & PostCandidate.member.not_in(held))
        .order_by(BranchPost.sort_order, PostCandidate.sort_order).tuples()
    )  # fmt: skip
    rows = [
        dict(post=post_id, member=member_id, source=labels.BY_VOTE, duties=duties, targets=targets, appointed_on=on)
        for _candidate, post_id, member_id, duties, targets in elected
    ]
    with writing(changes.POST_SELECTIONS):
        bulk_insert(PostAppointment, rows)
        PostSelection.update(appointed_on=on).where(PostSelection.id == selection.id).execute()
        names = history.candidate_labels(selection.id)
        audit.changed_many("post_appointment", [(names[c], None, {"name": labels.BY_VOTE}) for c, *_ in elected])
        audit.changed("post_selection", history.selection_label(selection.id), {"appointed_on": None}, {"appointed_on": on})
    return len(rows)


def assign_post(post_id: int, member_id: int, reason: str, on: dt.date) -> int:
    """The branch assigns a member without a post after the vote (支部调剂: e.g. not
    elected, or a seat left empty), with the reason. One post a member a year; a member
    away or old and sick only where they applied for a post themselves."""
    post = BranchPost.select(BranchPost, PostSelection).join(PostSelection).where(BranchPost.id == post_id).first()
    if post is None:
        raise PostsError("所选岗位不存在")
    selection = post.selection
    member = branch_member(member_id, selection.branch_id)
    lines = []
    if selection.tallied_on is None:
        lines.append("投票计票之后才能由支部调剂岗位")
    if not clean_prose(reason):
        lines.append(f"请写明把{member.name}调剂到{post.name}的理由")
    holding = (
        PostAppointment.select(BranchPost.name).join(BranchPost)
        .where((BranchPost.selection == selection) & (PostAppointment.member == member_id)
               & (PostAppointment.status == labels.ON_POST)).scalar()
    )  # fmt: skip
    if holding:
        lines.append(f"{member.name}已担任{holding}，每名党员每年定一个岗位")
    if member.category in labels.WISH_ONLY and not (
        PostApplication.select().join(BranchPost)
        .where((BranchPost.selection == selection) & (PostApplication.member == member_id)
               & (PostApplication.kind == labels.APPLIED) & (PostApplication.withdrawn == False)).exists()  # noqa: E712
    ):  # fmt: skip
        lines.append(f"{member.name}是{member.category}，本人没有申报岗位，不作安排")
    if on.year != selection.year:
        lines.append(f"调剂日期应在{selection.year}年内")
    if lines:
        raise PostsError(lines)
    try:
        with writing(changes.POST_SELECTIONS):
            appointment_id = PostAppointment.insert(
                post=post_id, member=member_id, source=labels.BY_BRANCH, reason=clean_prose(reason),
                duties=post.duties, targets=post.targets, appointed_on=on,
            ).execute()  # fmt: skip
            audit.changed("post_appointment", history.appointment_label(appointment_id), None,
                          {"name": f"{labels.BY_BRANCH}：{clean_prose(reason)}"})  # fmt: skip
            return appointment_id
    except IntegrityError:
        raise PostsError(f"{member.name}已担任{post.name}") from None


def appointment_terms(appointment_id: int) -> tuple[str, str, int]:
    """A holder's duties, targets and version as stored now (for 重新载入)."""
    a = PostAppointment.get_by_id(appointment_id)
    return a.duties, a.targets, a.version


def update_appointment(appointment_id: int, duties: str, targets: str, version: int | None = None) -> int:
    """The duties and yearly targets agreed with this holder (细化年度目标要求、职责任务);
    from a loaded `version`, a save over another clerk's change is refused. Returns the
    new version."""
    with refusing_stale("岗位职责"), writing(changes.POST_SELECTIONS):
        audit.update(PostAppointment, dict(duties=clean_lines(duties), targets=clean_lines(targets)),
                     [appointment_id], expected_version=version)  # fmt: skip
        return current_version(PostAppointment, appointment_id)


def end_appointment(appointment_id: int, note: str) -> None:
    """A holder leaves the post (moved away, ill): kept on record as 离岗, with why."""
    if not clean_prose(note):
        raise PostsError("请写明离岗原因")
    with writing(changes.POST_SELECTIONS):
        _update_appointment(appointment_id, status=labels.OFF_POST, status_note=clean_prose(note))


def _update_appointment(appointment_id: int, **values: object) -> None:
    """Inside a write: change an appointment, logging each field that changes."""
    old = PostAppointment.select(*[getattr(PostAppointment, f) for f in values]).where(
        PostAppointment.id == appointment_id).dicts().get_or_none()
    if old is None:
        return
    PostAppointment.update(**values).where(PostAppointment.id == appointment_id).execute()
    audit.changed("post_appointment", history.appointment_label(appointment_id), old, values)


def list_appointments(year: int, branch_id: int | None = None, member_ids: list[int] | None = None,
                      include_ended: bool = False) -> list[AppointmentRow]:  # fmt: skip
    """Post holders of a year (of a branch) still on post and on the roster, with how many
    duty log entries each has, in one query."""
    logs = (
        DutyLog.select(DutyLog.appointment, fn.COUNT(DutyLog.id).alias("n")).group_by(DutyLog.appointment)
    ).alias("logs")  # fmt: skip
    query = (
        PostAppointment.select(
            PostAppointment, BranchPost.name.alias("post_name"), Member.name.alias("member_name"),
            Member.position.alias("position"), Branch.id.alias("branch_id"), Branch.name.alias("branch_name"),
            PostSelection.year.alias("year"), logs.c.n.alias("log_entries"),
        )
        .join(BranchPost).join(PostSelection).join(Branch)
        .switch(PostAppointment).join(Member)
        .switch(PostAppointment).join(logs, JOIN.LEFT_OUTER, on=(logs.c.appointment_id == PostAppointment.id))
        .where(PostSelection.year == year)
        .order_by(Branch.sort_order, Branch.id, BranchPost.sort_order, BranchPost.id, PostAppointment.id)
    )  # fmt: skip
    if branch_id is not None:
        query = query.where(PostSelection.branch == branch_id)
    if member_ids is not None:
        query = query.where(PostAppointment.member.in_(member_ids))
    if not include_ended:  # off post, or no longer on the roster (moved away, died): history only
        query = query.where((PostAppointment.status == labels.ON_POST) & (Member.status == common.STATUS_ACTIVE))
    return [
        AppointmentRow(
            r["id"], r["post"], r["post_name"], r["member"], r["member_name"], r["position"], r["branch_id"],
            r["branch_name"], r["year"], r["source"], r["reason"], r["duties"], r["targets"], r["appointed_on"],
            r["status"], r["log_entries"] or 0, r["version"],
        )
        for r in query.dicts()
    ]  # fmt: skip


def add_duty_log(appointment_id: int, done_on: dt.date, what: str, for_whom: str = "",
                 today: dt.date | None = None) -> int:  # fmt: skip
    """One duty done by a post holder: the date, what, for whom."""
    today = today or dt.date.today()
    row = (
        PostAppointment.select(PostAppointment, Member.name.alias("member_name"), BranchPost.name.alias("post_name"),
                               PostSelection.year.alias("year"))
        .join(BranchPost).join(PostSelection).switch(PostAppointment).join(Member)
        .where(PostAppointment.id == appointment_id).dicts().first()
    )  # fmt: skip
    if row is None:
        raise PostsError("所选岗位任职记录不存在，请刷新后重试")
    who = f"{row['member_name']}（{row['post_name']}）"
    what = clean_prose(what)
    lines = []
    if not what:
        lines.append(f"{who}的履职记录：请填写做了什么")
    elif len(what) > DUTY_MAX:
        lines.append(f"{who}的履职记录过长（{len(what)}字，最多{DUTY_MAX}字）")
    if done_on.year != row["year"]:
        lines.append(f"{who}的履职日期应在{row['year']}年内")
    elif done_on < row["appointed_on"]:
        lines.append(f"{who}的履职日期早于上岗日期（{row['appointed_on']}）")
    if done_on > today:
        lines.append(f"{who}的履职日期晚于今天")
    if row["status"] != labels.ON_POST:
        lines.append(f"{who}已离岗，不能再记履职")
    if lines:
        raise PostsError(lines)
    values = dict(appointment=appointment_id, done_on=done_on, what=what, for_whom=clean_prose(for_whom))
    with writing(changes.DUTY_LOG):
        entry_id = DutyLog.insert(**values).execute()
        audit.changed("duty_log", history.appointment_label(appointment_id), None, {"content": what})
        return entry_id


def add_duty_logs(rows: list[dict]) -> int:
    """Many duty log entries at once (the demo), already checked by the caller."""
    with writing(changes.DUTY_LOG):
        labels_of = {a: history.appointment_label(a) for a in {r["appointment"] for r in rows}}
        audit.changed_many("duty_log", [(labels_of[r["appointment"]], None, {"content": r["what"]}) for r in rows])
        return bulk_insert(DutyLog, rows)


def list_duty_log(year: int, branch_id: int | None = None, appointment_id: int | None = None) -> list[DutyLogRow]:
    """Duty log entries, newest first."""
    query = (
        DutyLog.select(DutyLog, Member.name.alias("member_name"), BranchPost.name.alias("post_name"))
        .join(PostAppointment).join(BranchPost).join(PostSelection)
        .switch(PostAppointment).join(Member)
        .where(PostSelection.year == year)
        .order_by(DutyLog.done_on.desc(), DutyLog.id.desc())
    )  # fmt: skip
    if branch_id is not None:
        query = query.where(PostSelection.branch == branch_id)
    if appointment_id is not None:
        query = query.where(DutyLog.appointment == appointment_id)
    return [
        DutyLogRow(r["id"], r["appointment"], r["member_name"], r["post_name"], r["done_on"], r["what"], r["for_whom"])
        for r in query.dicts()
    ]


def active_branch_members(branch_id: int) -> list[tuple[int, str, str, str]]:
    """(id, name, category, position) of the branch's active members, roster order."""
    return list(
        Member.select(Member.id, Member.name, Member.category, Member.position)
        .where((Member.branch == branch_id) & (Member.status == common.STATUS_ACTIVE))
        .order_by(Member.id).tuples()
    )  # fmt: skip
