"""A finished 2026 selection in every branch of the demo township: posts opened by need,
members applying and villagers nominating, more candidates than seats, the vote
simulated ballot by ballot and entered twice, one tie settled by the branch, the members
not elected assigned by the branch (调剂), and duty log entries through the year.

Built through the service, so the demo keeps every rule the clerk meets."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dahe_desktop import labels as common
from dahe_desktop.posts import labels
from dahe_desktop.posts import service as posts
from dahe_desktop.posts.records import ApplicationInput, BallotInput, CandidateVotes, PostInput
from db import audit, changes, writing
from db.models import Branch, Member

DEMO_POSTS_SEED = 3404
RURAL_POSTS = ("草原管护岗", "村务监督岗", "经济发展岗", "技术信息服务岗", "环境卫生岗", "综合治理岗",
               "政策宣传岗", "矛盾调解岗", "民族团结岗", "帮扶济困岗", "治安巡逻岗", "文化宣传岗", "防灾减灾岗")  # fmt: skip
OTHER_POSTS = ("政策宣传岗", "志愿服务岗", "帮扶济困岗", "文化宣传岗", "技术信息服务岗", "民族团结岗")
WISH_POSTS = ("政策宣传岗", "文化宣传岗", "民族团结岗", "技术信息服务岗", "矛盾调解岗")
NOMINATORS = ("索南", "完德", "马成林", "才让加", "李秀兰", "更藏", "旦正", "韩文明")
GROUPS = ("一社群众联名", "二社群众联名", "三社牧户代表", "村妇女小组", "合作社社员联名")
REASONS = ("熟悉本村情况，愿意为群众多办实事", "有养殖技术，想带动周边牧户", "家住牧场边，巡查方便",
           "在村里威信较高，群众信任", "身体尚可，愿意发挥余热")  # fmt: skip
TIE_BRANCH = "加吾村党支部"
TIE_HOW = "支委会研究决定：对并列候选人再次投票，以得票多者当选"

# What holders of each post did (履职记录): (what, for whom)
DUTIES = {
    "草原管护岗": (("巡查冬春草场，制止越界放牧", "{place}牧户"), ("检查网围栏，报告破损{n}处", "村委会"),
                 ("开展草原防火巡查", "{place}")),
    "村务监督岗": (("参加村务财务季度公开监督", "全村群众"), ("核对草原补奖资金发放公示", "村务监督委员会")),
    "经济发展岗": (("帮助牧户联系牦牛收购商", "{place}牧户"), ("推介饲草种植补贴政策", "{n}户牧户")),
    "技术信息服务岗": (("传授冬春补饲技术", "{n}户牧户"), ("转发寒潮预警信息", "全村群众"), ("协助春季牲畜防疫", "{place}")),
    "环境卫生岗": (("组织村道垃圾清运", "{place}"), ("督促庭院卫生整治", "{n}户群众")),
    "综合治理岗": (("排查邻里矛盾隐患", "{place}"), ("登记流动人口{n}人", "村委会")),
    "政策宣传岗": (("入户宣讲惠农惠牧政策", "{n}户群众"), ("宣讲草畜平衡政策", "{place}牧户")),
    "矛盾调解岗": (("调解草场边界纠纷", "{place}两户牧户"), ("调解邻里纠纷", "{place}群众")),
    "民族团结岗": (("组织各族群众联谊活动", "全村群众"), ("宣讲民族团结进步政策", "{place}")),
    "帮扶济困岗": (("上门看望独居老人，代购生活用品", "{place}困难户"), ("帮助办理医保续缴", "{n}户困难群众")),
    "治安巡逻岗": (("参加夜间治安巡逻", "{place}"), ("提醒牧户防范盗抢牲畜", "{place}牧户")),
    "文化宣传岗": (("组织锅庄舞活动", "全村群众"), ("整理农家书屋图书", "村文化活动室")),
    "防灾减灾岗": (("通知牧户储备越冬饲草", "{place}牧户"), ("排查危房", "{n}户群众")),
    "志愿服务岗": (("参加义务植树", "乡政府"), ("为群众代办证件", "{n}名群众")),
}
PLACES = ("一社", "二社", "三社", "夏季牧场", "冬春草场", "河滩草场")


@dataclass
class DemoPosts:
    selections: int
    holders: int
    tie_posts: int
    log_entries: int


def add_demo_posts(year: int = 2026, seed: int = DEMO_POSTS_SEED, as_of: dt.date | None = None) -> DemoPosts:
    """Run the whole selection for `year` in every branch without one, in one write."""
    as_of = as_of or min(dt.date.today(), dt.date(year, 12, 31))
    rng = random.Random(seed)
    members: dict[int, list[tuple[int, str, str]]] = {}
    for member_id, branch_id, name, category in (
        Member.select(Member.id, Member.branch, Member.name, Member.category)
        .where(Member.status == common.STATUS_ACTIVE).order_by(Member.id).tuples()
    ):  # fmt: skip
        members.setdefault(branch_id, []).append((member_id, name, category))
    count = DemoPosts(0, 0, 0, 0)
    done = set()
    with writing(changes.POST_SELECTIONS, changes.DUTY_LOG, unlogged=audit.DEMO):
        for branch in Branch.select().order_by(Branch.sort_order, Branch.id):
            if posts.find_selection(branch.id, year) is not None or not members.get(branch.id):
                continue
            count.tie_posts += _run_selection(rng, branch, year, members[branch.id])
            count.selections += 1
            done.add(branch.id)
        holders = [a for a in posts.list_appointments(year) if a.branch_id in done]
        count.holders = len(holders)
        count.log_entries = _duty_log(rng, holders, year, as_of)
    return count


def _run_selection(rng: random.Random, branch: Branch, year: int, people: list[tuple[int, str, str]]) -> int:
    """One branch from posts to appointments; returns 1 when it settled a tie."""
    day = dt.date(year, 2, rng.randint(6, 14))
    rural = branch.kind == common.BRANCH_RURAL
    able = [p for p in people if p[2] == common.DEFAULT_CATEGORY]
    wishing = [p for p in people if p[2] in labels.WISH_ONLY and rng.random() < 0.4]
    if not able:  # an office of cadres: a few volunteer
        able = rng.sample([p for p in people if p[2] == labels.CATEGORY_OFFICE], min(6, len(people)))
    standing = able + wishing
    rng.shuffle(standing)
    kinds = min(max(2, round(len(standing) / 3.5)), len(standing) // 2, 6)
    names = _post_names(rng, rural, kinds, bool(wishing))
    groups: list[list[tuple[int, str, str]]] = [[] for _ in names]
    for i, person in enumerate(sorted(standing, key=lambda p: p[2] in labels.WISH_ONLY)):
        if person[2] in labels.WISH_ONLY:  # they apply where a light post suits them
            light = [j for j, n in enumerate(names) if n in WISH_POSTS] or [0]
            groups[min(light, key=lambda j: len(groups[j]))].append(person)
        else:
            groups[i % len(names)].append(person)
    post_ids = []
    for name, group in zip(names, groups, strict=True):
        post_id = posts.open_post(branch.id, year, PostInput(name, max(1, len(group) - 1), opened_on=day))
        post_ids.append(post_id)
        items = []
        for member_id, _, category in group:
            made = day + dt.timedelta(days=rng.randint(1, 10))
            if category in labels.WISH_ONLY or rng.random() < 0.65:
                items.append(ApplicationInput(member_id, labels.APPLIED, made, rng.choice(REASONS)))
            else:
                person = rng.random() < 0.5
                by = rng.choice(NOMINATORS if person else GROUPS)
                kind = labels.NOMINATOR_PERSON if person else labels.NOMINATOR_GROUP
                items.append(ApplicationInput(member_id, labels.NOMINATED, made, "", by, kind))
        posts.add_applications(post_id, items)
        posts.set_candidates(post_id, [m for m, _, _ in group])
    fixed = day + dt.timedelta(days=rng.randint(14, 18))
    posts.fix_candidates(branch.id, year, fixed)
    voted = fixed + dt.timedelta(days=rng.randint(3, 7))
    entry = _simulate_vote(rng, branch, year, people, voted, rural)
    posts.save_ballot_entry(branch.id, year, 1, entry)
    second = BallotInput(f"{branch.name[:-3]}组织委员", entry.voted_on, entry.member_voters, entry.rep_voters,
                         entry.invalid, entry.blank, entry.votes)  # fmt: skip
    posts.save_ballot_entry(branch.id, year, 2, second)
    results = posts.tally(branch.id, year, voted)
    settled = 0
    for result in results:
        if result.tied:
            pick = rng.sample([r.candidate_id for r in result.tied], result.tied_for)
            chosen = [c.member_id for c in posts.list_candidates(_selection_id(branch.id, year)) if c.id in pick]
            posts.settle_tie(result.post_id, chosen, TIE_HOW, voted + dt.timedelta(days=2))
            settled = 1
    appointed = voted + dt.timedelta(days=2 + settled)
    posts.appoint_elected(branch.id, year, appointed)
    _assign_the_rest(rng, branch.id, year, post_ids, appointed)
    return settled


def _selection_id(branch_id: int, year: int) -> int:
    return posts.find_selection(branch_id, year).id


def _post_names(rng: random.Random, rural: bool, count: int, light: bool) -> list[str]:
    pool = RURAL_POSTS if rural else OTHER_POSTS
    names = ["草原管护岗", "村务监督岗"][: min(count, 2)] if rural else []
    names += rng.sample([n for n in pool if n not in names], count - len(names))
    if light and not any(n in WISH_POSTS for n in names):
        names[-1] = rng.choice(WISH_POSTS)
    return names


def _simulate_vote(rng, branch, year, people, voted, rural) -> BallotInput:
    """Ballot by ballot: every voter marks up to `seats` candidates of each post, the
    stronger more often. In TIE_BRANCH one post's last seat ends in a tie."""
    selection_id = _selection_id(branch.id, year)
    candidates = posts.ballot_candidates(selection_id)
    strength = {c.candidate_id: rng.uniform(0.5, 1.5) for c in candidates}
    frail = {m for m, _, cat in people if cat in labels.WISH_ONLY}
    for c in posts.list_candidates(selection_id):
        if c.member_id in frail:
            strength[c.id] *= 0.4  # they stand where they wish; villagers pick the able
    members = sum(1 for _, _, cat in people if cat != labels.CATEGORY_AWAY) - rng.randint(0, 2)
    reps = rng.randint(10, 22) if rural else rng.randint(5, 9)
    invalid, blank = rng.choice((0, 0, 1)), rng.choice((0, 0, 0, 1))
    votes = {c.candidate_id: [0, 0] for c in candidates}
    by_post: dict[int, list] = {}
    for c in candidates:
        by_post.setdefault(c.post_id, []).append(c)
    marking = ["m"] * members + ["r"] * reps
    rng.shuffle(marking)
    for voter in marking[invalid + blank:]:
        for group in by_post.values():
            pool = list(group)
            for _ in range(group[0].seats if rng.random() < 0.9 else max(1, group[0].seats - 1)):
                pick = rng.choices(pool, weights=[strength[c.candidate_id] for c in pool])[0]
                pool.remove(pick)
                votes[pick.candidate_id][0 if voter == "m" else 1] += 1
    if branch.name == TIE_BRANCH:
        _make_tie(votes, by_post)
    else:
        _break_ties(votes, by_post)
    return BallotInput("乡党建办", voted, members, reps, invalid, blank,
                       [CandidateVotes(cid, m, r) for cid, (m, r) in votes.items()])  # fmt: skip


def _make_tie(votes: dict[int, list[int]], by_post: dict[int, list]) -> None:
    """The last elected and the first not elected of a post with two or more seats end
    level: the stronger gives votes away until they are equal (sums stay possible)."""
    group = max(by_post.values(), key=lambda g: (g[0].seats, len(g)))
    ranked = sorted(group, key=lambda c: -sum(votes[c.candidate_id]))
    last, first_out = votes[ranked[group[0].seats - 1].candidate_id], votes[ranked[group[0].seats].candidate_id]
    for i in (0, 1):
        last[i] = first_out[i]


def _break_ties(votes: dict[int, list[int]], by_post: dict[int, list]) -> None:
    """Elsewhere no tie: the first not elected gives up a vote until below the last
    elected (fewer votes never make the sums impossible)."""
    for group in by_post.values():
        seats = group[0].seats
        while True:
            ranked = sorted(group, key=lambda c: -sum(votes[c.candidate_id]))
            if len(ranked) <= seats or sum(votes[ranked[seats - 1].candidate_id]) > sum(votes[ranked[seats].candidate_id]):
                break
            loser = votes[ranked[seats].candidate_id]
            loser[1 if loser[1] else 0] -= 1


def _assign_the_rest(rng: random.Random, branch_id: int, year: int, post_ids: list[int], on: dt.date) -> None:
    """Members not elected who must or wish to hold a post: the branch assigns them."""
    for row in posts.coverage(branch_id, year).of(labels.NO_POST):
        post_id = rng.choice(post_ids)
        posts.assign_post(post_id, row.member_id, "未当选，本人同意，支部研究调剂", on)


def _duty_log(rng: random.Random, holders, year: int, as_of: dt.date) -> int:
    rows = []
    for a in holders:
        start = max(a.appointed_on + dt.timedelta(days=7), dt.date(year, 4, 1))
        span = (as_of - start).days
        if span <= 0:
            continue
        for _ in range(rng.choice((0, 1, 2, 2, 3, 4))):
            what, whom = rng.choice(DUTIES.get(a.post_name, DUTIES["志愿服务岗"]))
            values = dict(place=rng.choice(PLACES), n=rng.choice((2, 3, 5, 8)))
            rows.append(dict(appointment=a.id, done_on=start + dt.timedelta(days=rng.randint(0, span)),
                             what=what.format(**values), for_whom=whom.format(**values)))  # fmt: skip
    rows.sort(key=lambda r: (r["done_on"], r["appointment"]))
    return posts.add_duty_logs(rows)
