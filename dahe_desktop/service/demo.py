"""Service work for the demo township, matching the seed's §3.1 counts: 17 支部服务队,
17 党员帮扶队, 34 能人示范队, 15 产业经营典型户, 17 党群共富组 of more than 1,000 people,
more than 100 households in difficulty helped; a year of visits whose items stand in
every state, and the branches' 视察调研.

Dates are fixed (up to `DEMO_UNTIL`), so the same demo loads on any day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dahe_desktop import labels as roster_labels
from dahe_desktop.demo.people import PeopleMaker, township_data
from dahe_desktop.service import labels as L
from dahe_desktop.service.demo_texts import HEARD, ITEMS, SHE, TOPICS
from db import audit, bulk_insert, changes, writing
from db.models import (
    Branch,
    Inspection,
    InspectionParticipant,
    Member,
    OpinionItem,
    OpinionItemEvent,
    Team,
    TeamHousehold,
    TeamMember,
    Visit,
    now,
)

DEMO_SERVICE_SEED = 3132
DEMO_UNTIL = dt.date(2026, 11, 30)  # the last day the demo's visits reach
CO_PROSPERITY_TRADES = ("规模养殖", "屠宰贩销", "大棚种植", "规模养殖", "青稞种植", "饲草种植", "乡村旅游", "规模养殖",
                        "屠宰贩销", "大棚种植", "民族手工", "规模养殖", "运输", "饲草种植", "屠宰贩销", "规模养殖",
                        "大棚种植")  # fmt: skip
DEMONSTRATION_TRADES = ("规模养殖", "大棚种植", "屠宰贩销", "青稞种植", "饲草种植", "乡村旅游", "民族手工", "运输")
NO_TYPICAL_HOUSEHOLD = 2  # the last two villages have none yet: 17 - 2 = 15 (seed)


@dataclass
class _Village:
    branch_id: int
    name: str  # village
    profile: dict[str, float]
    members: list[tuple[int, str, str]]  # (id, name, position), roster order
    secretary: int | None


def add_demo_service(year: int = 2026, seed: int = DEMO_SERVICE_SEED) -> int:
    """Teams, visits with items, inspections for the village branches, in one
    transaction; returns how many visits were added."""
    rng = random.Random(seed)
    villages = _villages()
    maker = PeopleMaker(rng, unique_names=False)
    until = min(DEMO_UNTIL, dt.date(year, 11, 30))
    with writing(changes.TEAMS, changes.VISITS, changes.OPINION_ITEMS, changes.INSPECTIONS, unlogged=audit.DEMO):
        for n, v in enumerate(villages):
            _teams(rng, maker, v, n, year, typical=n < len(villages) - NO_TYPICAL_HOUSEHOLD)
        visits = _visits(rng, maker, villages, year, until)
        _inspections(rng, maker, villages, year, until)
    return visits


def _villages() -> list[_Village]:
    profiles = {b["village"]: b["profile"] for b in township_data()["rural_branches"]}
    branches = list(Branch.select().where(Branch.kind == roster_labels.BRANCH_RURAL).order_by(Branch.sort_order, Branch.id))
    members: dict[int, list] = {b.id: [] for b in branches}
    for mid, name, position, branch_id in (
        Member.select(Member.id, Member.name, Member.position, Member.branch)
        .where((Member.status == roster_labels.STATUS_ACTIVE) & Member.branch.in_(list(members)))
        .order_by(Member.id).tuples()
    ):  # fmt: skip
        members[branch_id].append((mid, name, position))
    return [_Village(b.id, b.village or b.name, profiles.get(b.village, {"藏族": 1.0}), members[b.id], b.secretary_id)
            for b in branches]  # fmt: skip


def _villager(rng: random.Random, maker: PeopleMaker, v: _Village) -> str:
    groups, weights = zip(*v.profile.items(), strict=True)
    return maker.name(rng.choices(groups, weights)[0], rng.choice("男男女"))


def _villagers(rng: random.Random, maker: PeopleMaker, v: _Village, count: int) -> list[str]:
    """Different names within one team (a team's form refuses the same name twice)."""
    names: dict[str, None] = {}
    while len(names) < count:
        names[_villager(rng, maker, v)] = None
    return list(names)


def _team(branch_id: int, kind: str, name: str, year: int, leader: tuple | None, leader_name: str = "",
          trade: str = "", note: str = "") -> int:  # fmt: skip
    return Team.insert(branch=branch_id, kind=kind, name=name, leader=leader[0] if leader else None,
                       leader_name=leader[1] if leader else leader_name, trade=trade, formed_year=year,
                       note=note).execute()  # fmt: skip


def _teams(rng: random.Random, maker: PeopleMaker, v: _Village, n: int, year: int, typical: bool) -> None:
    people, homes = [], []
    by_id = {m[0]: m for m in v.members}
    secretary = by_id.get(v.secretary) or v.members[0]
    committee = [m for m in v.members if "支部" in m[2] or "村委会" in m[2]] or v.members[:3]
    ordinary = [m for m in v.members if m not in committee] or v.members
    places = [f"{p}社" for p in "一二三四五"][: rng.randint(3, 5)]

    def household() -> tuple[str, str]:
        return _villager(rng, maker, v), rng.choice(places)

    def add(team_id: int, party: list[tuple], villagers: list[str] = (), helped: int = 0) -> None:
        people.extend(dict(team=team_id, member=m[0], name=m[1]) for m in dict.fromkeys(party))
        people.extend(dict(team=team_id, member=None, name=name) for name in villagers)
        for _ in range(helped):
            name, place = household()
            homes.append(dict(team=team_id, name=name, place=place))

    formed = year - rng.choice((1, 2, 3))
    t = _team(v.branch_id, L.SERVICE_TEAM, f"{v.name}支部服务队", formed, secretary)
    add(t, [secretary, *committee, *rng.sample(ordinary, min(3, len(ordinary)))])
    helper = committee[1] if len(committee) > 1 else secretary
    t = _team(v.branch_id, L.ASSISTANCE_TEAM, f"{v.name}党员帮扶队", formed, helper)
    add(t, [helper, *rng.sample(v.members, min(4, len(v.members)))], helped=rng.randint(3, 4))
    for k, trade in enumerate(rng.sample(DEMONSTRATION_TRADES, 2)):
        leader = ordinary[(n + k * 3) % len(ordinary)]
        t = _team(v.branch_id, L.DEMONSTRATION_TEAM, f"{v.name}{trade}能人示范队", year - rng.choice((1, 2)), leader, trade=trade)
        add(t, [leader, *rng.sample(v.members, min(2, len(v.members)))], _villagers(rng, maker, v, rng.randint(2, 4)))
    if typical:
        trade = rng.choice(("规模养殖", "屠宰贩销", "大棚种植", "乡村旅游"))
        head = _villager(rng, maker, v)
        t = _team(v.branch_id, L.TYPICAL_HOUSEHOLD, f"{head}{trade}户", year - 1, None, head, trade)
        add(t, [], [head], helped=rng.choice((0, 1)))
    trade = CO_PROSPERITY_TRADES[n % len(CO_PROSPERITY_TRADES)]
    leader = committee[-1]
    t = _team(v.branch_id, L.CO_PROSPERITY_GROUP, f"{v.name}{trade}党群共富组", formed, leader, trade=trade)
    add(t, [leader, *rng.sample(v.members, min(4, len(v.members)))],
        _villagers(rng, maker, v, rng.randint(55, 62)), helped=rng.randint(2, 3))  # fmt: skip
    bulk_insert(TeamMember, people)
    bulk_insert(TeamHousehold, homes)


def _visits(rng: random.Random, maker: PeopleMaker, villages: list[_Village], year: int, until: dt.date) -> int:
    start = dt.date(year, 1, 5)
    span = (until - start).days
    stamp = now()
    visits, items = [], []
    for v in villages:
        committee_head = next((m for m in v.members if "村委会主任" in m[2]), None)
        secretary = next((m for m in v.members if m[0] == v.secretary), v.members[0])
        for member in v.members:
            for _ in range(rng.choice((1, 2, 2, 3, 4))):
                day = start + dt.timedelta(days=rng.randint(0, span))
                kind = rng.choices(L.VISIT_KINDS, (50, 15, 10, 10, 15))[0]
                head = _villager(rng, maker, v)
                visits.append(dict(member=member[0], branch=v.branch_id, visit_date=day, kind=kind,
                                   households=f"{rng.choice('一二三四')}社{head}户", heard=rng.choice(HEARD),
                                   created_at=stamp, updated_at=stamp))  # fmt: skip
                if rng.random() < 0.35:
                    items.append((len(visits) - 1, v, member, head, day, secretary, committee_head))
    first = (Visit.select(Visit.id).order_by(Visit.id.desc()).scalar() or 0) + 1
    bulk_insert(Visit, visits)
    visit_ids = [i for (i,) in Visit.select(Visit.id).where(Visit.id >= first).order_by(Visit.id).tuples()]
    _items(rng, items, visit_ids, until, stamp)
    return len(visits)


def _items(rng: random.Random, raised: list, visit_ids: list[int], until: dt.date, stamp: dt.datetime) -> None:
    rows, paths = [], []
    for visit_index, v, member, head, day, secretary, committee_head in raised:
        category = rng.choices(L.ITEM_CATEGORIES, (25, 25, 12, 15, 8, 12, 3))[0]
        content, result, office = rng.choice(ITEMS[category])
        route = L.ROUTE_OFFICE if office else rng.choice((L.ROUTE_BRANCH, L.ROUTE_COMMITTEE))
        owner = office or (committee_head[1] if route == L.ROUTE_COMMITTEE and committee_head else secretary[1])
        due = day + dt.timedelta(days=rng.choice((15, 30, 30, 45, 60)))
        row = dict(visit=visit_ids[visit_index], member=member[0], branch=v.branch_id, raised_date=day, household=head,
                   category=category, content=content.format(she=rng.choice(SHE)), route=route, office=office or "",
                   owner=owner, due_date=due, status=L.COLLECTED, result="", reason="", result_date=None,
                   feedback_date=None, feedback_how="", reopened=0, created_at=stamp, updated_at=stamp)  # fmt: skip
        paths.append(_settle(rng, row, result, until))
        rows.append(row)
    first = (OpinionItem.select(OpinionItem.id).order_by(OpinionItem.id.desc()).scalar() or 0) + 1
    bulk_insert(OpinionItem, rows)
    ids = [i for (i,) in OpinionItem.select(OpinionItem.id).where(OpinionItem.id >= first).order_by(OpinionItem.id).tuples()]
    bulk_insert(OpinionItemEvent, [
        dict(item=item_id, event_date=d, from_status=a, to_status=b, note=note, created_at=stamp)
        for item_id, path in zip(ids, paths, strict=True) for d, a, b, note in path
    ])  # fmt: skip


def _settle(rng: random.Random, row: dict, result: str, until: dt.date) -> list[tuple]:
    """Walk an item along its way as far as its age makes likely; returns the steps."""
    day, status = row["raised_date"], L.COLLECTED
    path = [(day, "", L.COLLECTED, "")]
    age = (until - day).days
    ends = rng.choices((L.SOLVED, L.PARTLY_SOLVED, L.NOT_SOLVABLE), (80, 14, 6))[0]
    goal = [L.REPORTED, L.IN_HAND, ends, L.FED_BACK]
    stop = min(4, age // 12 + rng.choice((-1, 0, 0, 1)))  # older items have gone further
    if age > 90 and stop < 4 and rng.random() < 0.5:
        stop = 4
    if ends in L.NEEDS_REASON and stop == 4 and rng.random() < 0.4:
        stop = 3  # a partial answer is the hardest to take back to the household
    for to in goal[: max(0, stop)]:
        day = min(until, day + dt.timedelta(days=rng.randint(2, 12)))
        note = ""
        if to in L.RESULTS:
            row.update(result=result, result_date=day)
            note = result
            if to in L.NEEDS_REASON:
                row["reason"] = "资金暂未落实，已列入明年计划" if to == L.PARTLY_SOLVED else "不符合政策规定，已向群众解释"
                note += "；" + row["reason"]
        if to == L.FED_BACK:
            row.update(feedback_date=day, feedback_how=rng.choice(L.FEEDBACK_WAYS))
            note = row["feedback_how"]
        path.append((day, status, to, note))
        status = to
    if status == L.FED_BACK and ends != L.SOLVED and rng.random() < 0.25:
        # The household says it is still not solved: back in hand.
        day = min(until, day + dt.timedelta(days=rng.randint(3, 20)))
        path.append((day, status, L.IN_HAND, f"{L.REOPEN}；群众反映问题仍未解决；原结果：{ends}；{row['result']}"))
        row.update(status=L.IN_HAND, result="", reason="", result_date=None, feedback_date=None, feedback_how="",
                   reopened=1, due_date=day + dt.timedelta(days=30))  # fmt: skip
        return path
    row["status"] = status
    return path


def _inspections(rng: random.Random, maker: PeopleMaker, villages: list[_Village], year: int,
                 until: dt.date) -> None:  # fmt: skip
    participants = []
    for n, v in enumerate(villages):
        for k in range(rng.randint(2, 4)):
            area = L.INSPECTION_AREAS[(n + k) % len(L.INSPECTION_AREAS)]
            topic, places, findings, opinions = rng.choice(TOPICS[area])
            remote = "牧场" in places or "牧业点" in places
            day = dt.date(year, rng.randint(3, until.month), rng.randint(1, 28))
            day = min(day, until)
            adoption = rng.choices(L.ADOPTIONS, (20, 65, 15))[0]
            ins_id = Inspection.insert(
                branch=v.branch_id, inspection_date=day, area=area, topic=topic, places=places.format(village=v.name),
                remote=remote, other_participants=f"村民代表{_villager(rng, maker, v)}", findings=findings,
                opinions=opinions, opinion_count=opinions.count("；") + 1, adoption=adoption,
                adoption_note={L.ADOPTED: "支部委员会研究后列入工作计划", L.NOT_ADOPTED: "经研究暂不具备条件"}.get(adoption, ""),
            ).execute()  # fmt: skip
            for m in rng.sample(v.members, min(rng.randint(3, 5), len(v.members))):
                participants.append(dict(inspection=ins_id, member=m[0]))
    bulk_insert(InspectionParticipant, participants)
