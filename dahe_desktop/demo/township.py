"""The demo township 大河乡, built so that its 基本情况 figures equal the seed's exactly.

Each figure (women, minority, 45 or under, senior high or above) is an exact draw
without replacement, weighted so the result reads true: teachers and nurses are more
often women, pastoral villages are Tibetan, village elders rarely went to senior high.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from dahe_desktop import labels
from dahe_desktop.demo.people import (
    PeopleMaker,
    add_years,
    birth_for_age,
    pick_exact,
    township_data,
    weighted_choice,
)
from dahe_desktop.stats import YOUNG_AGE_LIMIT

DEMO_REFERENCE_DATE = dt.date(2026, 12, 31)
DEMO_SEED = 20261231
# The seed's section 2 (20 branches and 17 village branches follow from township.json).
SEED_FIGURES = {
    "branches": 20, "members": 367, "rural_branches": 17, "rural_members": 294,
    "women": 73, "minority": 199, "aged_45_or_under": 231, "high_school_or_above": 141,
}  # fmt: skip
PROBATIONARY = 9  # 预备党员 among the young
LAST_JOINED = dt.date(2025, 6, 30)  # full members joined by then
PROBATION_FROM, PROBATION_TO = dt.date(2025, 12, 1), dt.date(2026, 6, 30)

EDUCATION = {
    "organ": {"本科": 55, "大专": 35, "研究生": 5, "中专/职高/技校": 5},
    "school": {"本科": 60, "大专": 35, "研究生": 5},
    "clinic": {"中专/职高/技校": 30, "大专": 40, "本科": 30},
    "rural_high": {"高中": 50, "中专/职高/技校": 25, "大专": 20, "本科": 5},
    "rural_low_young": {"初中": 70, "小学及以下": 30},
    "rural_low_old": {"小学及以下": 65, "初中": 35},
}


@dataclass
class BranchPlan:
    name: str
    kind: str
    village: str
    role: str  # rural / organ / school / clinic
    profile: dict[str, float]
    size: int


@dataclass
class Person:
    """One demo member before insertion: plain values, filled in step by step."""

    branch: int  # index into the branch plans
    role: str
    ethnicity: str = labels.HAN
    sex: str = "男"
    age: int = 0
    birth_date: dt.date | None = None
    education: str = ""
    position: str = ""
    category: str = labels.DEFAULT_CATEGORY
    membership: str = "正式党员"
    joined_party: dt.date | None = None
    specialties: str = ""
    services: list[str] = field(default_factory=list)
    service_promise: str = ""
    name: str = ""
    id_number: str = ""
    phone: str = ""
    status: str = labels.STATUS_ACTIVE
    status_date: dt.date | None = None
    status_note: str = ""

    @property
    def rural(self) -> bool:
        return self.role == "rural"


def branch_plans() -> list[BranchPlan]:
    """Display order: the township organ, the villages, then school and clinic."""
    data = township_data()
    others = [
        BranchPlan(b["name"], b["kind"], "", b["role"], b["profile"], b["size"]) for b in data["other_branches"]
    ]
    villages = [
        BranchPlan(f"{v['village']}党支部", labels.BRANCH_RURAL, v["village"], "rural", v["profile"], v["size"])
        for v in data["rural_branches"]
    ]
    return others[:1] + villages + others[1:]


def plan_members(rng: random.Random, plans: list[BranchPlan]) -> list[Person]:
    """The active members with the seed's exact figures and plausible attributes."""
    people = [Person(branch=i, role=p.role) for i, p in enumerate(plans) for _ in range(p.size)]
    _assign_ethnicity(rng, plans, people)
    _assign_ages(rng, people)
    _assign_sex(rng, people)
    _assign_education(rng, people)
    return people


def _assign_ethnicity(rng: random.Random, plans: list[BranchPlan], people: list[Person]) -> None:
    weights = [1.0 - plans[p.branch].profile.get(labels.HAN, 0.0) + 0.02 for p in people]
    minority = pick_exact(rng, weights, SEED_FIGURES["minority"])
    for i, person in enumerate(people):
        if i in minority:
            groups = {g: w for g, w in plans[person.branch].profile.items() if g != labels.HAN}
            person.ethnicity = weighted_choice(rng, groups)


def _assign_ages(rng: random.Random, people: list[Person]) -> None:
    young = pick_exact(rng, [1.0 if p.rural else 3.0 for p in people], SEED_FIGURES["aged_45_or_under"])
    for i, p in enumerate(people):
        if i in young:
            p.age = rng.randint(22 if p.rural else 23, YOUNG_AGE_LIMIT)
        elif p.rural:
            p.age = min(88, round(rng.triangular(YOUNG_AGE_LIMIT + 1, 88, 58)))
        else:
            p.age = rng.randint(YOUNG_AGE_LIMIT + 1, 59)  # staff retire at 60
        p.birth_date = birth_for_age(rng, p.age, DEMO_REFERENCE_DATE)


def _assign_sex(rng: random.Random, people: list[Person]) -> None:
    base = {"rural": 0.3, "organ": 0.5, "school": 1.3, "clinic": 1.8}
    weights = [base[p.role] * (0.5 if p.age >= 70 else 1.0) for p in people]
    for i in pick_exact(rng, weights, SEED_FIGURES["women"]):
        people[i].sex = "女"


def _assign_education(rng: random.Random, people: list[Person]) -> None:
    staff = [i for i, p in enumerate(people) if not p.rural]  # every staff member has senior high
    rural = [i for i, p in enumerate(people) if p.rural]

    def weight(p: Person) -> float:
        return 3.0 if p.age <= 35 else 2.0 if p.age <= 45 else 0.7 if p.age <= 60 else 0.15

    chosen = pick_exact(rng, [weight(people[i]) for i in rural], SEED_FIGURES["high_school_or_above"] - len(staff))
    educated = set(staff) | {rural[j] for j in chosen}
    for i, p in enumerate(people):
        if not p.rural:
            table = EDUCATION[p.role]
        elif i in educated:
            table = EDUCATION["rural_high"]
        else:
            table = EDUCATION["rural_low_young" if p.age <= 45 else "rural_low_old"]
        p.education = weighted_choice(rng, table)


def assign_roles(rng: random.Random, plans: list[BranchPlan], people: list[Person]) -> dict[int, int]:
    """Positions and appraisal categories; returns branch index -> secretary's index."""
    positions = township_data()["positions"]
    secretaries: dict[int, int] = {}
    for b, plan in enumerate(plans):
        members = [i for i, p in enumerate(people) if p.branch == b]
        # The secretary: of working age, well educated, usually of the village's main
        # group, men a little more often (as in life).
        main_group = max(plan.profile, key=plan.profile.get)

        def fitness(i: int, main_group: str = main_group) -> float:
            p = people[i]
            score = labels.EDUCATION_LEVELS.index(p.education) + rng.random() * 3
            score += (1.0 if p.sex == "男" else 0.0) + (2.0 if p.ethnicity == main_group else 0.0)
            return score + (2.0 if 30 <= p.age <= 58 else -5.0)

        ranked = sorted(members, key=fitness, reverse=True)
        secretaries[b] = ranked[0]
        if plan.role == "rural":
            titles = _rural_titles(rng, positions["rural"], len(ranked))
        else:
            fixed = positions[plan.role]
            rest = positions[f"{plan.role}_rest"]
            titles = list(fixed[: len(ranked)])
            while len(titles) < len(ranked):
                titles.append(rest if isinstance(rest, str) else rng.choice(rest))
        for i, title in zip(ranked, titles, strict=False):
            people[i].position = title
    for p in people:
        p.category = _category(rng, p)
    return secretaries


def _rural_titles(rng: random.Random, titles: dict, count: int) -> list[str]:
    """Branch secretary first, then the village committee and branch committee."""
    secretary = rng.choice(titles["secretary"])
    wanted = [secretary]
    if secretary == "支部书记":
        wanted.append(titles["head"])
    wanted += [titles["deputy"], titles["committee"], titles["clerk"], titles["supervisor"]]
    wanted += [titles["group"]] * rng.randint(0, 2)
    return wanted[:count]


def _category(rng: random.Random, p: Person) -> str:
    if p.role == "organ" or (p.position and p.position not in ("教师", "护士", "医生", "药剂师", "检验师", "公共卫生专干", "社长")):
        return "党员干部"
    if p.rural and (p.age >= 72 or (p.age >= 60 and rng.random() < 0.15)):
        return "老病残党员"
    if p.rural and not p.position and p.age <= 45 and rng.random() < 0.25:
        return "外出党员"
    return labels.DEFAULT_CATEGORY


def fill_details(rng: random.Random, people: list[Person], maker: PeopleMaker) -> None:
    """Joining dates, probation, specialties, services, promise, name, ID, phone."""
    data = township_data()
    specialties, promises = data["specialties"], data["promises"]
    candidates = [i for i, p in enumerate(people) if p.age <= 35 and p.category == labels.DEFAULT_CATEGORY]
    probationary = set(rng.sample(candidates, PROBATIONARY))
    for i, p in enumerate(people):
        assert p.birth_date is not None
        if i in probationary:
            p.membership = "预备党员"
            p.joined_party = _random_day(rng, PROBATION_FROM, PROBATION_TO)
        else:
            earliest = add_years(p.birth_date, 19)
            latest = min(LAST_JOINED, add_years(p.birth_date, rng.randint(24, 42)))
            p.joined_party = _random_day(rng, earliest, max(earliest, latest))
        if p.category == "外出党员":
            p.specialties = rng.choice(specialties["away"])
            p.services = list(specialties["away_services"])
        elif p.category == "老病残党员":
            p.services = ["政策宣传"] if rng.random() < 0.6 else []
        else:
            pool = specialties[p.role]
            skills = rng.sample(sorted(pool), k=min(len(pool), rng.choice((1, 1, 2))))
            p.specialties = "、".join(skills)
            services = [s for skill in skills for s in pool[skill]]
            services.append(rng.choice(specialties["generic_services"]))
            p.services = list(dict.fromkeys(services))
        p.service_promise = rng.choice(promises)
        p.name = maker.name(p.ethnicity, p.sex)
        p.id_number = maker.id_number(maker.region(local=p.rural), p.birth_date, p.sex)
        p.phone = "" if p.age >= 80 and rng.random() < 0.5 else maker.phone()


def feature_names(people: list[Person]) -> None:
    """Give the names the docs and tests use (卓玛才让, 扎西多杰, 马福祥) to fitting members."""
    taken = {p.name for p in people}
    for wish in township_data()["featured"]:
        if wish["name"] in taken:
            continue
        for p in people:
            if p.ethnicity == wish["ethnicity"] and p.sex == wish["sex"] and p.rural and not p.position:
                taken.discard(p.name)
                p.name = wish["name"]
                taken.add(p.name)
                break


def plan_history(rng: random.Random, plans: list[BranchPlan], maker: PeopleMaker) -> list[Person]:
    """Members transferred out or deceased: kept as history, never counted."""
    people = []
    for entry in township_data()["history"]:
        b = rng.randrange(len(plans))
        deceased = entry["status"] == "去世"
        p = Person(branch=b, role=plans[b].role)
        groups = {g: w for g, w in plans[b].profile.items()}
        p.ethnicity = weighted_choice(rng, groups)
        p.sex = "女" if rng.random() < 0.35 else "男"
        p.age = rng.randint(72, 90) if deceased else rng.randint(30, 45)
        p.birth_date = birth_for_age(rng, p.age, DEMO_REFERENCE_DATE)
        p.education = rng.choice(("小学及以下", "初中")) if deceased else rng.choice(("高中", "大专", "本科"))
        p.joined_party = _random_day(rng, add_years(p.birth_date, 19), add_years(p.birth_date, 24))
        p.category = "老病残党员" if deceased else labels.DEFAULT_CATEGORY
        p.name = maker.name(p.ethnicity, p.sex)
        p.id_number = maker.id_number(maker.region(local=p.rural), p.birth_date, p.sex)
        p.phone = "" if deceased else maker.phone()
        p.status = entry["status"]
        p.status_date = dt.date.fromisoformat(entry["date"])
        p.status_note = entry["note"]
        people.append(p)
    return people


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))
