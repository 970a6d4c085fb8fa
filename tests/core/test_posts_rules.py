"""The selection's rules on plain data: 差额, one entry's sums, two entries compared, the tally."""

import datetime as dt

from dahe_desktop.posts import labels
from dahe_desktop.posts.records import BallotInput, CandidateVotes
from dahe_desktop.posts.rules import (
    BallotCandidate,
    compare_entries,
    entry_problems,
    margin_problem,
    tally_post,
)

DAY = dt.date(2026, 3, 10)
CANDIDATES = [
    BallotCandidate(1, 10, "草原管护岗", 1, "卓玛"),
    BallotCandidate(2, 10, "草原管护岗", 1, "多杰"),
]


def entry(**overrides) -> BallotInput:
    values = dict(entered_by="张文书", voted_on=DAY, member_voters=8, rep_voters=12, invalid=1, blank=1,
                  votes=[CandidateVotes(1, 6, 7), CandidateVotes(2, 2, 3)])  # fmt: skip
    values.update(overrides)
    return BallotInput(**values)


def test_margin_needs_more_candidates_than_seats_and_names_the_post():
    assert margin_problem("草原管护岗", 2, 3) is None
    message = margin_problem("草原管护岗", 2, 2)
    assert "草原管护岗" in message and "至少确定3名候选人" in message
    assert margin_problem("村务监督岗", 1, 0) is not None


def test_an_entry_whose_sums_cannot_be_is_refused_line_by_line():
    assert entry_problems(entry(), CANDIDATES, 1) == []
    lines = entry_problems(entry(votes=[CandidateVotes(1, 9, 8)], entered_by=""), CANDIDATES, 1)
    assert "第1次录入：请填写录入人" in lines
    assert any("卓玛的党员票（9）多于党员投票人数（8）" in x for x in lines)
    assert any("多杰的得票未录入" in x for x in lines)
    too_many = entry(votes=[CandidateVotes(1, 8, 12), CandidateVotes(2, 8, 12)])
    assert any("得票合计（40）超过可能的最大数" in x for x in entry_problems(too_many, CANDIDATES, 2))


def test_two_entries_that_differ_list_every_difference():
    assert compare_entries(entry(), entry(), CANDIDATES) == []
    other = entry(invalid=2, votes=[CandidateVotes(1, 6, 9), CandidateVotes(2, 2, 3)], entered_by="李书记")
    lines = compare_entries(entry(), other, CANDIDATES)
    assert lines == ["无效票：第一次1，第二次2", "草原管护岗候选人卓玛的群众代表票：第一次7，第二次9"]


def test_tally_elects_by_majority_of_valid_ballots_then_most_votes():
    # 19 valid ballots: 10 votes are needed
    result = tally_post(10, "经济发展岗", 2, 19, [(1, "甲", 15), (2, "乙", 10), (3, "丙", 12), (4, "丁", 9)])
    assert result.needed == 10
    assert [r.name for r in result.elected] == ["甲", "丙"]
    assert {r.name: r.outcome for r in result.results}["乙"] == labels.NOT_ELECTED


def test_tally_leaves_a_seat_empty_when_too_few_pass_half():
    result = tally_post(10, "经济发展岗", 2, 20, [(1, "甲", 11), (2, "乙", 10), (3, "丙", 9)])
    assert [r.name for r in result.elected] == ["甲"]  # 10 of 20 is not more than half


def test_a_tie_at_the_last_seat_is_left_for_the_branch_and_then_settled():
    votes = [(1, "甲", 15), (2, "乙", 12), (3, "丙", 12), (4, "丁", 3)]
    open_tie = tally_post(10, "经济发展岗", 2, 19, votes)
    assert [r.name for r in open_tie.elected] == ["甲"]
    assert [r.name for r in open_tie.tied] == ["乙", "丙"] and open_tie.tied_for == 1
    settled = tally_post(10, "经济发展岗", 2, 19, votes, chosen=[1, 3])
    assert [r.name for r in settled.elected] == ["甲", "丙"] and settled.tied == []


def test_equal_votes_that_all_fit_the_seats_are_no_tie():
    result = tally_post(10, "经济发展岗", 2, 19, [(1, "甲", 12), (2, "乙", 12), (3, "丙", 5)])
    assert [r.name for r in result.elected] == ["甲", "乙"] and result.tied == []
