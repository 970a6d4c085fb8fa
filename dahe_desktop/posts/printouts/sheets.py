"""What the posts printouts print, read once from the store as plain values (so a render
on a worker thread only draws), and the faces they use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dahe_desktop import labels as common
from dahe_desktop.posts import labels
from dahe_desktop.posts.rules import PostsError
from dahe_desktop.posts.selection import find_selection, list_applications, list_posts
from dahe_desktop.posts.service import list_appointments
from dahe_desktop.printing import fonts
from db.models import Branch, Member


@dataclass
class BallotPost:
    name: str
    seats: int
    candidates: list[tuple[str, str]]  # (name, how proposed: 自己申报 / 群众提名 / both)


@dataclass
class BallotSheet:
    """A branch's vote: the posts with their candidates, and how many ballots to issue."""

    branch_name: str
    year: int
    fixed_on: dt.date
    posts: list[BallotPost]
    member_ballots: int
    rep_ballots: int

    def texts(self) -> str:
        return self.branch_name + "".join(p.name + "".join(n + s for n, s in p.candidates) for p in self.posts)


@dataclass
class HolderLine:
    """One post holder as posted and carded: no category, no health or hardship."""

    appointment_id: int
    member_id: int
    name: str
    branch_name: str
    post_name: str
    duties: list[str]
    targets: list[str]
    appointed_on: dt.date
    year: int

    def texts(self) -> str:
        return self.name + self.branch_name + self.post_name + "".join(self.duties + self.targets)


@dataclass
class HolderSheet:
    branch_name: str
    year: int
    holders: list[HolderLine] = field(default_factory=list)


DEFAULT_REP_BALLOTS = 20  # villager representatives: the branch says how many come


def member_voters(branch_id: int) -> int:
    """Members who vote: the branch's active members, those away excepted."""
    return (
        Member.select()
        .where((Member.branch == branch_id) & (Member.status == common.STATUS_ACTIVE)
               & (Member.category != labels.CATEGORY_AWAY)).count()
    )  # fmt: skip


def ballot_sheet(branch_id: int, year: int, member_ballots: int | None = None,
                 rep_ballots: int = DEFAULT_REP_BALLOTS) -> BallotSheet:  # fmt: skip
    """The ballot of a branch's vote; refused until the candidates are fixed (差额)."""
    branch = Branch.get_or_none(Branch.id == branch_id)
    selection = find_selection(branch_id, year)
    if branch is None or selection is None or selection.candidates_fixed_on is None:
        name = branch.name if branch else "所选支部"
        raise PostsError(f"{name}{year}年的候选人还没有差额确定，不能印制选票")
    members = member_voters(branch_id) if member_ballots is None else member_ballots
    if members < 0 or rep_ballots < 0 or members + rep_ballots == 0:
        raise PostsError("选票张数应为正整数（党员和群众代表至少一张）")
    kinds: dict[tuple[int, int], set[str]] = {}
    for a in list_applications(branch_id, year):
        kinds.setdefault((a.post_id, a.member_id), set()).add(a.kind)
    posts = [
        BallotPost(p.name, p.seats, [
            (c.member_name, "、".join(k for k in labels.APPLICATION_KINDS if k in kinds.get((p.id, c.member_id), ())))
            for c in p.candidates
        ])
        for p in list_posts(branch_id, year)
    ]  # fmt: skip
    return BallotSheet(branch.name, year, selection.candidates_fixed_on, posts, members, rep_ballots)


def holder_lines(year: int, branch_id: int | None = None) -> list[HolderLine]:
    """Post holders (on post) of a year, in branch and post order."""
    return [
        HolderLine(a.id, a.member_id, a.member_name, a.branch_name, a.post_name, a.duties.splitlines(),
                   a.targets.splitlines(), a.appointed_on, a.year)
        for a in list_appointments(year, branch_id)
    ]  # fmt: skip


def holder_sheet(branch_id: int, year: int) -> HolderSheet:
    branch = Branch.get_by_id(branch_id)
    return HolderSheet(branch.name, year, holder_lines(year, branch_id))


def checked_chains(items: list[tuple[str, str]]) -> tuple[fonts.FontChain, fonts.FontChain]:
    """The title and body (Song) chains by role, once every character is printable (else
    MissingGlyphsError naming whose text it is)."""
    title, body = fonts.role_chain(fonts.TITLE), fonts.role_chain(fonts.SONG)
    fonts.check_printable(items, body)
    fonts.check_printable(items, title)
    return title, body
