"""Small roster and commitments for the commitment tests (core and tab); no tests here."""

from __future__ import annotations

import datetime as dt

from dahe_desktop.commitments.records import CommitmentInput
from dahe_desktop.commitments.service import save_member_commitments
from dahe_desktop.roster.idcard import make_id_number
from dahe_desktop.roster.service import save_branch, save_member
from dahe_desktop.roster.validation import MemberData

NAMES = ["卓玛才让", "李建国", "马秀兰", "旦增多吉", "韩永福", "拉毛措", "王桂英"]


def make_roster(branches: int = 2, per_branch: int = 3) -> dict[str, list[int]]:
    """Branches 第N村党支部 with members; returns branch name -> member ids."""
    out: dict[str, list[int]] = {}
    serial = 0
    for b in range(1, branches + 1):
        name = f"大河乡第{b}村党支部"
        branch_id = save_branch(name, "农牧村", village=f"第{b}村")
        out[name] = []
        for i in range(per_branch):
            sex = "女" if i % 2 else "男"
            birth = dt.date(1970 + serial, 3, 1 + serial)
            data = MemberData(
                name=NAMES[serial % len(NAMES)] + ("" if serial < len(NAMES) else str(serial)),
                sex=sex, ethnicity="藏族", birth_date=birth,
                id_number=make_id_number("632621", birth, serial, sex), education="初中",
                branch_id=branch_id, position="村委委员" if i == 0 else "",
            )  # fmt: skip
            out[name].append(save_member(data))
            serial += 1
    return out


def item(content: str, month: int = 6, year: int = 2026, area: str = "兴办实事", quality: str = "群众满意") -> CommitmentInput:
    return CommitmentInput(area=area, content=content, due_date=dt.date(year, month, 28), quality=quality)


def commit(member_id: int, contents: list[str], year: int = 2026, month: int = 6) -> list[int]:
    return save_member_commitments(member_id, year, [item(c, month, year) for c in contents])


def replace_all(member_id: int, year: int, items: list[CommitmentInput]) -> list[int]:
    """Save `items` as the member's whole set for the year: every other one is removed."""
    from dahe_desktop.commitments.service import member_commitments

    kept = {i.id for i in items}
    gone = [r.id for r in member_commitments(member_id, year) if r.status != "已撤回" and r.id not in kept]
    return save_member_commitments(member_id, year, items, removed_ids=gone)

