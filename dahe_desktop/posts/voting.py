"""The vote: the counted ballots entered twice and compared (four-eyes rule), the tally
by the stated rule (labels.TALLY_RULE) and ties settled by the branch."""

from __future__ import annotations

import datetime as dt

from dahe_desktop.posts import history, labels
from dahe_desktop.posts.records import BallotInput, CandidateVotes, PostResult
from dahe_desktop.posts.rules import (
    BallotCandidate,
    PostsError,
    compare_entries,
    entry_problems,
    tally_post,
    valid_ballots,
)
from dahe_desktop.posts.selection import find_selection
from dahe_desktop.textnorm import clean_prose, clean_text
from db import audit, bulk_insert, changes, writing
from db.models import Member
from db.models.posts import (
    BallotCount,
    BallotEntry,
    BranchPost,
    PostCandidate,
    PostSelection,
    TieDecision,
)

ROUNDS = (1, 2)


def _selection(branch_id: int, year: int) -> PostSelection:
    selection = find_selection(branch_id, year)
    if selection is None:
        raise PostsError(f"{year}年还没有开设岗位")
    return selection


def ballot_candidates(selection_id: int) -> list[BallotCandidate]:
    """The candidates on the ballot, in ballot order."""
    query = (
        PostCandidate.select(PostCandidate.id, BranchPost.id, BranchPost.name, BranchPost.seats, Member.name)
        .join(BranchPost).switch(PostCandidate).join(Member)
        .where(BranchPost.selection == selection_id)
        .order_by(BranchPost.sort_order, BranchPost.id, PostCandidate.sort_order, PostCandidate.id)
    )  # fmt: skip
    return [BallotCandidate(*row) for row in query.tuples()]


def save_ballot_entry(branch_id: int, year: int, round_no: int, entry: BallotInput) -> None:
    """Save the first or the second entry of the counted ballots (replacing that entry)."""
    selection = _selection(branch_id, year)
    if round_no not in ROUNDS:
        raise ValueError(f"round {round_no}")
    if selection.candidates_fixed_on is None:
        raise PostsError("候选人还没有确定，不能录入选票")
    if selection.tallied_on is not None:
        raise PostsError(f"已于{selection.tallied_on}计票，不能再修改选票录入")
    candidates = ballot_candidates(selection.id)
    entry = BallotInput(clean_text(entry.entered_by), entry.voted_on, entry.member_voters, entry.rep_voters,
                        entry.invalid, entry.blank, entry.votes)  # fmt: skip
    lines = entry_problems(entry, candidates, round_no)
    if entry.voted_on < selection.candidates_fixed_on:
        lines.append(f"第{round_no}次录入：投票日期早于确定候选人的日期（{selection.candidates_fixed_on}）")
    if lines:
        raise PostsError(lines)
    known = {c.candidate_id for c in candidates}
    with writing(changes.POST_SELECTIONS):
        before = ballot_entry(selection.id, round_no)
        BallotEntry.delete().where((BallotEntry.selection == selection) & (BallotEntry.round == round_no)).execute()
        entry_id = BallotEntry.insert(
            selection=selection, round=round_no, entered_by=entry.entered_by, voted_on=entry.voted_on,
            member_voters=entry.member_voters, rep_voters=entry.rep_voters, invalid=entry.invalid, blank=entry.blank,
        ).execute()  # fmt: skip
        bulk_insert(BallotCount, [
            dict(entry=entry_id, candidate=v.candidate_id, member_votes=v.member_votes, rep_votes=v.rep_votes)
            for v in entry.votes if v.candidate_id in known
        ])  # fmt: skip
        _log_entry(selection.id, round_no, before, entry, known)


def _entry_values(entry: BallotInput | None) -> dict:
    return {f: getattr(entry, f) if entry else None for f in history.ENTRY_FIELDS}


def _log_entry(selection_id: int, round_no: int, before: BallotInput | None, after: BallotInput,
               known: set[int]) -> None:  # fmt: skip
    """Inside the write: every figure of the entry and every candidate's votes that
    changed (the first entry logs them all, from blank)."""
    label = history.entry_label(selection_id, round_no)
    audit.changed("ballot_entry", label, _entry_values(before), _entry_values(after))
    old, new = (before.by_candidate() if before else {}), after.by_candidate()
    names = history.candidate_labels(selection_id, prefix=label)

    def counts(v: CandidateVotes | None) -> dict:
        return {f: getattr(v, f) if v else None for f in history.COUNT_FIELDS}

    audit.changed_many("ballot_count", [
        (names[c], counts(old.get(c)), counts(new.get(c)))
        for c in sorted(known & (set(old) | set(new)))
    ])  # fmt: skip


def ballot_entry(selection_id: int, round_no: int) -> BallotInput | None:
    """One entry as saved, or None."""
    e = BallotEntry.get_or_none((BallotEntry.selection == selection_id) & (BallotEntry.round == round_no))
    if e is None:
        return None
    votes = [CandidateVotes(c, m, r) for c, m, r in
             BallotCount.select(BallotCount.candidate, BallotCount.member_votes, BallotCount.rep_votes)
             .where(BallotCount.entry == e.id).tuples()]  # fmt: skip
    return BallotInput(e.entered_by, e.voted_on, e.member_voters, e.rep_voters, e.invalid, e.blank, votes)


def entry_differences(selection_id: int) -> list[str] | None:
    """The differences between the two entries; None while one of them is missing."""
    first, second = ballot_entry(selection_id, 1), ballot_entry(selection_id, 2)
    if first is None or second is None:
        return None
    return compare_entries(first, second, ballot_candidates(selection_id))


def post_results(selection_id: int) -> list[PostResult]:
    """The tally of the agreed entries (the first), with the ties the branch settled."""
    entry = ballot_entry(selection_id, 1)
    if entry is None:
        return []
    valid = valid_ballots(entry)
    votes = entry.by_candidate()
    chosen = _chosen(selection_id)
    by_post: dict[int, tuple[str, int, list[tuple[int, str, int]]]] = {}
    for c in ballot_candidates(selection_id):
        v = votes.get(c.candidate_id)
        total = (v.member_votes + v.rep_votes) if v else 0
        by_post.setdefault(c.post_id, (c.post_name, c.seats, []))[2].append((c.candidate_id, c.name, total))
    return [
        tally_post(post_id, name, seats, valid, lines, chosen.get(post_id))
        for post_id, (name, seats, lines) in by_post.items()
    ]


def _chosen(selection_id: int) -> dict[int, list[int]]:
    """Ties the branch settled: post id -> the candidates it chose."""
    out: dict[int, list[int]] = {}
    for post_id, candidate_id in (
        PostCandidate.select(PostCandidate.post, PostCandidate.id).join(BranchPost)
        .where((BranchPost.selection == selection_id) & (PostCandidate.outcome == labels.ELECTED)
               & BranchPost.id.in_(TieDecision.select(TieDecision.post))).tuples()
    ):  # fmt: skip
        out.setdefault(post_id, []).append(candidate_id)
    return out


def tally(branch_id: int, year: int, on: dt.date) -> list[PostResult]:
    """Count the vote: both entries must be there and agree; the outcome of every
    candidate is recorded with the date. Ties are left for `settle_tie`."""
    selection = _selection(branch_id, year)
    if selection.tallied_on is not None:
        raise PostsError(f"已于{selection.tallied_on}计票")
    differences = entry_differences(selection.id)
    if differences is None:
        raise PostsError(["选票须录入两次、两次一致后才能计票：" + ("第二次录入还没有做" if ballot_entry(selection.id, 1) else "还没有录入选票")])
    if differences:
        raise PostsError(["两次录入不一致，请核对选票、更正后再计票：", *differences])
    if on < ballot_entry(selection.id, 1).voted_on:
        raise PostsError("计票日期早于投票日期")
    results = post_results(selection.id)
    with writing(changes.POST_SELECTIONS):
        before = {c.id: c for c in PostCandidate.select().join(BranchPost).where(BranchPost.selection == selection.id)}
        names = history.candidate_labels(selection.id)
        logged = []
        for post in results:
            for r in post.results:
                PostCandidate.update(votes=r.votes, outcome=r.outcome).where(PostCandidate.id == r.candidate_id).execute()
                old = before[r.candidate_id]
                logged.append((names[r.candidate_id], {"votes": old.votes, "outcome": old.outcome},
                               {"votes": r.votes, "outcome": r.outcome}))  # fmt: skip
        PostSelection.update(tallied_on=on).where(PostSelection.id == selection.id).execute()
        audit.changed_many("post_candidate", logged)
        audit.changed("post_selection", history.selection_label(selection.id), {"tallied_on": None}, {"tallied_on": on})
    return results


def settle_tie(post_id: int, chosen_member_ids: list[int], how: str, on: dt.date) -> None:
    """The branch settles a tie for a post's last seat(s): exactly as many of the tied
    candidates as there are seats left, and how it decided; recorded with the date."""
    post = BranchPost.get_or_none(BranchPost.id == post_id)
    if post is None:
        raise PostsError("所选岗位不存在")
    tied = list(
        PostCandidate.select(PostCandidate, Member.name.alias("member_name")).join(Member)
        .where((PostCandidate.post == post_id) & (PostCandidate.outcome == labels.TIED))
        .order_by(PostCandidate.sort_order, PostCandidate.id).dicts()
    )  # fmt: skip
    if not tied:
        raise PostsError(f"{post.name}没有待决定的并列候选人")
    result = next(r for r in post_results(post.selection_id) if r.post_id == post_id)
    chosen = [t for t in tied if t["member"] in set(chosen_member_ids)]
    lines = []
    if len(chosen) != result.tied_for or len(set(chosen_member_ids)) != len(chosen):
        names = "、".join(t["member_name"] for t in tied)
        lines.append(f"{post.name}的并列候选人（{names}）争{result.tied_for}个名额：请从中选定{result.tied_for}名")
    if not clean_prose(how):
        lines.append(f"请写明{post.name}并列的决定方式（如支委会研究决定、对并列候选人再次投票）")
    if lines:
        raise PostsError(lines)
    chosen_ids = {t["id"] for t in chosen}
    with writing(changes.POST_SELECTIONS):
        names = history.candidate_labels(post.selection_id)
        audit.changed("tie_decision", f"{history.selection_label(post.selection_id)}·{post.name}",
                      {"chosen": None, "how": None, "decided_on": None},
                      {"chosen": "、".join(t["member_name"] for t in chosen), "how": clean_prose(how), "decided_on": on})
        audit.changed_many("post_candidate", [
            (names[t["id"]], {"outcome": t["outcome"]},
             {"outcome": labels.ELECTED if t["id"] in chosen_ids else labels.NOT_ELECTED}) for t in tied
        ])  # fmt: skip
        TieDecision.insert(
            post=post_id, tied="、".join(t["member_name"] for t in tied),
            chosen="、".join(t["member_name"] for t in chosen), how=clean_prose(how), decided_on=on,
        ).execute()  # fmt: skip
        for t in tied:
            outcome = labels.ELECTED if t["id"] in chosen_ids else labels.NOT_ELECTED
            PostCandidate.update(outcome=outcome).where(PostCandidate.id == t["id"]).execute()


def tie_decisions(selection_id: int) -> list[tuple[str, str, str, str, dt.date]]:
    """(post, tied, chosen, how, date) of every tie the branch settled."""
    return list(
        TieDecision.select(BranchPost.name, TieDecision.tied, TieDecision.chosen, TieDecision.how, TieDecision.decided_on)
        .join(BranchPost).where(BranchPost.selection == selection_id).order_by(TieDecision.id).tuples()
    )  # fmt: skip
