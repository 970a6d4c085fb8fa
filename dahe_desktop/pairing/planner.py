"""The pairing planner: a min-cost flow per village branch (networkx's network simplex).

Households that the rules treat alike (same settlement, same class — 流动党员户, in
difficulty, general — and the same current or last year's member) form one supply node,
so a village of 100 households and 10 members is a graph of a few dozen nodes. Arcs:

    kept group --(settlement cost)--> its member, or --(CHANGE_COST)--> free group
    free group --(0)--> its settlement's pool (one class, one settlement) --> member
    free group --(CROSS_SETTLEMENT_COST)--> the class's hub --> every pool of the class
    member --(the first household, -ENGAGE_BONUS)--> sink
    member --(up to the member's target load, cost 0)--> sink
    member --(two above the target, OVER_TARGET_COST each)--> sink
    member --(further up to the maximum, FAR_OVER_TARGET_COST each)--> sink
    group --(UNCOVERED_COST each)--> sink       (so a partial plan is still optimal)

Only arcs the rules allow exist (流动党员户 to 支委, difficulty to able members), so an
optimal flow is the plan that covers the most households (those in need first), then
keeps the most current pairs, gives every able member a household, loads no one far
above their share, crosses the fewest settlements, and evens out the rest. Locked pairs
are not in the graph: they stay and use up their member's capacity.

Pure: plain data in, plain data out, no database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dahe_desktop.pairing import labels
from dahe_desktop.pairing.rules import Server, is_hardship, may_take, target_loads

# The costs, in the order they matter. Stated so the clerk can be told why.
UNCOVERED_COST = 1_000_000  # a household left without anyone (twice that for one in need)
CHANGE_COST = 40  # moving a household away from its current (or last year's) member
CROSS_SETTLEMENT_COST = 10  # a member covering a household of another settlement
OVER_TARGET_COST = 3  # each of the first NEAR_TARGET households above a member's share
NEAR_TARGET = 2
# Further above the share, a household costs more than crossing a settlement: a member
# alone in a crowded settlement does not end up with three times the village's ratio.
FAR_OVER_TARGET_COST = CROSS_SETTLEMENT_COST + 2
# Every able member serves someone (seed §3.1: every member signs with households):
# a member's first household is worth more than the cost of crossing a settlement.
ENGAGE_BONUS = CROSS_SETTLEMENT_COST + OVER_TARGET_COST + 2

Key = tuple[str, int]

AWAY, HARDSHIP, GENERAL = "away", "hardship", "general"
# One kind standing for each class when asking the rules who may take it.
SAMPLE_KIND = {AWAY: labels.AWAY, HARDSHIP: labels.HARDSHIP_KINDS[0], GENERAL: labels.GENERAL}


@dataclass(frozen=True)
class HouseholdNeed:
    """A household as the planner sees it."""

    id: int
    branch_id: int
    settlement: str
    kind: str


@dataclass
class PlanResult:
    """Who takes each household (locked ones excluded), who is left, and why."""

    assignment: dict[int, Key] = field(default_factory=dict)
    uncovered: list[int] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.uncovered


def household_class(kind: str) -> str:
    if kind == labels.AWAY:
        return AWAY
    return HARDSHIP if is_hardship(kind) else GENERAL


def settlement_cost(a: str, b: str) -> int:
    """0 within one recorded settlement; anything else (or not recorded) is a crossing."""
    return 0 if a and a == b else CROSS_SETTLEMENT_COST


def plan(
    servers: Iterable[Server],
    households: Iterable[HouseholdNeed],
    *,
    locked: dict[int, Key] | None = None,
    incumbent: dict[int, Key] | None = None,
    branch_names: dict[int, str] | None = None,
) -> PlanResult:
    """Assign every household not in `locked` to a server of its own branch.
    `incumbent`: the household's current pair (or last year's), kept when still valid."""
    locked = locked or {}
    incumbent = incumbent or {}
    branch_names = branch_names or {}
    by_branch_servers: dict[int, list[Server]] = defaultdict(list)
    for server in servers:
        by_branch_servers[server.branch_id].append(server)
    by_branch_households: dict[int, list[HouseholdNeed]] = defaultdict(list)
    locked_load: dict[Key, int] = defaultdict(int)
    for household in households:
        if household.id in locked:
            locked_load[locked[household.id]] += 1
        else:
            by_branch_households[household.branch_id].append(household)
    result = PlanResult()
    for branch_id in sorted(by_branch_households):
        _plan_branch(
            by_branch_servers.get(branch_id, []),
            by_branch_households[branch_id],
            locked_load,
            incumbent,
            branch_names.get(branch_id, f"支部{branch_id}"),
            result,
        )
    result.uncovered.sort()
    return result


def _plan_branch(servers: list[Server], households: list[HouseholdNeed], locked_load: dict[Key, int],
                 incumbent: dict[int, Key], branch: str, result: PlanResult) -> None:  # fmt: skip
    servers = sorted(servers, key=lambda s: s.key)
    by_key = {s.key: s for s in servers}
    capacity = {s.key: max(0, s.maximum - locked_load.get(s.key, 0)) for s in servers}
    total = len(households) + sum(locked_load.get(s.key, 0) for s in servers)
    targets = target_loads(servers, total)
    groups: dict[tuple[str, str, Key | None], list[int]] = defaultdict(list)
    for h in sorted(households, key=lambda h: h.id):
        holder = incumbent.get(h.id)
        if holder is not None and (holder not in by_key or may_take(by_key[holder], h.kind)):
            holder = None  # no longer valid: it may move freely
        groups[(h.settlement, household_class(h.kind), holder)].append(h.id)

    import networkx as nx  # here, not at import: the window starts without it (~0.2 s)

    graph = nx.DiGraph()
    graph.add_node("T", demand=len(households))
    for key in capacity:
        left = capacity[key]
        if left <= 0:
            continue
        base = max(0, min(left, targets[key] - locked_load.get(key, 0)))
        first = 1 if locked_load.get(key, 0) == 0 else 0
        # A DiGraph has no parallel arcs (and networkx is much slower on a MultiDiGraph):
        # each tier of the load ends in a node shared by all members, then the sink.
        if first:
            graph.add_edge(("s", key), "T", capacity=1, weight=-ENGAGE_BONUS)
        if base > first:
            graph.add_edge(("s", key), "T-share", capacity=base - first, weight=0)
        over = left - max(base, first)
        if over > 0:
            near = min(over, NEAR_TARGET)
            graph.add_edge(("s", key), "T-near", capacity=near, weight=OVER_TARGET_COST)
        if over > NEAR_TARGET:
            graph.add_edge(("s", key), "T-far", capacity=over - NEAR_TARGET, weight=FAR_OVER_TARGET_COST)
    for tier in ("T-share", "T-near", "T-far"):
        if tier in graph:
            graph.add_edge(tier, "T", weight=0)
    # Pools: the servers of one settlement who may take one class of household.
    pools: dict[str, dict[str, list[Key]]] = {}
    for cls, kind in SAMPLE_KIND.items():
        pools[cls] = defaultdict(list)
        for server in servers:
            if capacity[server.key] > 0 and not may_take(server, kind):
                pools[cls][server.settlement].append(server.key)
    free: dict[tuple[str, str], int] = defaultdict(int)
    for (settlement, cls, holder), ids in groups.items():
        if holder is None:
            free[(settlement, cls)] += len(ids)
        else:
            node = ("h", settlement, cls, holder)
            graph.add_node(node, demand=-len(ids))
            if capacity.get(holder, 0) > 0:
                graph.add_edge(node, ("s", holder), weight=settlement_cost(settlement, by_key[holder].settlement))
            graph.add_edge(node, ("g", settlement, cls), weight=CHANGE_COST)
            free.setdefault((settlement, cls), 0)
    # Crossing settlements goes through one hub per class, so a village of n settlements
    # needs 2n arcs per class rather than n*n (the cost is the same for every crossing).
    for cls, places in pools.items():
        for place, keys in places.items():
            for key in keys:
                graph.add_edge(("p", cls, place), ("s", key), weight=0)
            graph.add_edge(("x", cls), ("p", cls, place), weight=0)
    for (settlement, cls), count in free.items():
        node = ("g", settlement, cls)
        graph.add_node(node, demand=-count)
        graph.add_edge(node, "T", weight=UNCOVERED_COST * (1 if cls == GENERAL else 2))
        if not pools[cls]:
            continue
        if settlement and settlement in pools[cls]:
            graph.add_edge(node, ("p", cls, settlement), weight=0)
        graph.add_edge(node, ("x", cls), weight=CROSS_SETTLEMENT_COST)
    _, flows = nx.network_simplex(graph)

    # Hand the flow out to households: a holder's group first to the holder, then what
    # went to the free pool joins its settlement's free households.
    uncovered_by_class: dict[str, int] = defaultdict(int)
    waiting: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (settlement, cls, holder), ids in groups.items():
        if holder is None:
            waiting[(settlement, cls)].extend(ids)
            continue
        out = flows[("h", settlement, cls, holder)]
        kept = out.get(("s", holder), 0)
        for household_id in ids[:kept]:
            result.assignment[household_id] = holder
        waiting[(settlement, cls)].extend(ids[kept:])
    # What each pool and hub still has to hand on, in a fixed order (deterministic plans).
    left = {node: [[n, f] for n, f in sorted(out.items()) if f > 0]
            for node, out in flows.items() if node[0] in ("p", "x")}  # fmt: skip

    def pop(node):
        queue = left[node]
        while queue[0][1] == 0:
            queue.pop(0)
        queue[0][1] -= 1
        return queue[0][0]

    def take(node) -> Key:
        """One unit of flow from a pool (or through the hub to a pool) to a member."""
        if node[0] == "x":
            node = pop(node)
        return pop(node)[1]

    for (settlement, cls), ids in waiting.items():
        ids.sort()
        out = flows[("g", settlement, cls)]
        pos = 0
        for node in sorted(k for k in out if k != "T"):
            for _ in range(out[node]):
                result.assignment[ids[pos]] = take(node)
                pos += 1
        if pos < len(ids):
            result.uncovered.extend(ids[pos:])
            uncovered_by_class[cls] += len(ids) - pos
    if uncovered_by_class:
        result.reasons.extend(_why(branch, servers, capacity, list(groups.items())))


def _why(branch: str, servers: list[Server], capacity: dict[Key, int],
         groups: list[tuple[tuple[str, str, Key | None], list[int]]]) -> list[str]:  # fmt: skip
    """Which of the counting conditions fails (Hall's condition for this transport
    problem: the demand of any set of classes must fit the capacity of those who may
    take them). Exactly these can fail, so the lines say exactly why."""
    demand: dict[str, int] = defaultdict(int)
    for (_settlement, cls, _holder), ids in groups:
        demand[cls] += len(ids)
    committee = [s for s in servers if s.committee and capacity[s.key] > 0 and not may_take(s, labels.AWAY)]
    able = [s for s in servers if capacity[s.key] > 0 and not may_take(s, labels.HARDSHIP_KINDS[0])]
    anyone = [s for s in servers if capacity[s.key] > 0]

    def cap(group: list[Server]) -> int:
        return sum(capacity[s.key] for s in group)

    lines = []
    if not anyone:
        return [f"{branch}：没有可联系农户的人员（在册党员均为外出或联系上限已满），"
                f"{sum(demand.values())}户无人联系：请设置党员的联系上限，或吸纳入党积极分子、后备干部参与"]  # fmt: skip
    if demand[AWAY] > cap(committee):
        lines.append(
            f"{branch}：流动党员户{demand[AWAY]}户须由支委联系，支委{len(committee)}人剩余名额{cap(committee)}户，"
            f"差{demand[AWAY] - cap(committee)}户：请提高支委的联系上限，或在结对设置中标明支委"
        )
    if demand[HARDSHIP] > cap(able):
        lines.append(
            f"{branch}：困难户{demand[HARDSHIP]}户须由有帮扶能力的人员（非老病残、非外出）联系，"
            f"这样的人员{len(able)}人剩余名额{cap(able)}户，差{demand[HARDSHIP] - cap(able)}户"
        )
    both = {s.key: s for s in committee + able}
    need = demand[AWAY] + demand[HARDSHIP]
    short_each = max(0, demand[AWAY] - cap(committee)) + max(0, demand[HARDSHIP] - cap(able))
    if need - cap(list(both.values())) > short_each:  # the same people are short for both
        lines.append(
            f"{branch}：流动党员户和困难户共{need}户，可联系他们的人员剩余名额共{cap(list(both.values()))}户，"
            f"差{need - cap(list(both.values()))}户"
        )
    total = sum(demand.values())
    if total > cap(anyone):
        lines.append(
            f"{branch}：待联系{total}户，可联系人员{len(anyone)}人剩余名额共{cap(anyone)}户，"
            f"差{total - cap(anyone)}户：请提高联系上限，或吸纳入党积极分子、后备干部参与"
        )
    return lines or [f"{branch}：部分农户无法安排（请检查联系上限）"]
