"""The words of 设岗定责, in one place (UI, CLI and printouts use these)."""

from __future__ import annotations

TAB_TITLE = "设岗定责"

APPLIED = "自己申报"
NOMINATED = "群众提名"
APPLICATION_KINDS = (APPLIED, NOMINATED)
NOMINATOR_PERSON = "群众个人"
NOMINATOR_GROUP = "群众联名"
NOMINATOR_KINDS = (NOMINATOR_PERSON, NOMINATOR_GROUP)

# Candidates' outcomes after the tally.
ELECTED = "当选"
NOT_ELECTED = "未当选"
TIED = "并列待定"
OUTCOMES = (ELECTED, NOT_ELECTED, TIED)

# How a member came to hold a post.
BY_VOTE = "投票当选"
BY_BRANCH = "支部调剂"
SOURCES = (BY_VOTE, BY_BRANCH)

ON_POST = "在岗"
OFF_POST = "离岗"

# The steps of a selection, in order (the step view shows each with its date).
STEPS = ("开设岗位", "申报与提名", "差额确定候选人", "投票录入（两次）", "计票", "确定岗位")

# The tally rule, stated once: the tab and the printouts show this text.
TALLY_RULE = (
    "计票规则：有效票为收回的党员票和群众代表票减去无效票（空白票计入有效票）；"
    "候选人得票（党员票与群众代表票合计）超过有效票半数的，按得票多少依次当选，至岗位名额满为止；"
    "名额内最后一位得票相同、超出名额的，列为并列，由党支部研究决定并记录；"
    "得票未过半数的不当选，空出的名额由支部调剂安排。"
)
DOUBLE_ENTRY_RULE = "选票结果须由两人各录入一次（或同一人录入两次），两次完全一致后方可计票。"

# Coverage (seed: 为每名有活动能力的党员确定岗位; 有职党员有实责、无职党员有实职).
HOLDS_POST = "已定岗"
OFFICE_HOLDER = "有职党员"
NO_POST = "未定岗"
EXEMPT = "不作要求"
# Appraisal categories (dahe_desktop.labels.CATEGORIES) as coverage reads them.
CATEGORY_OFFICE = "党员干部"  # holds an office: listed apart
CATEGORY_AWAY = "外出党员"  # away from the village: a post only where the member applies
CATEGORY_FRAIL = "老病残党员"  # old, sick or disabled: a post only where the member wishes
WISH_ONLY = (CATEGORY_AWAY, CATEGORY_FRAIL)
