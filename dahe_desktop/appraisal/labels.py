"""The appraisal's words, in one place."""

from __future__ import annotations

from dahe_desktop.labels import CATEGORIES

__all__ = ["CATEGORIES"]

DRAFT, SCORING, FINALIZED = "draft", "scoring", "finalized"
STATES = (DRAFT, SCORING, FINALIZED)
STATE_LABELS = {DRAFT: "准备中", SCORING: "评分中", FINALIZED: "已定档"}

# Who scores at the 考评大会: the members present and the villager representatives.
RATER_MEMBERS, RATER_REPRESENTATIVES = "党员", "群众代表"
RATER_GROUPS = (RATER_MEMBERS, RATER_REPRESENTATIVES)
DEFAULT_WEIGHTS = {RATER_MEMBERS: 60, RATER_REPRESENTATIVES: 40}  # per cent

# Grades, best first, with the lowest total (points) that suggests each.
EXCELLENT = "优秀"
DEFAULT_BANDS = (("优秀", 90), ("合格", 70), ("基本合格", 60), ("不合格", 0))
THREE_GRADE_BANDS = (("优秀", 90), ("合格", 60), ("不合格", 0))
# A member graded so gets improvement measures (改进措施).
NEEDS_MEASURES = frozenset({"基本合格", "不合格"})

# Trimming: drop the highest and lowest score of a rater group this large or larger.
TRIM_MIN_RATERS = 5

PASS_LABELS = {1: "第一遍录入", 2: "第二遍录入（核对）"}

# Suggested categories (the clerk confirms each).
OLD_AGE = 60
SUGGEST_OLD = "年满60岁且无职务，可按老病残党员考核"
SUGGEST_AWAY = "花名册登记为外出党员"
SUGGEST_CADRE = "有职务"
SUGGEST_ROSTER = "按花名册人员类别"

EVENT_FINALIZE, EVENT_REOPEN, EVENT_CHANGE = "finalize", "reopen", "change"
EVENT_LABELS = {EVENT_FINALIZE: "定档", EVENT_REOPEN: "重新打开", EVENT_CHANGE: "修改"}
