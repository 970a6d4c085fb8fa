"""The first steps of a branch's selection: posts opened with seats, duties and targets;
applications and nominations; the candidates the branch fixes, more than the seats."""

from __future__ import annotations

import datetime as dt

from peewee import IntegrityError, fn

from dahe_desktop import labels as common
from dahe_desktop.posts import history, labels
from dahe_desktop.posts.catalogue import clean_lines, ensure_catalogue
from dahe_desktop.posts.records import (
    ApplicationInput,
    ApplicationRow,
    CandidateRow,
    PostInput,
    PostRow,
)
from dahe_desktop.posts.rules import MAX_SEATS, PostsError, margin_problem
from dahe_desktop.textnorm import clean_name, clean_prose, clean_text
from dahe_desktop.versions import current_version, refusing_stale
from db import audit, bulk_insert, changes, writing
from db.models import Branch, Member
from db.models.posts import BranchPost, PostApplication, PostCandidate, PostSelection, PostType


def find_selection(branch_id: int, year: int) -> PostSelection | None:
    return PostSelection.get_or_none((PostSelection.branch == branch_id) & (PostSelection.year == year))


def selection_for(branch_id: int, year: int) -> PostSelection:
    """The branch's selection of the year, opened on first use."""
    found = find_selection(branch_id, year)
    if found is not None:
        return found
    if Branch.get_or_none(Branch.id == branch_id) is None:
        raise PostsError("所选支部不存在")
    try:
        with writing(changes.POST_SELECTIONS):
            return PostSelection.get_by_id(audit.insert(PostSelection, dict(branch=branch_id, year=year)))
    except IntegrityError:  # opened meanwhile
        return find_selection(branch_id, year)


def _post(post_id: int) -> BranchPost:
    post = BranchPost.select(BranchPost, PostSelection).join(PostSelection).where(BranchPost.id == post_id).first()
    if post is None:
        raise PostsError("所选岗位不存在，请刷新后重试")
    return post


def _refuse_after_candidates(selection: PostSelection, doing: str) -> None:
    if selection.candidates_fixed_on is not None:
        raise PostsError(f"候选人已于{selection.candidates_fixed_on}确定，不能再{doing}")


def open_post(branch_id: int, year: int, data: PostInput) -> int:
    """Open a post in the branch's selection (duties and targets default to the
    catalogue's). Returns its id."""
    ensure_catalogue()
    selection = selection_for(branch_id, year)
    _refuse_after_candidates(selection, "开设岗位")
    name, lines = _check_post(data)
    kind = PostType.get_or_none(PostType.id == data.post_type_id) if data.post_type_id else PostType.get_or_none(PostType.name == name)
    duties = clean_lines(data.duties) or (kind.duties if kind else "")
    targets = clean_lines(data.targets) or (kind.targets if kind else "")
    opened_on = data.opened_on or dt.date.today()
    if opened_on.year != year:
        lines.append(f"{name}的开设日期应在{year}年内")
    if BranchPost.select().where((BranchPost.selection == selection) & (BranchPost.name == name)).exists():
        lines.append(f"{year}年已开设“{name}”，请修改它的名额")
    if lines:
        raise PostsError(lines)
    order = BranchPost.select(fn.MAX(BranchPost.sort_order)).where(BranchPost.selection == selection).scalar() or 0
    try:
        with writing(changes.POST_SELECTIONS):
            post_id = BranchPost.insert(
                selection=selection, post_type=kind, name=name, seats=data.seats, duties=duties,
                targets=targets, sort_order=order + 1, opened_on=opened_on,
            ).execute()  # fmt: skip
            audit.changed("branch_post", history.post_label(post_id), None, {"name": name, "seats": data.seats})
            return post_id
    except IntegrityError:
        raise PostsError(f"{year}年已开设“{name}”") from None


def _check_post(data: PostInput) -> tuple[str, list[str]]:
    name = clean_text(data.name)
    lines = []
    if not name:
        lines.append("请填写岗位名称")
    if not isinstance(data.seats, int) or not 1 <= data.seats <= MAX_SEATS:
        lines.append(f"{name or '岗位'}的名额应为1至{MAX_SEATS}的整数")
    return name, lines


def update_post(post_id: int, data: PostInput) -> int:
    """Change a post's seats, duties or targets (seats only before candidates are fixed);
    from a loaded `data.version`, a save over another clerk's change is refused.
    Returns the post's new version."""
    post = _post(post_id)
    name, lines = _check_post(data)
    if data.seats != post.seats and post.selection.candidates_fixed_on is not None:
        lines.append(f"候选人已于{post.selection.candidates_fixed_on}确定，{post.name}的名额不能再改")
    if lines:
        raise PostsError(lines)
    with refusing_stale("岗位"), writing(changes.POST_SELECTIONS):
        audit.update(BranchPost, dict(seats=data.seats, duties=clean_lines(data.duties), targets=clean_lines(data.targets)),
                     [post_id], expected_version=data.version)  # fmt: skip
        return current_version(BranchPost, post_id)


def _not_of_branch(member: Member, branch_id: int) -> str | None:
    if member.status != common.STATUS_ACTIVE:
        return f"{member.name}已{member.status}，不能参加设岗定责"
    if member.branch_id != branch_id:
        return f"{member.name}不是本支部党员"
    return None


def branch_member(member_id: int, branch_id: int) -> Member:
    """The member, refused unless active in the branch."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise PostsError("所选党员不存在")
    if problem := _not_of_branch(member, branch_id):
        raise PostsError(problem)
    return member


def add_application(post_id: int, member_id: int, kind: str, made_on: dt.date, reason: str = "",
                    nominated_by: str = "", nominator_kind: str = "") -> int:  # fmt: skip
    """Record a member's own application or a villagers' nomination for a post."""
    item = ApplicationInput(member_id, kind, made_on, reason, nominated_by, nominator_kind)
    return add_applications(post_id, [item])[0]


def add_applications(post_id: int, items: list[ApplicationInput]) -> list[int]:
    """Record applications and nominations for a post at once (a sheet from the village);
    all or none, each problem naming the member."""
    post = _post(post_id)
    _refuse_after_candidates(post.selection, "申报或提名")
    year = post.selection.year
    members = {m.id: m for m in Member.select(Member.id, Member.name, Member.status, Member.branch)
               .where(Member.id.in_([i.member_id for i in items]))}  # fmt: skip
    lines, rows = [], []
    for item in items:
        member = members.get(item.member_id)
        if member is None:
            lines.append("所选党员不存在，请刷新后重试")
            continue
        if problem := _not_of_branch(member, post.selection.branch_id):
            lines.append(problem)
        if item.kind not in labels.APPLICATION_KINDS:
            lines.append(f"{member.name}：方式应为{'、'.join(labels.APPLICATION_KINDS)}")
        nominated = item.kind == labels.NOMINATED
        by = clean_name(item.nominated_by) if item.nominator_kind == labels.NOMINATOR_PERSON else clean_prose(item.nominated_by)
        if nominated and not by:
            lines.append(f"{member.name}被提名{post.name}：请填写提名人（群众姓名或联名的群体）")
        if nominated and item.nominator_kind not in labels.NOMINATOR_KINDS:
            lines.append(f"{member.name}被提名{post.name}：提名人类别应为{'、'.join(labels.NOMINATOR_KINDS)}")
        if item.made_on.year != year:
            lines.append(f"{member.name}的{item.kind}日期应在{year}年内")
        rows.append(dict(post=post_id, member=member.id, kind=item.kind, reason=clean_prose(item.reason),
                         made_on=item.made_on, nominated_by=by if nominated else "",
                         nominator_kind=item.nominator_kind if nominated else ""))  # fmt: skip
    if lines:
        raise PostsError(lines)
    with writing(changes.POST_SELECTIONS):
        first = PostApplication.select(fn.MAX(PostApplication.id)).scalar() or 0
        bulk_insert(PostApplication, rows)
        label = history.post_label(post_id)
        names = dict(Member.select(Member.id, Member.name).where(Member.id.in_([r["member"] for r in rows])).tuples())
        audit.changed_many("post_application", [(f"{label}·{names[r['member']]}", None, {"name": r["kind"]}) for r in rows])
        return [i for (i,) in PostApplication.select(PostApplication.id).where(
            (PostApplication.id > first) & (PostApplication.post == post_id)).order_by(PostApplication.id).tuples()]


def withdraw_application(application_id: int) -> None:
    """An application or nomination withdrawn stays on record, marked."""
    app = PostApplication.get_or_none(PostApplication.id == application_id)
    if app is None:
        return
    _refuse_after_candidates(_post(app.post_id).selection, "撤回申报或提名")
    with writing(changes.POST_SELECTIONS):
        PostApplication.update(withdrawn=True).where(PostApplication.id == application_id).execute()
        who = Member.select(Member.name).where(Member.id == app.member_id).scalar()
        audit.changed("post_application", f"{history.post_label(app.post_id)}·{who}", {"withdrawn": app.withdrawn},
                      {"withdrawn": True})  # fmt: skip


def set_candidates(post_id: int, member_ids: list[int]) -> None:
    """The branch's candidates for a post, in ballot order, from those who applied or were
    nominated for it. A member stands for one post only; a member away or old and sick
    only where they applied themselves (their wish)."""
    post = _post(post_id)
    selection = post.selection
    _refuse_after_candidates(selection, "修改候选人")
    ids = list(dict.fromkeys(member_ids))
    members = {m.id: m for m in Member.select().where(Member.id.in_(ids))}
    asked: dict[int, set[str]] = {}
    for member_id, kind in (
        PostApplication.select(PostApplication.member, PostApplication.kind)
        .where((PostApplication.post == post_id) & (PostApplication.withdrawn == False)).tuples()  # noqa: E712
    ):  # fmt: skip
        asked.setdefault(member_id, set()).add(kind)
    elsewhere = dict(
        PostCandidate.select(PostCandidate.member, BranchPost.name).join(BranchPost)
        .where((BranchPost.selection == selection) & (BranchPost.id != post_id) & PostCandidate.member.in_(ids)).tuples()
    )  # fmt: skip
    lines = []
    for member_id in ids:
        member = members.get(member_id)
        if member is None:
            lines.append("所选党员不存在，请刷新后重试")
            continue
        if member.status != common.STATUS_ACTIVE or member.branch_id != selection.branch_id:
            lines.append(f"{member.name}不是本支部在册党员，不能列为候选人")
        elif member_id not in asked:
            lines.append(f"{member.name}没有申报也没有被提名{post.name}，不能列为候选人")
        elif member.category in labels.WISH_ONLY and labels.APPLIED not in asked[member_id]:
            lines.append(f"{member.name}是{member.category}，须本人申报{post.name}后方可列为候选人")
        if member_id in elsewhere:
            lines.append(f"{member.name}已是{elsewhere[member_id]}的候选人，每名党员只能作一个岗位的候选人")
    if lines:
        raise PostsError(lines)
    with writing(changes.POST_SELECTIONS):
        before = [name for (name,) in PostCandidate.select(Member.name).join(Member).where(PostCandidate.post == post_id)
                  .order_by(PostCandidate.sort_order).tuples()]  # fmt: skip
        PostCandidate.delete().where(PostCandidate.post == post_id).execute()
        bulk_insert(PostCandidate, [dict(post=post_id, member=m, sort_order=i) for i, m in enumerate(ids, start=1)])
        audit.changed("branch_post", history.post_label(post_id), {"candidates": "、".join(before)},
                      {"candidates": "、".join(members[m].name for m in ids)})  # fmt: skip


def fix_candidates(branch_id: int, year: int, on: dt.date) -> None:
    """The branch fixes the candidates: every post must have more candidates than seats
    (差额); refused naming each post that has not."""
    selection = find_selection(branch_id, year)
    if selection is None or not BranchPost.select().where(BranchPost.selection == selection).exists():
        raise PostsError(f"{year}年还没有开设岗位，请先开设岗位")
    _refuse_after_candidates(selection, "重新确定")
    lines = [m for p in list_posts(branch_id, year) if (m := margin_problem(p.name, p.seats, len(p.candidates)))]
    if on.year != year:
        lines.append(f"确定候选人的日期应在{year}年内")
    if lines:
        raise PostsError(lines)
    with writing(changes.POST_SELECTIONS):
        PostSelection.update(candidates_fixed_on=on).where(PostSelection.id == selection.id).execute()
        audit.changed("post_selection", history.selection_label(selection.id), {"candidates_fixed_on": None},
                      {"candidates_fixed_on": on})  # fmt: skip


def reopen_candidates(branch_id: int, year: int) -> None:
    """Undo the fixing of candidates, as long as no ballot has been entered."""
    selection = find_selection(branch_id, year)
    if selection is None or selection.candidates_fixed_on is None:
        return
    if selection.ballot_entries.exists():
        raise PostsError("已录入选票，不能重新确定候选人")
    with writing(changes.POST_SELECTIONS):
        PostSelection.update(candidates_fixed_on=None).where(PostSelection.id == selection.id).execute()
        audit.changed("post_selection", history.selection_label(selection.id),
                      {"candidates_fixed_on": selection.candidates_fixed_on}, {"candidates_fixed_on": None})  # fmt: skip


def list_posts(branch_id: int, year: int) -> list[PostRow]:
    """The posts of a branch's selection with their application counts and candidates
    (three queries)."""
    selection = find_selection(branch_id, year)
    if selection is None:
        return []
    posts = {
        p.id: PostRow(p.id, p.name, p.seats, p.duties, p.targets, 0, 0, version=p.version)
        for p in BranchPost.select().where(BranchPost.selection == selection).order_by(BranchPost.sort_order, BranchPost.id)
    }
    for post_id, kind, count in (
        PostApplication.select(PostApplication.post, PostApplication.kind, fn.COUNT(PostApplication.id))
        .where(PostApplication.post.in_(list(posts)) & (PostApplication.withdrawn == False))  # noqa: E712
        .group_by(PostApplication.post, PostApplication.kind).tuples()
    ):  # fmt: skip
        if kind == labels.APPLIED:
            posts[post_id].applications = count
        else:
            posts[post_id].nominations = count
    for c in list_candidates(selection.id):
        posts[c.post_id].candidates.append(c)
    return list(posts.values())


def list_candidates(selection_id: int) -> list[CandidateRow]:
    query = (
        PostCandidate.select(PostCandidate, BranchPost.name.alias("post_name"), Member.name.alias("member_name"))
        .join(BranchPost).switch(PostCandidate).join(Member)
        .where(BranchPost.selection == selection_id)
        .order_by(BranchPost.sort_order, BranchPost.id, PostCandidate.sort_order, PostCandidate.id)
    )  # fmt: skip
    return [
        CandidateRow(r["id"], r["post"], r["post_name"], r["member"], r["member_name"], r["sort_order"], r["votes"], r["outcome"])
        for r in query.dicts()
    ]


def list_applications(branch_id: int, year: int, include_withdrawn: bool = False) -> list[ApplicationRow]:
    query = (
        PostApplication.select(PostApplication, BranchPost.name.alias("post_name"), Member.name.alias("member_name"))
        .join(BranchPost).join(PostSelection).switch(PostApplication).join(Member)
        .where((PostSelection.branch == branch_id) & (PostSelection.year == year))
        .order_by(BranchPost.sort_order, BranchPost.id, PostApplication.made_on, PostApplication.id)
    )  # fmt: skip
    if not include_withdrawn:
        query = query.where(PostApplication.withdrawn == False)  # noqa: E712
    return [
        ApplicationRow(r["id"], r["post"], r["post_name"], r["member"], r["member_name"], r["kind"], r["reason"],
                       r["nominated_by"], r["nominator_kind"], r["made_on"])  # fmt: skip
        for r in query.dicts()
    ]


def selection_years(around: int | None = None) -> list[int]:
    """Years that have a selection, plus this year and the next (for the year choice)."""
    this = around or dt.date.today().year
    years = {y for (y,) in PostSelection.select(PostSelection.year).distinct().tuples()}
    return sorted(years | {this, this + 1})
