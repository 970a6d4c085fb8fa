"""The overview's figures by name: their keys, titles and the per-branch table's
columns. Names only, no queries: the tab builds its tiles from these before the
figures are computed (after its first paint)."""

from __future__ import annotations

from dahe_desktop.service import labels as L

TEAM_FIGURE_KEYS = {
    L.SERVICE_TEAM: "service_teams",
    L.ASSISTANCE_TEAM: "assistance_teams",
    L.DEMONSTRATION_TEAM: "demonstration_teams",
    L.TYPICAL_HOUSEHOLD: "typical_households",
    L.CO_PROSPERITY_GROUP: "co_prosperity_groups",
}

# Every figure, in the order of `main.py dashboard --json`, with its title.
FIGURE_TITLES: dict[str, str] = {
    "members": "在册党员",
    "service_teams": L.SERVICE_TEAM,
    "assistance_teams": L.ASSISTANCE_TEAM,
    "demonstration_teams": L.DEMONSTRATION_TEAM,
    "typical_households": L.TYPICAL_HOUSEHOLD,
    "co_prosperity_groups": L.CO_PROSPERITY_GROUP,
    "co_prosperity_people": "共富组成员",
    "poor_households_helped": "帮带困难户",
    "households": "农牧户",
    "households_covered": "已联系户",
    "households_uncovered": "未联系户",
    "posts": "设岗",
    "posts_filled": "已上岗",
    "commitments": "公开承诺",
    "commitments_done": "承诺已完成",
    "commitments_overdue": "承诺逾期",
    "appraised": "参加评议",
    "appraisal_excellent": "优秀",
    "appraisal_qualified": "合格",
    "appraisal_basic": "基本合格",
    "appraisal_unqualified": "不合格",
    "visits": "走访",
    "items": "社情民意",
    "items_resolved": "有办理结果",
    "items_open": "未反馈",
    "items_closed": "已反馈",
    "items_overdue": "逾期未办",
    "inspections": "视察调研",
    "inspections_remote": "到艰苦边远点",
    "opinions": "意见建议",
    "opinions_adopted": "被采纳",
}
FIGURES = tuple(FIGURE_TITLES)

DASH = "—"

# (title, figure keys summed) per column of the per-branch table.
TABLE_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("党员", ("members",)),
    ("三队三强", tuple(TEAM_FIGURE_KEYS.values())),
    ("共富组成员", ("co_prosperity_people",)),
    ("帮带户", ("poor_households_helped",)),
    ("承诺", ("commitments",)),
    ("已完成", ("commitments_done",)),
    ("走访", ("visits",)),
    ("社情民意", ("items",)),
    ("未反馈", ("items_open",)),
    ("逾期", ("items_overdue",)),
    ("未联系户", ("households_uncovered",)),
)


def cell(values: dict[str, int | None], keys: tuple[str, ...]) -> str:
    got = [values.get(k) for k in keys]
    return DASH if any(v is None for v in got) else str(sum(got))
