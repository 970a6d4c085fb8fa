"""The rules of pairing (seed §3.7): who may take which household and how many.

- 流动党员户 only by a branch committee member (支委);
- households in difficulty only by able members: not 老病残党员, not 外出党员;
- a member's load follows their category (cadres more, 老病残 few, 外出 none), a
  maximum the clerk can set per member, and the village's ratio of households to
  able members.

Who is a 支委: the member's 职务 names a branch committee office (支部书记, 支部副书记,
支部委员, 支委, and the same for a 总支), unless the clerk marks it on the member's
pairing profile; the mark wins.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dahe_desktop.pairing import labels

COMMITTEE_TITLE = re.compile(r"(党?(总支|支部))(副)?书记|(党?(总支|支部))委员|支委")

AWAY_CATEGORY = "外出党员"
FRAIL_CATEGORY = "老病残党员"
CADRE_CATEGORY = "党员干部"

# The most households each kind of person takes when the clerk has set nothing.
DEFAULT_MAX = {CADRE_CATEGORY: 20, "一般党员": 15, FRAIL_CATEGORY: 3, AWAY_CATEGORY: 0}
HELPER_DEFAULT_MAX = 10
# Shares of the village's load: a cadre carries half as much again as an ordinary member.
LOAD_WEIGHT = {CADRE_CATEGORY: 1.5, "一般党员": 1.0, FRAIL_CATEGORY: 0.3, AWAY_CATEGORY: 0.0}
HELPER_WEIGHT = 1.0
COMMITTEE_WEIGHT = 1.5


def is_committee_title(position: str) -> bool:
    return bool(COMMITTEE_TITLE.search(position or ""))


def is_hardship(kind: str) -> bool:
    return kind in labels.HARDSHIP_KINDS


def is_sensitive(kind: str) -> bool:
    """Hardship kinds never go on a posted list or a card."""
    return is_hardship(kind)


def public_kind(kind: str) -> str:
    """The kind as a posted list may show it."""
    return labels.GENERAL if is_sensitive(kind) else kind


def pairing_kind(household_kind: str) -> str:
    if household_kind == labels.AWAY:
        return labels.PAIR_AWAY
    if is_hardship(household_kind):
        return labels.PAIR_HELP
    return labels.PAIR_SERVICE


@dataclass(frozen=True)
class Server:
    """Someone who can take households: a member (`key` ("m", id)) or a helper ("h", id)."""

    key: tuple[str, int]
    name: str
    branch_id: int
    settlement: str
    category: str  # a member's appraisal category, or the helper's role
    committee: bool
    maximum: int
    weight: float

    @property
    def is_helper(self) -> bool:
        return self.key[0] == "h"

    @property
    def able(self) -> bool:
        """May take households in difficulty."""
        return self.maximum > 0 and self.category not in (FRAIL_CATEGORY, AWAY_CATEGORY)


def member_server(member_id: int, name: str, branch_id: int, category: str, position: str,
                  settlement: str = "", maximum: int | None = None,
                  committee: bool | None = None) -> Server:  # fmt: skip
    """A member as the planner sees them, with the category's defaults where unset."""
    is_committee = is_committee_title(position) if committee is None else committee
    default = DEFAULT_MAX.get(category, DEFAULT_MAX["一般党员"])
    weight = LOAD_WEIGHT.get(category, 1.0)
    if is_committee and category not in (FRAIL_CATEGORY, AWAY_CATEGORY):
        weight = max(weight, COMMITTEE_WEIGHT)
    if category == AWAY_CATEGORY:
        maximum = 0  # a member who works away cannot visit anyone
    return Server(("m", member_id), name, branch_id, settlement, category, is_committee,
                  default if maximum is None else max(0, maximum), weight)  # fmt: skip


def helper_server(helper_id: int, name: str, branch_id: int, role: str, settlement: str = "",
                  maximum: int | None = None) -> Server:  # fmt: skip
    return Server(("h", helper_id), name, branch_id, settlement, role, False,
                  HELPER_DEFAULT_MAX if maximum is None else max(0, maximum), HELPER_WEIGHT)  # fmt: skip


def may_take(server: Server, household_kind: str) -> str | None:
    """Why `server` may not take a household of this kind, or None when they may."""
    if server.maximum <= 0:
        if server.category == AWAY_CATEGORY:
            return "外出党员不能联系农户"
        return "联系上限为0"
    if household_kind == labels.AWAY and not server.committee:
        return "流动党员户应由支委联系"
    if is_hardship(household_kind) and not server.able:
        return "困难户应由有帮扶能力的党员联系（非老病残、非外出）"
    return None


def target_loads(servers: list[Server], households: int) -> dict[tuple[str, int], int]:
    """Each server's share of `households` by weight (the village's ratio), within maxima."""
    total = sum(s.weight for s in servers if s.maximum > 0)
    if total <= 0:
        return {s.key: 0 for s in servers}
    ratio = households / total
    return {s.key: min(s.maximum, math.ceil(ratio * s.weight)) for s in servers}
