"""The report's prose: the year's figures written the way the seed writes them (§3.1:
组建支部服务队17个，党员帮扶队17个，能人示范队34个…，成员1000多人，帮带贫困户100多户)."""

from __future__ import annotations

from dahe_desktop.dashboard.figures import Dashboard, coverage
from dahe_desktop.service import labels as L
from dahe_desktop.stats import basic_paragraph


def about(n: int) -> str:
    """A large count as the seed rounds it: two leading digits and 多 (1054 → 1000多,
    1254 → 1200多, 135 → 130多); below 100, or when round already, the exact number."""
    if n < 100:
        return str(n)
    step = 10 ** (len(str(n)) - 2)
    rounded = n // step * step
    return str(n) if rounded == n else f"{rounded}多"


def teams_paragraph(d: Dashboard, township: str) -> str:
    """§3.1: the 三队三强 teams, the co-prosperity groups with their main trades, their
    people and the households helped."""
    v = d.values

    def order(kv: tuple[str, int]) -> tuple[int, int]:
        return -kv[1], L.TRADES.index(kv[0]) if kv[0] in L.TRADES else len(L.TRADES)

    named = "、".join(t for t, _ in sorted(d.teams.trades.items(), key=order)[:3])
    kinds = f"{named}等各类" if named else "各类"
    return (
        f"{township}通过开展“三队三强”活动，组建{L.SERVICE_TEAM}{v['service_teams']}个，"
        f"{L.ASSISTANCE_TEAM}{v['assistance_teams']}个，{L.DEMONSTRATION_TEAM}{v['demonstration_teams']}个，"
        f"{L.TYPICAL_HOUSEHOLD}{v['typical_households']}户，"
        f"组建{kinds}{L.CO_PROSPERITY_GROUP}{v['co_prosperity_groups']}个，成员{about(v['co_prosperity_people'])}人，"
        f"帮带贫困户{about(v['poor_households_helped'])}户。"
    )


def visits_paragraph(d: Dashboard) -> str:
    """§3.2: visits, the items collected and what became of them."""
    v = d.values
    unresolved = v["items"] - v["items_resolved"]
    return (
        f"{d.year}年，全乡党员进村入户访民情{v['visits']}次，收集社情民意{v['items']}条，"
        f"已办理出结果{v['items_resolved']}条，其中已向群众反馈办理结果{v['items_closed']}条；"
        f"正在办理{unresolved}条，其中超过办理时限{v['items_overdue']}条。"
    )


def inspections_paragraph(d: Dashboard) -> str:
    """§3.3: inspections and research, remote places, opinions taken up."""
    v = d.values
    return (
        f"围绕{'、'.join(L.INSPECTION_AREAS)}等开展党员视察调研{v['inspections']}次，"
        f"其中深入艰苦、边远牧业点{v['inspections_remote']}次，"
        f"向党支部提出意见建议{v['opinions']}条，被采纳{v['opinions_adopted']}条。"
    )


def commitments_paragraph(d: Dashboard) -> str:
    """§3.5 and, where those features are there, §3.7 coverage, §3.4 posts, §3.6 grades."""
    v = d.values
    parts = [f"党员公开承诺{v['commitments']}件，已完成{v['commitments_done']}件，逾期未完成{v['commitments_overdue']}件"]
    share = coverage(v)
    if share is not None:
        parts.append(f"结对联系农牧户{v['households']}户，覆盖率{share * 100:.1f}%，尚未联系{v['households_uncovered']}户")
    if v.get("posts") is not None:
        parts.append(f"设岗{v['posts']}个，已上岗{v['posts_filled']}个")
    if v.get("appraised") is not None:
        parts.append(
            f"参加民主评议{v['appraised']}人，评为优秀{v['appraisal_excellent']}人、合格{v['appraisal_qualified']}人、"
            f"基本合格{v['appraisal_basic']}人、不合格{v['appraisal_unqualified']}人"
        )
    return f"{d.year}年，" + "；".join(parts) + "。"


def report_paragraphs(d: Dashboard, township: str) -> list[tuple[str, str]]:
    """(heading, paragraph) in the report's order: the seed's sections."""
    return [
        ("一、基本情况", basic_paragraph(d.basic, township)),
        ("二、“三队三强”活动", teams_paragraph(d, township)),
        ("三、进村入户访民情", visits_paragraph(d)),
        ("四、视察调研", inspections_paragraph(d)),
        ("五、公开承诺及其他", commitments_paragraph(d)),
    ]
