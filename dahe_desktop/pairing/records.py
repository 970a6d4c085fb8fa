"""Plain records of 结对帮扶 passed to the window, the command line and printouts."""

from __future__ import annotations

from dataclasses import dataclass, field

Key = tuple[str, int]  # ("m", member id) or ("h", helper id)


@dataclass(frozen=True)
class HouseholdRef:
    id: int
    head: str
    branch_id: int
    branch: str
    settlement: str
    kind: str


@dataclass(frozen=True)
class PairChange:
    """One line of a proposal: a household gets a member, changes member, or loses one."""

    household: HouseholdRef
    action: str  # labels.ADDED / MOVED / REMOVED
    old: Key | None
    old_name: str
    new: Key | None
    new_name: str
    note: str = ""


@dataclass
class PairingProposal:
    """The planner's plan as a change list against the year's current pairs."""

    year: int
    branch_id: int | None
    changes: list[PairChange]
    kept: int  # current pairs the plan leaves as they are
    uncovered: list[HouseholdRef]
    reasons: list[str]  # why a full plan is impossible (empty when complete)

    @property
    def complete(self) -> bool:
        return not self.uncovered


@dataclass(frozen=True)
class LoadIssue:
    name: str
    branch: str
    load: int
    maximum: int


@dataclass
class CoverageReport:
    """全覆盖 or not, and what stands in the way (seed §3.7)."""

    year: int
    households: int
    covered: int
    uncovered: list[HouseholdRef] = field(default_factory=list)
    over_maximum: list[LoadIssue] = field(default_factory=list)
    idle_able: list[str] = field(default_factory=list)  # able members with no household
    away_not_committee: list[tuple[HouseholdRef, str]] = field(default_factory=list)
    hardship_not_able: list[tuple[HouseholdRef, str]] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return self.households > 0 and not self.uncovered

    def lines(self) -> list[str]:
        """The report as the clerk reads it."""
        share = f"{self.covered / self.households:.1%}" if self.households else "—"
        out = [f"{self.year}年：在册农户{self.households}户，已联系{self.covered}户（{share}），"
               f"未联系{len(self.uncovered)}户" + ("，已全覆盖" if self.full else "")]  # fmt: skip
        if self.over_maximum:
            out.append("超过联系上限：" + "、".join(f"{i.name}（{i.load}/{i.maximum}户）" for i in self.over_maximum))
        if self.away_not_committee:
            out.append(f"流动党员户未由支委联系：{len(self.away_not_committee)}户")
        if self.hardship_not_able:
            out.append(f"困难户由老病残或外出党员联系：{len(self.hardship_not_able)}户")
        if self.idle_able:
            out.append(f"有帮扶能力但未联系农户：{len(self.idle_able)}人")
        return out
