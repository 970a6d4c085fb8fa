"""设岗定责 through the service: the catalogue, the steps of a selection, the vote entered
twice, the tally and its ties, appointments, the duty log and coverage."""

import datetime as dt

import pytest

from dahe_desktop.posts import labels
from dahe_desktop.posts import service as posts
from dahe_desktop.posts.records import BallotInput, CandidateVotes, PostInput
from tests.helpers.posts import village_branch

YEAR = 2026
OPEN = dt.date(2026, 2, 10)
APPLY = dt.date(2026, 2, 20)
FIX = dt.date(2026, 3, 1)
VOTE = dt.date(2026, 3, 8)


@pytest.fixture
def people(db):
    return village_branch()


def apply(post_id, member_id, kind=labels.APPLIED, **extra):
    return posts.add_application(post_id, member_id, kind, APPLY, **extra)


def opened(people, pastures_seats=1):
    """Two posts with applications; candidates set but not fixed."""
    b = people["branch"]
    grass = posts.open_post(b, YEAR, PostInput("草原管护岗", pastures_seats, opened_on=OPEN))
    econ = posts.open_post(b, YEAR, PostInput("经济发展岗", 2, opened_on=OPEN))
    for name in ("卓玛", "多杰"):
        apply(grass, people[name], reason="家在夏季牧场")
    apply(grass, people["才吉"])  # old and sick, applied herself
    for name in ("拉毛", "尼玛", "桑吉"):
        apply(econ, people[name], labels.NOMINATED, nominated_by="一社群众", nominator_kind=labels.NOMINATOR_GROUP)
    posts.set_candidates(grass, [people["卓玛"], people["多杰"], people["才吉"]])
    posts.set_candidates(econ, [people["拉毛"], people["尼玛"], people["桑吉"]])
    return grass, econ


def ballots(people, votes: dict[str, tuple[int, int]], by="张文书", invalid=1):
    selection = posts.find_selection(people["branch"], YEAR)
    ids = {c.name: c.candidate_id for c in posts.ballot_candidates(selection.id)}
    return BallotInput(by, VOTE, 8, 12, invalid, 0, [CandidateVotes(ids[n], m, r) for n, (m, r) in votes.items()])


VOTES = {"卓玛": (6, 9), "多杰": (2, 2), "才吉": (0, 0), "拉毛": (7, 10), "尼玛": (6, 8), "桑吉": (1, 2)}


def test_the_catalogue_is_seeded_once_from_the_defaults_and_editable(db):
    names = [e.name for e in posts.list_catalogue()]
    for wanted in ("经济发展岗", "村务监督岗", "技术信息服务岗", "环境卫生岗", "综合治理岗", "政策宣传岗",
                   "矛盾调解岗", "民族团结岗", "草原管护岗", "帮扶济困岗", "治安巡逻岗", "文化宣传岗"):  # fmt: skip
        assert wanted in names
    assert all(e.duties and e.targets for e in posts.list_catalogue())
    grass = next(e for e in posts.list_catalogue() if e.name == "草原管护岗")
    grass.duties = "巡查冬春草场"
    posts.save_catalogue_entry(grass)
    assert next(e for e in posts.list_catalogue() if e.name == "草原管护岗").duties == "巡查冬春草场"
    assert len(posts.list_catalogue()) == len(names)
    with pytest.raises(posts.PostsError, match="已有“经济发展岗”"):
        posts.save_catalogue_entry(posts.CatalogueEntry(None, "经济发展岗", "", ""))


def test_an_opened_post_takes_the_catalogue_duties_and_refuses_a_second_of_the_same_name(people):
    post_id = posts.open_post(people["branch"], YEAR, PostInput("村务监督岗", 1, opened_on=OPEN))
    (row,) = posts.list_posts(people["branch"], YEAR)
    assert row.id == post_id and "监督村务" in row.duties and row.targets
    with pytest.raises(posts.PostsError, match="已开设“村务监督岗”"):
        posts.open_post(people["branch"], YEAR, PostInput("村务监督岗", 2, opened_on=OPEN))


def test_candidates_not_more_than_seats_are_refused_naming_the_post(people):
    opened(people, pastures_seats=3)
    with pytest.raises(posts.PostsError) as refused:
        posts.fix_candidates(people["branch"], YEAR, FIX)
    assert refused.value.lines == ["草原管护岗有3个名额，候选人只有3名：须差额确定候选人，请至少确定4名候选人或减少名额"]
    assert posts.find_selection(people["branch"], YEAR).candidates_fixed_on is None


def test_a_candidate_must_have_applied_or_been_nominated_and_stands_once(people):
    grass, econ = opened(people)
    with pytest.raises(posts.PostsError, match="桑吉没有申报也没有被提名草原管护岗"):
        posts.set_candidates(grass, [people["卓玛"], people["桑吉"]])
    apply(grass, people["桑吉"])
    with pytest.raises(posts.PostsError, match="桑吉已是经济发展岗的候选人"):
        posts.set_candidates(grass, [people["卓玛"], people["桑吉"]])


def test_a_member_old_and_sick_stands_only_where_they_applied(people):
    grass, econ = opened(people)
    apply(econ, people["更登"], labels.NOMINATED, nominated_by="扎西", nominator_kind=labels.NOMINATOR_PERSON)
    with pytest.raises(posts.PostsError, match="更登是外出党员，须本人申报经济发展岗"):
        posts.set_candidates(econ, [people["拉毛"], people["尼玛"], people["桑吉"], people["更登"]])


def test_the_tally_waits_for_two_agreeing_entries(people):
    opened(people)
    b = people["branch"]
    posts.fix_candidates(b, YEAR, FIX)
    posts.save_ballot_entry(b, YEAR, 1, ballots(people, VOTES))
    with pytest.raises(posts.PostsError, match="第二次录入还没有做"):
        posts.tally(b, YEAR, VOTE)
    assert "选票只录入了一次，还须第2次录入" in posts.selection_status(b, YEAR).missing
    typo = dict(VOTES, 尼玛=(6, 7))
    posts.save_ballot_entry(b, YEAR, 2, ballots(people, typo, by="李书记"))
    with pytest.raises(posts.PostsError) as refused:
        posts.tally(b, YEAR, VOTE)
    assert refused.value.lines[1:] == ["经济发展岗候选人尼玛的群众代表票：第一次8，第二次7"]
    assert "两次录入有1处不一致，请核对选票后更正" in posts.selection_status(b, YEAR).missing
    posts.save_ballot_entry(b, YEAR, 2, ballots(people, VOTES, by="李书记"))
    results = {r.post_name: [c.name for c in r.elected] for r in posts.tally(b, YEAR, VOTE)}
    # 19 valid ballots: 10 needed
    assert results == {"草原管护岗": ["卓玛"], "经济发展岗": ["拉毛", "尼玛"]}
    with pytest.raises(posts.PostsError, match="不能再修改选票录入"):
        posts.save_ballot_entry(b, YEAR, 1, ballots(people, VOTES))


def finish_vote(people, votes):
    b = people["branch"]
    posts.fix_candidates(b, YEAR, FIX)
    posts.save_ballot_entry(b, YEAR, 1, ballots(people, votes))
    posts.save_ballot_entry(b, YEAR, 2, ballots(people, votes, by="李书记"))
    return posts.tally(b, YEAR, VOTE)


def test_a_tie_blocks_appointments_until_the_branch_settles_it(people):
    grass, econ = opened(people)
    b = people["branch"]
    finish_vote(people, dict(VOTES, 尼玛=(5, 6), 桑吉=(5, 6), 拉毛=(7, 9)))
    status = posts.selection_status(b, YEAR)
    assert "经济发展岗候选人尼玛、桑吉得票相同，超出名额，请支部决定" in status.missing
    with pytest.raises(posts.PostsError, match="请先由支部决定"):
        posts.appoint_elected(b, YEAR, VOTE)
    with pytest.raises(posts.PostsError, match="争1个名额：请从中选定1名"):
        posts.settle_tie(econ, [people["尼玛"], people["桑吉"]], "支委会研究决定", VOTE)
    posts.settle_tie(econ, [people["桑吉"]], "对并列候选人再次投票，桑吉得11票", VOTE)
    (decision,) = posts.tie_decisions(posts.find_selection(b, YEAR).id)
    assert decision[1:4] == ("尼玛、桑吉", "桑吉", "对并列候选人再次投票，桑吉得11票")
    assert posts.appoint_elected(b, YEAR, VOTE) == 3
    held = {(a.post_name, a.member_name) for a in posts.list_appointments(YEAR, b)}
    assert held == {("草原管护岗", "卓玛"), ("经济发展岗", "拉毛"), ("经济发展岗", "桑吉")}


def test_appointments_fill_the_seats_with_duties_and_coverage_says_who_is_left(people):
    grass, econ = opened(people)
    b = people["branch"]
    finish_vote(people, VOTES)
    posts.appoint_elected(b, YEAR, VOTE)
    rows = posts.list_appointments(YEAR, b)
    assert len([a for a in rows if a.post_name == "经济发展岗"]) == 2
    with pytest.raises(posts.PostsError, match="已于2026-03-08确定岗位"):
        posts.appoint_elected(b, YEAR, VOTE)
    assert all(a.duties and a.targets and a.source == labels.BY_VOTE for a in rows)
    cover = posts.coverage(b, YEAR)
    by_name = {r.member_name: r for r in cover.rows}
    assert by_name["才让东智"].status == labels.OFFICE_HOLDER
    assert by_name["更登"].status == labels.EXEMPT and "本人未申报" in by_name["更登"].why
    assert by_name["才吉"].status == labels.NO_POST  # she asked for a post and was not elected
    assert by_name["多杰"].why == "草原管护岗候选人，未当选，待支部调剂"
    assert by_name["桑吉"].why == "经济发展岗候选人，未当选，待支部调剂"
    assert not cover.complete
    statuses = [r.status for r in cover.rows]  # those without first, office holders apart
    assert statuses == [labels.NO_POST] * 3 + [labels.HOLDS_POST] * 3 + [labels.OFFICE_HOLDER, labels.EXEMPT]
    for name in ("多杰", "桑吉", "才吉"):
        posts.assign_post(grass if name != "桑吉" else econ, people[name], "本人愿意，支部研究调剂", VOTE)
    with pytest.raises(posts.PostsError, match="多杰已担任草原管护岗"):
        posts.assign_post(econ, people["多杰"], "再调剂", VOTE)
    with pytest.raises(posts.PostsError, match="更登是外出党员，本人没有申报岗位"):
        posts.assign_post(econ, people["更登"], "支部安排", VOTE)
    assert posts.coverage(b, YEAR).complete
    assert posts.selection_status(b, YEAR).finished


def test_a_duty_log_entry_is_dated_within_the_post_and_counted(people):
    opened(people)
    b = people["branch"]
    finish_vote(people, VOTES)
    posts.appoint_elected(b, YEAR, VOTE)
    holder = next(a for a in posts.list_appointments(YEAR, b) if a.member_name == "卓玛")
    posts.add_duty_log(holder.id, dt.date(2026, 5, 4), "巡查夏季牧场，制止越界放牧2起", "一社牧户", today=dt.date(2026, 12, 1))
    with pytest.raises(posts.PostsError) as refused:
        posts.add_duty_log(holder.id, dt.date(2026, 3, 1), " ", today=dt.date(2026, 12, 1))
    assert refused.value.lines == ["卓玛（草原管护岗）的履职记录：请填写做了什么", "卓玛（草原管护岗）的履职日期早于上岗日期（2026-03-08）"]
    (entry,) = posts.list_duty_log(YEAR, b)
    assert (entry.member_name, entry.what, entry.for_whom) == ("卓玛", "巡查夏季牧场，制止越界放牧2起", "一社牧户")
    assert next(a for a in posts.list_appointments(YEAR, b) if a.member_name == "卓玛").log_entries == 1


def test_each_step_shows_its_date_and_what_is_missing(people):
    b = people["branch"]
    assert posts.selection_status(b, YEAR).missing == ["2026年还没有开设岗位"]
    opened(people, pastures_seats=3)
    status = posts.selection_status(b, YEAR)
    assert [s.done for s in status.steps] == [True, True, False, False, False, False]
    assert (status.steps[0].on, status.steps[1].on) == (OPEN, APPLY)
    assert status.missing == ["草原管护岗有3个名额，候选人只有3名：须差额确定候选人，请至少确定4名候选人或减少名额"]


def test_a_holder_who_leaves_the_roster_drops_off_the_lists_but_stays_on_record(people):
    from dahe_desktop.roster.service import change_status

    opened(people)
    b = people["branch"]
    finish_vote(people, VOTES)
    posts.appoint_elected(b, YEAR, VOTE)
    change_status([people["卓玛"]], "转出", dt.date(2026, 6, 1), "迁往县城")
    assert "卓玛" not in {a.member_name for a in posts.list_appointments(YEAR, b)}
    assert "卓玛" in {a.member_name for a in posts.list_appointments(YEAR, b, include_ended=True)}
