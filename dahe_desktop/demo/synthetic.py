"""Synthetic members in bulk (benchmarks): the demo's name pools and valid IDs, no exact
figures, and a fast path that builds column values directly (pinyin keys included)."""

from __future__ import annotations

import datetime as dt
import random

from dahe_desktop import labels
from dahe_desktop.demo.people import PeopleMaker, add_years, township_data
from dahe_desktop.demo.township import DEMO_REFERENCE_DATE, LAST_JOINED
from dahe_desktop.roster.pinyin import pinyin_keys
from dahe_desktop.roster.query import search_key
from db.models import now

SYNTHETIC_SEED = 100_000
ETHNICITY = {"汉族": 46, "藏族": 38, "回族": 9, "土族": 4, "蒙古族": 2, "撒拉族": 1}
EDUCATION = {"小学及以下": 20, "初中": 42, "高中": 18, "中专/职高/技校": 8, "大专": 8, "本科": 4}
CATEGORY = {"党员干部": 15, "一般党员": 60, "外出党员": 10, "老病残党员": 15}


def synthetic_rows(members: int, branch_ids: list[int]) -> list[dict]:
    """Column values for `members` members spread over the branches in order; each
    branch's first member is its secretary. Draws in bulk: 100,000 rows in about 1.5 s."""
    rng = random.Random(SYNTHETIC_SEED)
    maker = PeopleMaker(rng, unique_names=False)
    data = township_data()
    promises = data["promises"]
    rural_skills = data["specialties"]["rural"]
    services = {skill: "\n".join(items) for skill, items in rural_skills.items()}

    def draw(table: dict[str, int]) -> list[str]:
        return rng.choices(list(table), weights=list(table.values()), k=members)

    ethnicities, educations, categories = draw(ETHNICITY), draw(EDUCATION), draw(CATEGORY)
    skills = rng.choices(sorted(rural_skills), k=members)
    pledges = rng.choices(promises, k=members)
    oldest = DEMO_REFERENCE_DATE - dt.timedelta(days=round(86 * 365.25))
    span = (DEMO_REFERENCE_DATE - dt.timedelta(days=round(22 * 365.25)) - oldest).days
    stamp = now()
    rows: list[dict] = []
    seen: set[int] = set()
    for n in range(members):
        branch_id = branch_ids[n * len(branch_ids) // members]
        first = branch_id not in seen
        seen.add(branch_id)
        ethnicity = ethnicities[n]
        sex = "女" if rng.random() < 0.2 else "男"
        birth = oldest + dt.timedelta(days=rng.randrange(span))
        joined = min(LAST_JOINED, add_years(birth, rng.randint(19, 40)))
        name = maker.name(ethnicity, sex)
        initials, full = pinyin_keys(name)
        phone, id_number = maker.phone(), maker.id_number(maker.region(), birth, sex)
        rows.append(
            dict(
                name=name, name_initials=initials, name_pinyin=full,
                search_key=search_key(name, phone, id_number), sex=sex, ethnicity=ethnicity,
                birth_date=birth, id_number=id_number,
                education=educations[n], joined_party=joined, membership="正式党员",
                branch=branch_id, phone=phone, position="支部书记" if first else "",
                category="党员干部" if first else categories[n], specialties=skills[n],
                services=services[skills[n]], service_promise=pledges[n],
                status=labels.STATUS_ACTIVE, status_date=None, status_note="",
                created_at=stamp, updated_at=stamp,
            )  # fmt: skip
        )
    return rows
