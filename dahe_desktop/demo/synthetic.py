"""Synthetic members in bulk (benchmarks): the demo's name pools and valid IDs, no exact
figures, and a fast path that builds column values directly (pinyin keys included)."""

from __future__ import annotations

import random

from dahe_desktop import labels
from dahe_desktop.demo.people import PeopleMaker, add_years, birth_for_age, township_data
from dahe_desktop.demo.township import DEMO_REFERENCE_DATE, LAST_JOINED
from dahe_desktop.roster.pinyin import pinyin_keys
from db.models import now

SYNTHETIC_SEED = 100_000
ETHNICITY = {"汉族": 46, "藏族": 38, "回族": 9, "土族": 4, "蒙古族": 2, "撒拉族": 1}
EDUCATION = {"小学及以下": 20, "初中": 42, "高中": 18, "中专/职高/技校": 8, "大专": 8, "本科": 4}
CATEGORY = {"党员干部": 15, "一般党员": 60, "外出党员": 10, "老病残党员": 15}


def synthetic_rows(members: int, branch_ids: list[int]) -> tuple[list[dict], dict[int, int]]:
    """Column values for `members` members spread over the branches, and for each branch
    the row index of its secretary (its first member)."""
    rng = random.Random(SYNTHETIC_SEED)
    maker = PeopleMaker(rng, unique_names=False)
    data = township_data()
    promises = data["promises"]
    rural_skills = data["specialties"]["rural"]
    skill_names = sorted(rural_skills)
    groups, group_w = list(ETHNICITY), list(ETHNICITY.values())
    levels, level_w = list(EDUCATION), list(EDUCATION.values())
    cats, cat_w = list(CATEGORY), list(CATEGORY.values())
    stamp = now()
    rows: list[dict] = []
    secretaries: dict[int, int] = {}
    for n in range(members):
        branch_id = branch_ids[n * len(branch_ids) // members]
        first = branch_id not in secretaries
        if first:
            secretaries[branch_id] = n
        ethnicity = rng.choices(groups, group_w)[0]
        sex = "女" if rng.random() < 0.2 else "男"
        age = rng.randint(22, 85)
        birth = birth_for_age(rng, age, DEMO_REFERENCE_DATE)
        joined = add_years(birth, rng.randint(19, min(age, 40)))
        joined = min(joined, LAST_JOINED)
        skill = rng.choice(skill_names)
        name = maker.name(ethnicity, sex)
        initials, full = pinyin_keys(name)
        rows.append(
            dict(
                name=name, name_initials=initials, name_pinyin=full, sex=sex, ethnicity=ethnicity,
                birth_date=birth, id_number=maker.id_number(maker.region(), birth, sex),
                education=rng.choices(levels, level_w)[0], joined_party=joined, membership="正式党员",
                branch=branch_id, phone=maker.phone(), position="支部书记" if first else "",
                category="党员干部" if first else rng.choices(cats, cat_w)[0], specialties=skill,
                services="\n".join(rural_skills[skill]), service_promise=rng.choice(promises),
                status=labels.STATUS_ACTIVE, status_date=None, status_note="",
                created_at=stamp, updated_at=stamp,
            )  # fmt: skip
        )
    return rows, secretaries
