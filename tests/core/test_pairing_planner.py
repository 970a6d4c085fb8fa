"""The planner's rules on plain data: coverage, who may take what, loads, settlements,
kept and locked pairs, and an impossible plan explained."""

from __future__ import annotations

from collections import Counter

from dahe_desktop.pairing import labels
from dahe_desktop.pairing.planner import CROSS_SETTLEMENT_COST, HouseholdNeed, plan
from dahe_desktop.pairing.rules import helper_server, may_take, member_server

B = 1  # one village branch


def members(*specs):
    """specs: (id, category, position, settlement, maximum)"""
    return [member_server(i, f"党员{i}", B, cat, pos, place, mx) for i, cat, pos, place, mx in specs]


def households(kinds_by_settlement: dict[str, list[str]], start: int = 1):
    out, n = [], start
    for place, kinds in kinds_by_settlement.items():
        for kind in kinds:
            out.append(HouseholdNeed(n, B, place, kind))
            n += 1
    return out


def test_every_household_is_covered_and_rules_hold():
    servers = members(
        (1, "党员干部", "支部书记", "一社", None),
        (2, "一般党员", "", "一社", None),
        (3, "老病残党员", "", "二社", None),
        (4, "外出党员", "", "二社", None),
        (5, "一般党员", "", "二社", None),
    ) + [helper_server(9, "积极分子", B, "入党积极分子", "二社")]
    need = households({"一社": [labels.GENERAL] * 12 + ["低保户"] * 3 + [labels.AWAY] * 2,
                       "二社": [labels.GENERAL] * 10 + ["脱贫户"] * 4})  # fmt: skip
    result = plan(servers, need)
    assert result.complete and result.reasons == []
    assert set(result.assignment) == {h.id for h in need}
    by_key = {s.key: s for s in servers}
    for h in need:
        assert may_take(by_key[result.assignment[h.id]], h.kind) is None
    load = Counter(result.assignment.values())
    assert load[("m", 4)] == 0  # 外出 takes none
    assert all(load[s.key] <= s.maximum for s in servers)
    away = [result.assignment[h.id] for h in need if h.kind == labels.AWAY]
    assert away == [("m", 1), ("m", 1)]  # the only 支委
    hard = {result.assignment[h.id] for h in need if h.kind in labels.HARDSHIP_KINDS}
    assert ("m", 3) not in hard  # 老病残 never takes a household in difficulty


def test_loads_stay_within_maxima_the_clerk_sets():
    servers = members((1, "一般党员", "", "一社", 2), (2, "一般党员", "", "一社", 8))
    result = plan(servers, households({"一社": [labels.GENERAL] * 10}))
    load = Counter(result.assignment.values())
    assert load == {("m", 1): 2, ("m", 2): 8}


def test_households_stay_in_their_settlement_when_they_can():
    servers = members((1, "一般党员", "", "一社", None), (2, "一般党员", "", "二社", None))
    need = households({"一社": [labels.GENERAL] * 5, "二社": [labels.GENERAL] * 5})
    result = plan(servers, need)
    for h in need:
        assert result.assignment[h.id] == (("m", 1) if h.settlement == "一社" else ("m", 2))
    assert CROSS_SETTLEMENT_COST > 0


def test_a_full_settlement_spills_to_the_next_one_only_when_the_member_is_full():
    servers = members((1, "一般党员", "", "一社", 3), (2, "一般党员", "", "二社", None))
    result = plan(servers, households({"一社": [labels.GENERAL] * 5}))
    assert Counter(result.assignment.values()) == {("m", 1): 3, ("m", 2): 2}


def test_last_years_pairs_are_kept_even_across_settlements_and_invalid_ones_move():
    servers = members((1, "一般党员", "", "一社", None), (2, "一般党员", "", "二社", None),
                      (3, "老病残党员", "", "一社", None))  # fmt: skip
    need = households({"一社": [labels.GENERAL, labels.GENERAL, "困难户"]})
    incumbent = {1: ("m", 2), 2: ("m", 1), 3: ("m", 3)}  # 3: 老病残 may not keep a 困难户
    result = plan(servers, need, incumbent=incumbent)
    assert result.assignment[1] == ("m", 2) and result.assignment[2] == ("m", 1)
    assert result.assignment[3] != ("m", 3)


def test_locked_pairs_are_not_planned_and_use_up_capacity():
    servers = members((1, "一般党员", "", "一社", 3), (2, "一般党员", "", "一社", 10))
    need = households({"一社": [labels.GENERAL] * 6})
    result = plan(servers, need, locked={1: ("m", 1), 2: ("m", 1), 3: ("m", 1)})
    assert set(result.assignment) == {4, 5, 6}
    assert set(result.assignment.values()) == {("m", 2)}


def test_an_impossible_plan_says_why_and_covers_what_it_can():
    servers = members((1, "一般党员", "支部委员", "一社", 2), (2, "老病残党员", "", "一社", 3),
                      (3, "外出党员", "", "一社", None))  # fmt: skip
    need = households({"一社": [labels.AWAY] * 3 + ["低保户"] * 2 + [labels.GENERAL] * 2})
    result = plan(servers, need, branch_names={B: "扎西村党支部"})
    assert not result.complete
    assert len(result.assignment) == 4 and len(result.uncovered) == 3  # 2 by the 支委, 2 by the frail
    text = "\n".join(result.reasons)
    assert "扎西村党支部：流动党员户3户须由支委联系，支委1人剩余名额2户，差1户" in text
    assert "流动党员户和困难户共5户，可联系他们的人员剩余名额共2户，差3户" in text
    assert "待联系7户，可联系人员2人剩余名额共5户，差2户" in text


def test_no_one_able_in_a_branch_is_said_plainly():
    servers = members((1, "外出党员", "", "一社", None))
    result = plan(servers, households({"一社": [labels.GENERAL]}), branch_names={B: "甲村党支部"})
    assert result.uncovered == [1]
    assert result.reasons[0].startswith("甲村党支部：没有可联系农户的人员")


def test_committee_is_read_from_the_position_unless_marked():
    assert member_server(1, "a", B, "党员干部", "支部书记、村委会主任").committee
    assert member_server(1, "a", B, "党员干部", "村委会主任、支部委员").committee
    assert member_server(1, "a", B, "党员干部", "支部副书记").committee
    assert not member_server(1, "a", B, "党员干部", "村务监督委员会主任").committee
    assert not member_server(1, "a", B, "党员干部", "社长").committee
    assert member_server(1, "a", B, "一般党员", "社长", committee=True).committee
    assert not member_server(1, "a", B, "党员干部", "支部委员", committee=False).committee


def test_every_able_member_gets_a_household_before_anyone_takes_many():
    servers = members((1, "一般党员", "", "一社", None), (2, "一般党员", "", "二社", None))
    result = plan(servers, households({"一社": [labels.GENERAL] * 6}))
    assert Counter(result.assignment.values())[("m", 2)] >= 1
