"""Small valid rosters for tests, built through the same service the dialog uses."""

from __future__ import annotations

import datetime as dt

from dahe_desktop.roster.idcard import make_id_number
from dahe_desktop.roster.service import save_branch, save_member
from dahe_desktop.roster.validation import MemberData

PEOPLE = [
    ("卓玛才让", "女", "藏族", dt.date(1985, 3, 12), "高中", "13912345670"),
    ("扎西多杰", "男", "藏族", dt.date(1962, 7, 1), "初中", "13912345671"),
    ("马福祥", "男", "回族", dt.date(1990, 1, 20), "大专", "13912345672"),
    ("张晓梅", "女", "汉族", dt.date(1978, 11, 5), "本科", "13912345673"),
    ("李国强", "男", "汉族", dt.date(1955, 5, 9), "小学及以下", "13912345674"),
]


def member(name: str, sex: str, ethnicity: str, birth: dt.date, branch_id: int, serial: int, **extra) -> MemberData:
    return MemberData(
        name=name, sex=sex, ethnicity=ethnicity, birth_date=birth,
        id_number=make_id_number("632522", birth, serial, sex), branch_id=branch_id, **extra,
    )  # fmt: skip


def small_roster() -> dict[str, int]:
    """Two branches, five members; returns name -> member id (and branch names -> ids)."""
    ids = {
        "扎西村党支部": save_branch("扎西村党支部", "农牧村", "扎西村"),
        "乡机关党支部": save_branch("乡机关党支部", "机关"),
    }
    for serial, (name, sex, eth, birth, edu, phone) in enumerate(PEOPLE):
        branch = ids["乡机关党支部"] if name == "张晓梅" else ids["扎西村党支部"]
        ids[name] = save_member(member(name, sex, eth, birth, branch, serial, education=edu, phone=phone))
    return ids
