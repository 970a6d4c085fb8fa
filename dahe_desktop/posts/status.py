"""Where a branch's selection stands (the step view) and who holds a post (coverage)."""

from __future__ import annotations

from peewee import fn

from dahe_desktop.posts import labels
from dahe_desktop.posts.appointments import active_branch_members
from dahe_desktop.posts.records import Coverage, CoverageRow, SelectionStatus, StepState
from dahe_desktop.posts.rules import margin_problem
from dahe_desktop.posts.selection import find_selection, list_posts
from dahe_desktop.posts.voting import ballot_entry, entry_differences
from db.models import Branch, Member
from db.models.posts import BranchPost, PostApplication, PostAppointment, PostCandidate


def selection_status(branch_id: int, year: int) -> SelectionStatus:
    """Each step with its date and state, and what is still missing, one line each."""
    branch = Branch.get_by_id(branch_id)
    selection = find_selection(branch_id, year)
    steps: list[StepState] = []
    missing: list[str] = []
    if selection is None:
        missing.append(f"{year}年还没有开设岗位")
        return SelectionStatus(branch_id, branch.name, year, None, [StepState(t, False, None, "") for t in labels.STEPS], missing)
    posts = list_posts(branch_id, year)
    seats = sum(p.seats for p in posts)
    opened = BranchPost.select(fn.MIN(BranchPost.opened_on)).where(BranchPost.selection == selection).scalar()
    steps.append(StepState(labels.STEPS[0], bool(posts), opened, f"{len(posts)}个岗位，{seats}个名额"))
    if not posts:
        missing.append("还没有开设岗位")
    applied = sum(p.applications for p in posts)
    nominated = sum(p.nominations for p in posts)
    last_made = max((a.made_on for a in PostApplication.select(PostApplication.made_on).join(BranchPost)
                     .where(BranchPost.selection == selection)), default=None)  # fmt: skip
    steps.append(StepState(labels.STEPS[1], applied + nominated > 0, last_made, f"自己申报{applied}人次，群众提名{nominated}人次"))
    candidates = sum(len(p.candidates) for p in posts)
    fixed = selection.candidates_fixed_on
    steps.append(StepState(labels.STEPS[2], fixed is not None, fixed, f"候选人{candidates}名"))
    if fixed is None:
        short = [m for p in posts if (m := margin_problem(p.name, p.seats, len(p.candidates)))]
        missing += short or (["每个岗位的候选人都已多于名额，请支部确定候选人"] if posts else [])
    first, second = ballot_entry(selection.id, 1), ballot_entry(selection.id, 2)
    differences = entry_differences(selection.id)
    agreed = differences == []
    detail = "、".join(f"第{n}次（{e.entered_by}）" for n, e in ((1, first), (2, second)) if e) or "未录入"
    steps.append(StepState(labels.STEPS[3], agreed, first.voted_on if first else None, detail + ("，一致" if agreed else "")))
    if fixed is not None and not agreed:
        if first is None and second is None:
            missing.append("选票还没有录入")
        elif differences is None:
            missing.append(f"选票只录入了一次，还须第{2 if first else 1}次录入")
        else:
            missing.append(f"两次录入有{len(differences)}处不一致，请核对选票后更正")
    tied = list(
        PostCandidate.select(BranchPost.name, Member.name).join(BranchPost).switch(PostCandidate).join(Member)
        .where((BranchPost.selection == selection) & (PostCandidate.outcome == labels.TIED))
        .order_by(BranchPost.sort_order, BranchPost.id, PostCandidate.sort_order, PostCandidate.id).tuples()
    )  # fmt: skip
    tallied = selection.tallied_on
    elected = sum(1 for p in posts for c in p.candidates if c.outcome == labels.ELECTED)
    steps.append(StepState(labels.STEPS[4], tallied is not None and not tied, tallied, f"当选{elected}名" if tallied else ""))
    if tallied is None and agreed:
        missing.append("两次录入一致，可以计票")
    for post in dict.fromkeys(p for p, _ in tied):
        names = "、".join(n for q, n in tied if q == post)
        missing.append(f"{post}候选人{names}得票相同，超出名额，请支部决定")
    holders = PostAppointment.select().join(BranchPost).where(
        (BranchPost.selection == selection) & (PostAppointment.status == labels.ON_POST)
    ).count()
    steps.append(StepState(labels.STEPS[5], selection.appointed_on is not None, selection.appointed_on, f"在岗{holders}名"))
    if selection.appointed_on is not None:
        gaps = coverage(branch_id, year).of(labels.NO_POST)
        if gaps:
            missing.append(f"{len(gaps)}名党员未定岗：{'、'.join(g.member_name for g in gaps)}")
    elif tallied is not None and not tied:
        missing.append("计票完成，请确定岗位")
    return SelectionStatus(branch_id, branch.name, year, selection.id, steps, missing, tallied is not None)


def coverage(branch_id: int, year: int) -> Coverage:
    """Every active member of the branch: holds a post; holds an office (有职党员, listed
    apart); away or old and sick without having asked for a post (not required); or
    without a post, and why (seed: 为每名有活动能力的党员确定岗位)."""
    branch = Branch.get_by_id(branch_id)
    selection = find_selection(branch_id, year)
    held: dict[int, list[str]] = {}
    asked: dict[int, list[tuple[str, str]]] = {}
    standing: dict[int, tuple[str, str]] = {}
    if selection is not None:
        for member_id, post in (
            PostAppointment.select(PostAppointment.member, BranchPost.name).join(BranchPost)
            .where((BranchPost.selection == selection) & (PostAppointment.status == labels.ON_POST))
            .order_by(BranchPost.sort_order, BranchPost.id, PostAppointment.id).tuples()
        ):  # fmt: skip
            held.setdefault(member_id, []).append(post)
        for member_id, post, kind in (
            PostApplication.select(PostApplication.member, BranchPost.name, PostApplication.kind).join(BranchPost)
            .where((BranchPost.selection == selection) & (PostApplication.withdrawn == False))  # noqa: E712
            .order_by(BranchPost.sort_order, BranchPost.id, PostApplication.id).tuples()
        ):  # fmt: skip
            asked.setdefault(member_id, []).append((post, kind))
        for member_id, post, outcome in (
            PostCandidate.select(PostCandidate.member, BranchPost.name, PostCandidate.outcome).join(BranchPost)
            .where(BranchPost.selection == selection)
            .order_by(BranchPost.sort_order, BranchPost.id, PostCandidate.id).tuples()
        ):  # fmt: skip
            standing[member_id] = (post, outcome)
    rows = []
    for member_id, name, category, position in active_branch_members(branch_id):
        posts = "、".join(held.get(member_id, []))
        wished = any(kind == labels.APPLIED for _, kind in asked.get(member_id, []))
        if category == labels.CATEGORY_OFFICE:
            status, why = labels.OFFICE_HOLDER, ""
        elif posts:
            status, why = labels.HOLDS_POST, ""
        elif category in labels.WISH_ONLY and not wished:
            status, why = labels.EXEMPT, f"{category}，本人未申报岗位"
        else:
            status, why = labels.NO_POST, _why_without(selection is not None, member_id, asked, standing)
        rows.append(CoverageRow(member_id, name, category, position, status, posts, why))
    # Those still without a post first, then the holders, then the office holders apart.
    order = {labels.NO_POST: 0, labels.HOLDS_POST: 1, labels.OFFICE_HOLDER: 2, labels.EXEMPT: 3}
    rows.sort(key=lambda r: order[r.status])
    return Coverage(branch_id, branch.name, year, rows)


def _why_without(opened: bool, member_id: int, asked: dict, standing: dict) -> str:
    if not opened:
        return "本年还没有开展设岗定责"
    if member_id in standing:
        post, outcome = standing[member_id]
        if outcome == labels.NOT_ELECTED:
            return f"{post}候选人，未当选，待支部调剂"
        return f"{post}候选人，{outcome or '待投票'}"
    if member_id in asked:
        posts = "、".join(dict.fromkeys(p for p, _ in asked[member_id]))
        return f"申报或被提名{posts}，未列为候选人"
    return "未申报、未被提名"


def township_overview(year: int) -> list[SelectionStatus]:
    """Every branch's selection status for the year, in branch order."""
    return [selection_status(b.id, year) for b in Branch.select().order_by(Branch.sort_order, Branch.id)]
