"""Households for the demo township and its full 2026 plan (seed §3.7: 全覆盖).

Each of the 17 village branches gets about 3.7 households per member in 3 to 5
settlements (社 and pastoral points), heads named as the village's people are, a
流动党员户 for every member who works away, and about one household in ten in
difficulty. Members get a settlement; each village has one or two helpers
(入党积极分子, 后备干部). Then the planner makes the 2026 plan and it is accepted.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dahe_desktop import labels as roster_labels
from dahe_desktop.demo.people import PeopleMaker, township_data, weighted_choice
from dahe_desktop.pairing import labels
from dahe_desktop.pairing.proposal import PairingError, apply_proposal, plan_pairings
from dahe_desktop.pairing.rules import AWAY_CATEGORY
from db import audit, bulk_insert, changes
from db.connection import writing
from db.models import Branch, Household, Member, PairingHelper, PairingProfile, now

DEMO_PAIRING_SEED = 3707
HOUSEHOLDS_PER_MEMBER = 3.7
HARDSHIP_SHARE = 0.095
HARDSHIP_MIX = {"脱贫户": 0.4, "监测户": 0.2, "困难户": 0.15, "低保户": 0.2, "五保户": 0.05}
SOCIETIES = ("一社", "二社", "三社", "四社", "五社")
PASTORAL_POINTS = ("夏季牧场", "冬春草场", "河滩牧业点", "阳坡居住点", "移民新村")


@dataclass
class DemoPairing:
    households: int
    pairs: int


def add_demo_pairing(year: int = 2026, seed: int = DEMO_PAIRING_SEED) -> DemoPairing:
    """Households, settlements, helpers and an accepted full plan for `year`."""
    rng = random.Random(seed)
    maker = PeopleMaker(rng, unique_names=False)
    profiles = {b["village"]: b["profile"] for b in township_data()["rural_branches"]}
    branches = list(
        Branch.select(Branch.id, Branch.village).where(Branch.kind == roster_labels.BRANCH_RURAL)
        .order_by(Branch.sort_order).tuples()
    )  # fmt: skip
    members = list(
        Member.select(Member.id, Member.name, Member.branch, Member.category, Member.sex, Member.ethnicity)
        .where(Member.status == roster_labels.STATUS_ACTIVE).order_by(Member.id).tuples()
    )  # fmt: skip
    stamp = now()
    households, member_profiles, helpers = [], [], []
    for branch_id, village in branches:
        own = [m for m in members if m[2] == branch_id]
        places = list(SOCIETIES[: rng.randint(2, 4)]) + rng.sample(PASTORAL_POINTS, rng.randint(1, 2))
        weights = [rng.uniform(0.6, 1.4) for _ in places]
        profile = profiles.get(village, {"汉族": 1.0})
        for member_id, *_ in own:
            member_profiles.append(dict(member=member_id, settlement=rng.choices(places, weights)[0], updated_at=stamp))
        count = round(len(own) * HOUSEHOLDS_PER_MEMBER) + rng.randint(-3, 3)
        away = [m for m in own if m[3] == AWAY_CATEGORY]
        for n in range(count):
            settlement = rng.choices(places, weights)[0]
            if n < len(away):  # the family of a member who works away
                member_id, name, _b, _c, sex, ethnicity = away[n]
                kind, away_member = labels.AWAY, member_id
                head = name if rng.random() < 0.3 else maker.name(ethnicity, "女" if sex == "男" else "男")
                notes = f"党员{name}外出务工"
            else:
                ethnicity = weighted_choice(rng, profile)
                head = maker.name(ethnicity, "男" if rng.random() < 0.82 else "女")
                away_member, notes = None, ""
                kind = weighted_choice(rng, HARDSHIP_MIX) if rng.random() < HARDSHIP_SHARE else labels.GENERAL
            people = rng.randint(1, 2) if kind == "五保户" else rng.choice((2, 3, 3, 4, 4, 5, 5, 6, 7, 8))
            phone = maker.phone() if rng.random() < 0.9 else ""
            households.append(dict(head=head, branch=branch_id, settlement=settlement, people=people, phone=phone,
                                   kind=kind, away_member=away_member, notes=notes, status=labels.HOUSEHOLD_ACTIVE,
                                   created_at=stamp, updated_at=stamp))  # fmt: skip
        for role in rng.sample(labels.HELPER_ROLES, rng.randint(1, 2)):
            ethnicity = weighted_choice(rng, profile)
            helpers.append(dict(name=maker.name(ethnicity, "男" if rng.random() < 0.6 else "女"), branch=branch_id,
                                role=role, phone=maker.phone(), settlement=rng.choice(places), max_households=None,
                                status=labels.HELPER_ACTIVE, notes="", created_at=stamp))  # fmt: skip
    with writing(changes.HOUSEHOLDS, changes.PAIRINGS, unlogged=audit.DEMO):
        bulk_insert(Household, households)
        bulk_insert(PairingProfile, member_profiles)
        bulk_insert(PairingHelper, helpers)
        proposal = plan_pairings(year)
        if not proposal.complete:  # the demo shows 全覆盖; a plan short of it is a bug here
            raise PairingError(proposal.reasons)
        pairs = apply_proposal(proposal, today=min(dt.date.today(), dt.date(year, 3, 1)), backup=False)
    return DemoPairing(households=len(households), pairs=pairs)
