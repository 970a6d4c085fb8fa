"""三队三强 teams and 党群共富组 (seed §3.1): members (Party and not), households helped.

A team counts for a year from the year it was formed up to the year it was dissolved
(a dissolved team is kept, not deleted: last year's report must still add up).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from peewee import Case, fn

from dahe_desktop.service import labels as L
from dahe_desktop.service.records import TeamDetail, TeamInput, TeamRow
from dahe_desktop.service.rules import ServiceError, team_problems
from dahe_desktop.textnorm import clean_text
from db import audit, bulk_insert, changes, writing
from db.models import Branch, Member, Team, TeamHousehold, TeamMember, now


def _active_in(year: int):
    return (Team.formed_year <= year) & (Team.dissolved_year.is_null() | (Team.dissolved_year >= year))


def _kind_order():
    """Teams in the seed's order of kinds (支部服务队 first), not by the text."""
    return Case(Team.kind, [(k, i) for i, k in enumerate(L.TEAM_KINDS)], len(L.TEAM_KINDS))


def save_team(team: TeamInput) -> int:
    """Add or update a team with its members and households, in one transaction. The
    leader, when a Party member, is one of the members."""
    lines = team_problems(team)
    if Branch.get_or_none(Branch.id == team.branch_id) is None:
        lines.insert(0, "所选支部不存在，请重新选择")
    member_ids = list(dict.fromkeys([*([team.leader_id] if team.leader_id else []), *team.member_ids]))
    names = dict(Member.select(Member.id, Member.name).where(Member.id.in_(member_ids)).tuples())
    if len(names) != len(member_ids):
        lines.append("有的党员成员已不在名册中，请重新选择")
    if lines:
        raise ServiceError(lines)
    leader_name = names[team.leader_id] if team.leader_id else clean_text(team.leader_name)
    values = dict(branch=team.branch_id, kind=team.kind, name=clean_text(team.name), leader=team.leader_id,
                  leader_name=leader_name, trade=clean_text(team.trade), formed_year=team.formed_year,
                  note=clean_text(team.note), updated_at=now())  # fmt: skip
    villagers = [clean_text(v) for v in team.villagers]
    if not team.leader_id and leader_name and leader_name not in villagers:
        villagers.insert(0, leader_name)
    refs: dict[tuple[str, str], int | None] = {}
    homes = [(clean_text(n), clean_text(p)) for n, p in team.households]
    after = {"team_members": "、".join([names[m] for m in member_ids] + villagers),
             "households": "、".join(n + (f"（{p}）" if p else "") for n, p in homes)}  # fmt: skip
    with writing(changes.TEAMS):
        if team.id is None:
            team_id = audit.insert(Team, values)
            before = {"team_members": "", "households": ""}
        else:
            team_id = team.id
            before = _lists(team_id)
            if not audit.update(Team, values, [team_id]):
                raise ServiceError("这支队伍已不存在")
            # The lists are replaced as the form shows them; a household keeps its link to
            # the pairing tab's household when its name and place stay the same.
            refs = {(h.name, h.place): h.household_ref for h in TeamHousehold.select().where(TeamHousehold.team == team_id)}
            TeamMember.delete().where(TeamMember.team == team_id).execute()
            TeamHousehold.delete().where(TeamHousehold.team == team_id).execute()
        bulk_insert(TeamMember, [dict(team=team_id, member=m, name=names[m]) for m in member_ids]
                    + [dict(team=team_id, member=None, name=v) for v in villagers])  # fmt: skip
        bulk_insert(TeamHousehold, [dict(team=team_id, name=n, place=p, household_ref=refs.get((n, p))) for n, p in homes])
        audit.changed("team", team_id, before, after)  # its members and households, as the form lists them
    return team_id


def _lists(team_id: int) -> dict[str, str]:
    """A team's members and households as the log records them (one text each)."""
    people = [n for (n,) in TeamMember.select(TeamMember.name).where(TeamMember.team == team_id)
              .order_by(TeamMember.member.is_null(), TeamMember.id).tuples()]  # fmt: skip
    homes = [n + (f"（{p}）" if p else "") for n, p in TeamHousehold.select(TeamHousehold.name, TeamHousehold.place)
             .where(TeamHousehold.team == team_id).order_by(TeamHousehold.id).tuples()]  # fmt: skip
    return {"team_members": "、".join(people), "households": "、".join(homes)}


def dissolve_team(team_id: int, year: int) -> None:
    """The team stops counting after `year`; its record stays."""
    team = Team.get_or_none(Team.id == team_id)
    if team is None:
        raise ServiceError("这支队伍已不存在")
    if year < team.formed_year:
        raise ServiceError(f"“{team.name}”{team.formed_year}年组建，不能在{year}年撤销")
    with writing(changes.TEAMS):
        audit.update(Team, dict(dissolved_year=year, updated_at=now()), [team_id])


def list_teams(year: int, branch_id: int | None = None, kind: str = "") -> list[TeamRow]:
    """The teams counting for a year, with member and household counts (three queries)."""
    query = (
        Team.select(Team, Branch.name.alias("branch_name")).join(Branch).where(_active_in(year))
        .order_by(Branch.sort_order, Branch.id, _kind_order(), Team.id)
    )  # fmt: skip
    if branch_id is not None:
        query = query.where(Team.branch == branch_id)
    if kind:
        query = query.where(Team.kind == kind)
    rows = list(query.dicts())
    ids = [r["id"] for r in rows]
    party, others, homes = defaultdict(int), defaultdict(int), defaultdict(int)
    if ids:
        for team_id, is_party, n in (
            TeamMember.select(TeamMember.team, TeamMember.member.is_null(False), fn.COUNT(TeamMember.id))
            .where(TeamMember.team.in_(ids)).group_by(TeamMember.team, TeamMember.member.is_null(False)).tuples()
        ):  # fmt: skip
            (party if is_party else others)[team_id] += n
        for team_id, n in (
            TeamHousehold.select(TeamHousehold.team, fn.COUNT(TeamHousehold.id))
            .where(TeamHousehold.team.in_(ids)).group_by(TeamHousehold.team).tuples()
        ):  # fmt: skip
            homes[team_id] = n
    return [
        TeamRow(r["id"], r["branch"], r["branch_name"], r["kind"], r["name"], r["leader_name"], r["trade"],
                r["formed_year"], r["dissolved_year"], party[r["id"]], others[r["id"]], homes[r["id"]])
        for r in rows
    ]  # fmt: skip


def team_detail(team_id: int, year: int | None = None) -> TeamDetail:
    t = Team.select(Team, Branch.name.alias("branch_name")).join(Branch).where(Team.id == team_id).dicts().get()
    members = list(TeamMember.select().where(TeamMember.team == team_id).order_by(TeamMember.id).dicts())
    homes = list(TeamHousehold.select().where(TeamHousehold.team == team_id).order_by(TeamHousehold.id).dicts())
    party = [m for m in members if m["member"] is not None]
    row = TeamRow(t["id"], t["branch"], t["branch_name"], t["kind"], t["name"], t["leader_name"], t["trade"],
                  t["formed_year"], t["dissolved_year"], len(party), len(members) - len(party), len(homes))  # fmt: skip
    return TeamDetail(
        row=row, leader_id=t["leader"], member_ids=[m["member"] for m in party], member_names=[m["name"] for m in party],
        villagers=[m["name"] for m in members if m["member"] is None], households=[(h["name"], h["place"]) for h in homes],
        note=t["note"],
    )  # fmt: skip


@dataclass
class TeamFigures:
    """The §3.1 counts for a township or a branch."""

    by_kind: dict[str, int] = field(default_factory=lambda: {k: 0 for k in L.TEAM_KINDS})
    co_prosperity_people: int = 0
    households_helped: int = 0  # distinct households in difficulty helped by any team
    trades: dict[str, int] = field(default_factory=dict)  # 党群共富组 per trade


def team_figures(year: int) -> dict[int | None, TeamFigures]:
    """Per branch id (None: the township). A household helped by two teams counts once."""
    out: dict[int | None, TeamFigures] = defaultdict(TeamFigures)
    active = Team.select(Team.id).where(_active_in(year))
    for branch_id, kind, trade, n in (
        Team.select(Team.branch, Team.kind, Team.trade, fn.COUNT(Team.id)).where(_active_in(year))
        .group_by(Team.branch, Team.kind, Team.trade).tuples()
    ):  # fmt: skip
        for f in (out[branch_id], out[None]):
            f.by_kind[kind] = f.by_kind.get(kind, 0) + n
            if kind == L.CO_PROSPERITY_GROUP and trade:
                f.trades[trade] = f.trades.get(trade, 0) + n
    for branch_id, n in (
        TeamMember.select(Team.branch, fn.COUNT(TeamMember.id)).join(Team)
        .where(Team.id.in_(active) & (Team.kind == L.CO_PROSPERITY_GROUP)).group_by(Team.branch).tuples()
    ):  # fmt: skip
        out[branch_id].co_prosperity_people += n
        out[None].co_prosperity_people += n
    seen: dict[int | None, set] = defaultdict(set)
    for branch_id, ref, name, place in (
        TeamHousehold.select(Team.branch, TeamHousehold.household_ref, TeamHousehold.name, TeamHousehold.place)
        .join(Team).where(Team.id.in_(active)).tuples()
    ):  # fmt: skip
        key = ("ref", ref) if ref is not None else (branch_id, name, place)
        seen[branch_id].add(key)
        seen[None].add(key)
    for key, households in seen.items():
        out[key].households_helped = len(households)
    out[None]  # the township line exists even when empty
    return dict(out)


@dataclass
class HelpedHousehold:
    branch_name: str
    name: str
    place: str
    teams: list[str]


def helped_households(year: int, branch_id: int | None = None) -> list[HelpedHousehold]:
    """The households in difficulty the year's teams help, each once with its teams (for
    the clerk's own screen: hardship is never posted)."""
    query = (
        TeamHousehold.select(Branch.name, TeamHousehold.name, TeamHousehold.place, Team.name, Team.branch)
        .join(Team).join(Branch).where(_active_in(year))
        .order_by(Branch.sort_order, Branch.id, TeamHousehold.place, TeamHousehold.name, Team.id)
    )  # fmt: skip
    if branch_id is not None:
        query = query.where(Team.branch == branch_id)
    out: dict[tuple, HelpedHousehold] = {}
    for branch_name, name, place, team_name, team_branch in query.tuples():
        key = (team_branch, name, place)
        if key not in out:
            out[key] = HelpedHousehold(branch_name, name, place, [])
        out[key].teams.append(team_name)
    return list(out.values())
