"""A village branch for 设岗定责 tests: members of every appraisal category."""

from __future__ import annotations

import datetime as dt

from dahe_desktop.roster.service import save_branch, save_member
from tests.helpers.roster import member

# name, sex, category, position
VILLAGERS = [
    ("才让东智", "男", "党员干部", "支部书记"),
    ("卓玛", "女", "一般党员", ""),
    ("多杰", "男", "一般党员", ""),
    ("拉毛", "女", "一般党员", ""),
    ("尼玛", "男", "一般党员", ""),
    ("桑吉", "男", "一般党员", ""),
    ("更登", "男", "外出党员", ""),
    ("才吉", "女", "老病残党员", ""),
]


def village_branch() -> dict[str, int]:
    """One 农牧村 branch with the people above; returns name -> id (and 'branch')."""
    ids = {"branch": save_branch("扎西村党支部", "农牧村", "扎西村")}
    for serial, (name, sex, category, position) in enumerate(VILLAGERS):
        birth = dt.date(1950 if category == "老病残党员" else 1980 + serial, 3, 1)
        ids[name] = save_member(member(name, sex, "藏族", birth, ids["branch"], serial, category=category, position=position))
    return ids
