"""The rules of the selection as plain functions over plain data (no database):
差额 (more candidates than seats), the ballot entry's own sums, the comparison of the two
entries, and the tally (labels.TALLY_RULE says it in words)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dahe_desktop.errors import UserError
from dahe_desktop.posts import labels
from dahe_desktop.posts.records import BallotInput, CandidateResult, PostResult

MAX_SEATS = 50
DUTY_MAX = 200  # characters of one duty log entry


class PostsError(UserError):
    """A step of 设岗定责 was refused; each line names the post, member or field."""


def margin_problem(post_name: str, seats: int, candidates: int) -> str | None:
    """差额: a post needs more candidates than seats (seed: 支部差额确定候选人)."""
    if candidates > seats:
        return None
    return (f"{post_name}有{seats}个名额，候选人只有{candidates}名：须差额确定候选人，"
            f"请至少确定{seats + 1}名候选人或减少名额")  # fmt: skip


@dataclass(frozen=True)
class BallotCandidate:
    """What an entry is checked against: one candidate of the vote."""

    candidate_id: int
    post_id: int
    post_name: str
    seats: int
    name: str


def valid_ballots(entry: BallotInput) -> int:
    return entry.member_voters + entry.rep_voters - entry.invalid


def entry_problems(entry: BallotInput, candidates: Sequence[BallotCandidate], round_no: int) -> list[str]:
    """What is wrong with one entry on its own: counts that cannot be, a candidate
    missing or foreign, more marks for a post than its valid ballots allow."""
    what = f"第{round_no}次录入"
    lines = []
    if not entry.entered_by.strip():
        lines.append(f"{what}：请填写录入人")
    for label, value in (("党员投票人数", entry.member_voters), ("群众代表投票人数", entry.rep_voters),
                         ("无效票", entry.invalid), ("空白票", entry.blank)):  # fmt: skip
        if value < 0:
            lines.append(f"{what}：{label}不能为负数")
    if entry.member_voters + entry.rep_voters <= 0:
        lines.append(f"{what}：收回选票为0，请填写党员和群众代表的投票人数")
    valid = valid_ballots(entry)
    if entry.invalid > entry.member_voters + entry.rep_voters:
        lines.append(f"{what}：无效票（{entry.invalid}）多于收回的选票（{entry.member_voters + entry.rep_voters}）")
    elif entry.blank > valid:
        lines.append(f"{what}：空白票（{entry.blank}）多于有效票（{valid}）")
    given = entry.by_candidate()
    known = {c.candidate_id for c in candidates}
    if extra := set(given) - known:
        lines.append(f"{what}：有{len(extra)}个不在候选人名单上的得票，请重新打开录入")
    marked = max(valid - entry.blank, 0)  # ballots that may mark someone
    per_post: dict[int, int] = {}
    for c in candidates:
        v = given.get(c.candidate_id)
        if v is None:
            lines.append(f"{what}：{c.post_name}候选人{c.name}的得票未录入")
            continue
        if v.member_votes < 0 or v.rep_votes < 0:
            lines.append(f"{what}：{c.post_name}候选人{c.name}的得票不能为负数")
        if v.member_votes > entry.member_voters:
            lines.append(f"{what}：{c.post_name}候选人{c.name}的党员票（{v.member_votes}）多于党员投票人数（{entry.member_voters}）")
        if v.rep_votes > entry.rep_voters:
            lines.append(f"{what}：{c.post_name}候选人{c.name}的群众代表票（{v.rep_votes}）多于群众代表投票人数（{entry.rep_voters}）")
        per_post[c.post_id] = per_post.get(c.post_id, 0) + v.member_votes + v.rep_votes
    for c in {c.post_id: c for c in candidates}.values():
        # each marked ballot names at most `seats` candidates of a post
        if per_post.get(c.post_id, 0) > marked * c.seats:
            lines.append(f"{what}：{c.post_name}的得票合计（{per_post[c.post_id]}）超过可能的最大数"
                         f"（有效非空白票{marked}张×名额{c.seats}），请核对")  # fmt: skip
    return lines


def compare_entries(first: BallotInput, second: BallotInput, candidates: Sequence[BallotCandidate]) -> list[str]:
    """Every difference between the two entries, one line each, for the branch to settle
    before the tally counts."""
    lines = []
    for label, a, b in (("投票日期", first.voted_on, second.voted_on),
                        ("党员投票人数", first.member_voters, second.member_voters),
                        ("群众代表投票人数", first.rep_voters, second.rep_voters),
                        ("无效票", first.invalid, second.invalid), ("空白票", first.blank, second.blank)):  # fmt: skip
        if a != b:
            lines.append(f"{label}：第一次{a}，第二次{b}")
    one, two = first.by_candidate(), second.by_candidate()
    for c in candidates:
        a, b = one.get(c.candidate_id), two.get(c.candidate_id)
        for label, x, y in (("党员票", a and a.member_votes, b and b.member_votes),
                            ("群众代表票", a and a.rep_votes, b and b.rep_votes)):  # fmt: skip
            if x != y:
                lines.append(f"{c.post_name}候选人{c.name}的{label}：第一次{_shown(x)}，第二次{_shown(y)}")
    return lines


def _shown(value: int | None) -> str:
    return "未录入" if value is None else str(value)


def tally_post(post_id: int, post_name: str, seats: int, valid: int,
               votes: Sequence[tuple[int, str, int]], chosen: Sequence[int] | None = None) -> PostResult:
    """Seats filled by votes (labels.TALLY_RULE): more than half the valid ballots, then
    most votes. Candidates tied at the last seat beyond the seats are TIED, unless the
    branch has chosen among them (`chosen` holds those it chose: they are elected)."""
    needed = valid // 2 + 1
    ranked = sorted(votes, key=lambda v: (-v[2], v[0]))
    passing = [v for v in ranked if v[2] >= needed]
    elected: set[int] = set()
    tied: set[int] = set()
    tied_for = 0
    if len(passing) <= seats:
        elected = {v[0] for v in passing}
    else:
        boundary = passing[seats - 1][2]
        above = [v for v in passing if v[2] > boundary]
        level = [v for v in passing if v[2] == boundary]
        elected = {v[0] for v in above}
        tied_for = seats - len(above)
        if len(level) == tied_for:
            elected |= {v[0] for v in level}
            tied_for = 0
        elif chosen is not None and len(picked := set(chosen) & {v[0] for v in level}) == tied_for:
            elected |= picked
        else:
            tied = {v[0] for v in level}
    results = []
    for cid, name, n in ranked:
        outcome = labels.ELECTED if cid in elected else labels.TIED if cid in tied else labels.NOT_ELECTED
        results.append(CandidateResult(cid, name, n, outcome))
    return PostResult(post_id, post_name, seats, valid, needed, results, tied_for if tied else 0)
