"""The words of the service work (seed §3.1-§3.3), in one place."""

from __future__ import annotations

# 进村入户访民情 (seed §3.2): the kinds of visit.
VISIT_KINDS = ("走访", "慰问", "视察调研", "集中宣讲", "帮扶")

# 社情民意: what a problem raised is about.
ITEM_CATEGORIES = ("生产发展", "基础设施", "医疗教育", "社会保障", "邻里纠纷", "政策咨询", "其他")

# Where an item is passed to (seed: 向村支部、村委会反馈群众需解决的问题), and the
# township offices an item may go to.
ROUTE_BRANCH, ROUTE_COMMITTEE, ROUTE_OFFICE = "村党支部", "村委会", "乡镇部门"
ROUTES = (ROUTE_BRANCH, ROUTE_COMMITTEE, ROUTE_OFFICE)
TOWNSHIP_OFFICES = (
    "党政办", "经济发展办", "社会事务办", "农牧业综合服务中心", "财政所", "司法所", "派出所",
    "卫生院", "中心学校",
)  # fmt: skip

# An item's way: 已收集 → 已上报 → 办理中 → a result → 已反馈群众.
COLLECTED, REPORTED, IN_HAND = "已收集", "已上报", "办理中"
SOLVED, PARTLY_SOLVED, NOT_SOLVABLE = "已办结", "部分解决", "无法解决"
FED_BACK = "已反馈群众"
ITEM_STATUSES = (COLLECTED, REPORTED, IN_HAND, SOLVED, PARTLY_SOLVED, NOT_SOLVABLE, FED_BACK)
UNRESOLVED = (COLLECTED, REPORTED, IN_HAND)  # no result yet: these can be overdue
RESULTS = (SOLVED, PARTLY_SOLVED, NOT_SOLVABLE)  # a result the household must be told
NEEDS_REASON = (PARTLY_SOLVED, NOT_SOLVABLE)
REOPEN = "重新办理"  # the household says it is not solved: back to 办理中
FEEDBACK_WAYS = ("入户告知", "电话告知", "村民大会通报", "公示栏公示", "微信告知")
OVERDUE_TEXT = "已逾期"

# 视察调研 (seed §3.3): the topic areas.
INSPECTION_AREAS = ("经济发展", "公共服务", "民主管理", "和谐社会", "新农村建设")
ADOPTION_PENDING, ADOPTED, NOT_ADOPTED = "待研究", "已采纳", "未采纳"
ADOPTIONS = (ADOPTION_PENDING, ADOPTED, NOT_ADOPTED)
REMOTE_PLACE = "艰苦/边远牧业点"

# 三队三强 and 党群共富组 (seed §3.1).
SERVICE_TEAM, ASSISTANCE_TEAM, DEMONSTRATION_TEAM = "支部服务队", "党员帮扶队", "能人示范队"
TYPICAL_HOUSEHOLD, CO_PROSPERITY_GROUP = "产业经营典型户", "党群共富组"
TEAM_KINDS = (SERVICE_TEAM, ASSISTANCE_TEAM, DEMONSTRATION_TEAM, TYPICAL_HOUSEHOLD, CO_PROSPERITY_GROUP)
TEAM_UNITS = {TYPICAL_HOUSEHOLD: "户"}  # counted as households; the others as 个
TRADES = ("规模养殖", "屠宰贩销", "大棚种植", "青稞种植", "饲草种植", "乡村旅游", "民族手工", "运输", "其他")
TEAM_ACTIVE, TEAM_DISSOLVED = "活动中", "已撤销"

# Field titles shown in tables, dialogs and printouts.
FIELD_LABELS = {
    "member": "党员", "branch": "所在支部", "visit_date": "走访日期", "kind": "方式",
    "households": "走访户/地点", "heard": "听取的意见", "raised_date": "收集日期",
    "household": "反映人/户", "category": "类别", "content": "反映的问题", "route": "上报至",
    "office": "承办部门", "owner": "责任人", "due_date": "办理时限", "status": "状态",
    "result": "办理结果", "reason": "原因", "result_date": "办结日期", "feedback_date": "反馈日期",
    "feedback_how": "反馈方式", "area": "调研方面", "topic": "调研题目", "places": "调研地点",
    "participants": "参加人员", "findings": "发现的问题", "opinions": "提出的意见建议",
    "adoption": "采纳情况", "team_kind": "类别", "team_name": "名称", "leader": "负责人",
    "trade": "产业", "team_members": "成员", "helped": "帮带困难户",
}  # fmt: skip
