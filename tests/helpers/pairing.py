"""A small village for pairing tests, built through the services the tab uses."""

from __future__ import annotations

import datetime as dt

from dahe_desktop.pairing import labels
from dahe_desktop.pairing.service import HouseholdData, save_household, save_profile
from dahe_desktop.roster.service import save_branch, save_member
from db.models import Branch
from tests.helpers.roster import member

VILLAGE = "扎西村党支部"

# name, category, position, settlement
PEOPLE = [
    ("才让书记", "党员干部", "支部书记", "一社"),
    ("卓玛", "一般党员", "", "一社"),
    ("多杰", "一般党员", "", "二社"),
    ("老扎西", "老病残党员", "", "二社"),
    ("外出才让", "外出党员", "", "一社"),
]


def small_village() -> dict[str, int]:
    """One village branch, five members, twelve households; name -> id."""
    ids = {VILLAGE: save_branch(VILLAGE, "农牧村", "扎西村")}
    for serial, (name, category, position, settlement) in enumerate(PEOPLE):
        sex = "女" if name == "卓玛" else "男"
        ids[name] = save_member(member(name, sex, "藏族", dt.date(1970 + serial, 3, 1), ids[VILLAGE], serial,
                                       category=category, position=position, phone=f"1391234560{serial}"))  # fmt: skip
        save_profile(ids[name], settlement=settlement)
    Branch.update(secretary=ids["才让书记"]).where(Branch.id == ids[VILLAGE]).execute()
    homes = [("一社", labels.GENERAL)] * 5 + [("二社", labels.GENERAL)] * 3 + [("一社", "低保户"), ("二社", "脱贫户")]
    for n, (place, kind) in enumerate(homes):
        ids[f"户{n + 1}"] = save_household(HouseholdData(f"户主{n + 1}", ids[VILLAGE], place, 4, "", kind))
    ids["流动户"] = save_household(HouseholdData("外出家", ids[VILLAGE], "一社", 3, "", labels.AWAY, ids["外出才让"]))
    ids["户12"] = save_household(HouseholdData("户主12", ids[VILLAGE], "二社", 2, "", labels.GENERAL))
    return ids
