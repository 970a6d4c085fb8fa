"""Demo data: the township 大河乡 whose figures equal the seed's, and synthetic townships
of any size for benchmarks. Both only fill an empty database, in one transaction."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from peewee import fn

from dahe_desktop import labels, settings
from dahe_desktop.appraisal.demo import add_demo_appraisals
from dahe_desktop.commitments.demo import add_demo_commitments
from dahe_desktop.county.demo import add_demo_township
from dahe_desktop.demo.people import PeopleMaker
from dahe_desktop.demo.synthetic import synthetic_rows
from dahe_desktop.demo.township import (
    DEMO_REFERENCE_DATE,
    DEMO_SEED,
    SEED_FIGURES,
    Person,
    assign_roles,
    branch_plans,
    feature_names,
    fill_details,
    plan_history,
    plan_members,
)
from dahe_desktop.errors import UserError
from dahe_desktop.pairing.demo import add_demo_pairing
from dahe_desktop.posts.demo import add_demo_posts
from dahe_desktop.roster.service import member_row_values
from dahe_desktop.roster.spellings import mark_keys_current
from dahe_desktop.roster.validation import MemberData, validate_member
from dahe_desktop.service.demo import add_demo_service
from db import audit, bulk_insert, changes, writing
from db.models import Branch, Member

__all__ = [
    "DEMO_REFERENCE_DATE", "SEED_FIGURES", "DemoError", "DemoResult", "build_demo", "build_synthetic",
    "ensure_empty",
]  # fmt: skip

DEMO_SUPERVISION_PHONE = "0974-8591234"


class DemoError(UserError):
    """The demo was refused (the database is not empty); the message is for the clerk."""


@dataclass
class DemoResult:
    """What was loaded, for the caller's summary and for further demo data (e.g. 2026
    commitments for the active members)."""

    branches: int
    active_members: int
    history_members: int
    reference_date: dt.date
    branch_ids: dict[str, int] = field(default_factory=dict)  # name -> id, display order
    active_member_ids: list[int] = field(default_factory=list)
    secretary_ids: dict[str, int] = field(default_factory=dict)  # branch name -> member id
    commitments: int = 0  # public commitments added for the demo year
    visits: int = 0  # 进村入户 visits added for the demo year
    post_holders: int = 0  # members holding a 设岗定责 post in the demo year
    households: int = 0  # 农牧户 of the village branches, all paired for the demo year
    appraised: int = 0  # members graded in the demo year's finalized appraisals


def ensure_empty() -> None:
    """Refuse to mix demo people with a real roster."""
    branches, members = Branch.select().count(), Member.select().count()
    if branches or members:
        raise DemoError(f"数据库中已有{branches}个支部、{members}名党员；示范数据只能载入空数据库")


def build_demo() -> DemoResult:
    """Fill an empty database with the demo 大河乡 (deterministic: same data every run)."""
    rng = random.Random(DEMO_SEED)
    plans = branch_plans()
    people = plan_members(rng, plans)
    secretaries = assign_roles(rng, plans, people)
    maker = PeopleMaker(rng)
    fill_details(rng, people, maker)
    feature_names(people)
    history = plan_history(rng, plans, maker)
    with writing(changes.EVERYTHING, unlogged=audit.DEMO):
        ensure_empty()
        mark_keys_current()  # names keyed by today's rules: nothing to redo when it is opened
        branch_ids = _insert_branches([(p.name, p.kind, p.village) for p in plans])
        ids = list(branch_ids.values())
        rows = [_validated_row(p, ids[p.branch]) for p in people + history]
        bulk_insert(Member, rows, prepared=True)
        by_id_number = dict(Member.select(Member.id_number, Member.id).tuples())
        secretary_ids = {}
        for b, i in secretaries.items():
            member_id = by_id_number[people[i].id_number]
            Branch.update(secretary=member_id).where(Branch.id == ids[b]).execute()
            secretary_ids[plans[b].name] = member_id
        if not settings.get(settings.SUPERVISION_PHONE):
            settings.put(settings.SUPERVISION_PHONE, DEMO_SUPERVISION_PHONE)
        # Issue 5: every active member commits to 1-5 things in the demo year.
        commitments = add_demo_commitments(DEMO_REFERENCE_DATE.year)
        add_demo_township()  # issue 17: the township's code and row, for packages to the county
        # Issue 14: the seed's 三队三强 teams, a year of visits and items, 视察调研.
        visits = add_demo_service(DEMO_REFERENCE_DATE.year)
        posts = add_demo_posts(DEMO_REFERENCE_DATE.year)  # issue 12: 设岗定责 finished in every branch
        pairing = add_demo_pairing(DEMO_REFERENCE_DATE.year)
        appraised = add_demo_appraisals(DEMO_REFERENCE_DATE.year)  # issue 13: a finalized run per branch
    return DemoResult(
        branches=len(plans),
        active_members=len(people),
        history_members=len(history),
        reference_date=DEMO_REFERENCE_DATE,
        branch_ids=branch_ids,
        active_member_ids=[by_id_number[p.id_number] for p in people],
        secretary_ids=secretary_ids,
        commitments=commitments,
        visits=visits,
        post_holders=posts.holders,
        households=pairing.households,
        appraised=appraised,
    )


def build_synthetic(members: int) -> DemoResult:
    """A synthetic township of `members` active members for benchmarks (about 18 a branch)."""
    if members < 1:
        raise DemoError("人数应为正整数")
    with writing(changes.EVERYTHING, unlogged=audit.DEMO):
        ensure_empty()
        mark_keys_current()  # names keyed by today's rules: nothing to redo when it is opened
        count = max(1, round(members / 18))
        branch_ids = _insert_branches(_synthetic_branches(count))
        member_rows = synthetic_rows(members, list(branch_ids.values()))
        bulk_insert(Member, member_rows, prepared=True)
        # Each branch's first member is its 支部书记.
        first = Member.select(fn.MIN(Member.id)).where(Member.branch == Branch.id)
        Branch.update(secretary=first).execute()
        active_ids = [i for (i,) in Member.select(Member.id).order_by(Member.id).tuples()]
    return DemoResult(
        branches=count,
        active_members=members,
        history_members=0,
        reference_date=DEMO_REFERENCE_DATE,
        branch_ids=branch_ids,
        active_member_ids=active_ids,
    )


def _synthetic_branches(count: int) -> list[tuple[str, str, str]]:
    out = []
    for n in range(1, count + 1):
        if n % 7 == 0:
            out.append((f"合成第{n}机关党支部", "机关", ""))
        else:
            out.append((f"合成{n}村党支部", labels.BRANCH_RURAL, f"合成{n}村"))
    return out


def _insert_branches(branches: list[tuple[str, str, str]]) -> dict[str, int]:
    rows = [dict(name=n, kind=k, village=v, sort_order=i + 1) for i, (n, k, v) in enumerate(branches)]
    bulk_insert(Branch, rows)
    return dict(Branch.select(Branch.name, Branch.id).order_by(Branch.sort_order).tuples())


def _validated_row(p: Person, branch_id: int) -> dict:
    """Column values through the roster's own rules: a demo member is a valid member."""
    data = MemberData(
        name=p.name, sex=p.sex, ethnicity=p.ethnicity, birth_date=p.birth_date, id_number=p.id_number,
        education=p.education, joined_party=p.joined_party, membership=p.membership, branch_id=branch_id,
        phone=p.phone, position=p.position, category=p.category, specialties=p.specialties,
        services="\n".join(p.services), service_promise=p.service_promise,
    ).cleaned()  # fmt: skip
    problems = validate_member(data, today=DEMO_REFERENCE_DATE)
    if problems:
        raise AssertionError(f"demo member {p.name} is invalid: {problems.lines()}")
    row = member_row_values(data)
    row.update(status=p.status, status_date=p.status_date, status_note=p.status_note)
    return row
