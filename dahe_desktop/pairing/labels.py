"""The words of 结对帮扶 (seed §3.1, §3.7, §3.8), in one place."""

from __future__ import annotations

# Household kinds (户类别). Hardship kinds are sensitive: the clerk sees them, a posted
# list or a card never shows them.
GENERAL = "一般户"
AWAY = "流动党员户"  # the household of a member who works away
HARDSHIP_KINDS = ("脱贫户", "监测户", "困难户", "低保户", "五保户")
HOUSEHOLD_KINDS = (GENERAL, AWAY, *HARDSHIP_KINDS)

HOUSEHOLD_ACTIVE = "在册"
HOUSEHOLD_STATUSES = (HOUSEHOLD_ACTIVE, "迁出", "销户")

# Helpers who are not members may take households (seed §3.7).
HELPER_ROLES = ("入党积极分子", "后备干部")
HELPER_ACTIVE = "在册"

# Kinds of pairing, from the household's kind.
PAIR_SERVICE = "联系服务"
PAIR_HELP = "结对帮扶"
PAIR_AWAY = "流动党员户联系"
PAIRING_KINDS = (PAIR_SERVICE, PAIR_HELP, PAIR_AWAY)

PAIRING_ACTIVE = "有效"
PAIRING_ENDED = "已解除"

# The pairing printouts (the print dialog's kinds).
PRINT_CARDS, PRINT_LETTERS, PRINT_LIST = "cards", "letters", "list"

# The seed's three duties of a 结链 letter (§3.7).
DUTIES = ("惑时有人解", "平时有人访", "难时有人帮")
SLOGAN = "我是共产党员，有困难请找我"

# Change list actions.
ADDED = "新增"
MOVED = "调整"
REMOVED = "解除"

# Column titles shared by the household import, export and table.
HOUSEHOLD_FIELDS = {
    "head": "户主",
    "village": "所在村",
    "settlement": "居住点",
    "people": "家庭人口",
    "phone": "联系电话",
    "kind": "户类别",
    "away_member": "外出党员",
    "notes": "备注",
}
