"""From agreed score sheets to totals, suggested grades and ranks: plain data in, plain
data out, no store (the CLI, the tab, the printouts and the benchmark share it).

Per rated item: the mean of each rater group (dropping that group's highest and lowest
score when it has 5 or more and trimming is on), weighted by group; a group with no score
for an item leaves its weight to the others. Clause items add their fixed points. The
total is rounded to one decimal (halves up) only at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dahe_desktop.appraisal.labels import (
    DEFAULT_BANDS,
    DEFAULT_WEIGHTS,
    EXCELLENT,
    RATER_GROUPS,
    TRIM_MIN_RATERS,
)
from dahe_desktop.appraisal.points import format_points, round_tenths, to_tenths
from dahe_desktop.textnorm import clean_text

Row = Sequence[int | None]  # one rater's scores for one member, tenths per rated item


@dataclass(frozen=True)
class Band:
    grade: str
    minimum: int  # tenths: the lowest total that suggests this grade


@dataclass(frozen=True)
class RunConfig:
    """How a run turns scores into grades; the township's defaults are copied into a run."""

    weights: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))  # per cent
    trim: bool = False
    bands: tuple[Band, ...] = tuple(Band(g, m * 10) for g, m in DEFAULT_BANDS)
    excellent_cap: int | None = None  # per cent of the members with results, or no cap

    @property
    def grades(self) -> tuple[str, ...]:
        return tuple(b.grade for b in self.bands)

    def to_json(self) -> dict:
        return {
            "weights": dict(self.weights),
            "trim": self.trim,
            "bands": [[b.grade, format_points(b.minimum)] for b in self.bands],
            "excellent_cap": self.excellent_cap,
        }


def config_problems(config: RunConfig) -> list[str]:
    """What is wrong with a configuration, one line per problem."""
    lines = []
    for group, weight in config.weights.items():
        if group not in RATER_GROUPS:
            lines.append(f"评议人类别“{group}”不存在")
        if not isinstance(weight, int) or weight < 0:
            lines.append(f"{group}的权重应为0到100的整数（百分比）")
    if sum(config.weights.values()) != 100:
        lines.append(f"各类评议人权重合计为{sum(config.weights.values())}%，应为100%")
    bands = config.bands
    if not 2 <= len(bands) <= 5:
        lines.append("等次应有2到5个")
    names = [b.grade for b in bands]
    if len(set(names)) != len(names) or not all(names):
        lines.append("等次名称不能为空或重复")
    for higher, lower in zip(bands, bands[1:], strict=False):
        if lower.minimum >= higher.minimum:
            lines.append(f"“{lower.grade}”的分数线应低于“{higher.grade}”")
    if bands and bands[-1].minimum != 0:
        lines.append(f"最后一个等次“{bands[-1].grade}”的分数线应为0")
    if any(b.minimum < 0 or b.minimum > 1000 for b in bands):
        lines.append("分数线应在0到100分之间")
    if config.excellent_cap is not None and not 0 < config.excellent_cap <= 100:
        lines.append("优秀比例上限应为1到100之间的整数（百分比），不设上限请留空")
    return lines


def config_from_json(data: Mapping) -> RunConfig:
    """A configuration from its JSON form (no checks: see config_problems)."""
    bands = tuple(Band(clean_text(g), to_tenths(m)) for g, m in data.get("bands") or DEFAULT_BANDS)
    cap = data.get("excellent_cap")
    return RunConfig(
        weights={k: int(v) for k, v in (data.get("weights") or DEFAULT_WEIGHTS).items()},
        trim=bool(data.get("trim", False)),
        bands=bands,
        excellent_cap=int(cap) if cap not in (None, "") else None,
    )


def item_scores(rows_by_group: Mapping[str, Sequence[Row]], n_items: int,
                weights: Mapping[str, int], trim: bool) -> list[float | None]:  # fmt: skip
    """Per rated item, the weighted mean of the groups' means (tenths, unrounded);
    None where no rater scored the item."""
    acc = [0.0] * n_items
    wsum = [0] * n_items
    for group, rows in rows_by_group.items():
        weight = weights.get(group, 0)
        if not weight or not rows:
            continue
        for k, mean in enumerate(_group_means(rows, trim)):
            if mean is not None:
                acc[k] += weight * mean
                wsum[k] += weight
    return [acc[k] / wsum[k] if wsum[k] else None for k in range(n_items)]


def _group_means(rows: Sequence[Row], trim: bool) -> list[float | None]:
    """One group's (trimmed) mean per item. Blanks are rare: the fast path runs the
    builtins over whole columns and falls back when one of them meets a blank."""
    columns = list(zip(*rows, strict=True))
    n = len(rows)
    try:
        sums = list(map(sum, columns))
        if trim and n >= TRIM_MIN_RATERS:
            return [(t - hi - lo) / (n - 2) for t, hi, lo in zip(sums, map(max, columns), map(min, columns), strict=True)]
        return [t / n for t in sums]
    except TypeError:  # a blank (None) in some column
        pass
    means: list[float | None] = []
    for column in columns:
        values = [v for v in column if v is not None]
        m = len(values)
        if not m:
            means.append(None)
        elif trim and m >= TRIM_MIN_RATERS:
            means.append((sum(values) - max(values) - min(values)) / (m - 2))
        else:
            means.append(sum(values) / m)
    return means


@dataclass
class SubjectScores:
    """What one member's result is computed from: agreed rows per rater group (one value
    per rated item) and the clause items' points."""

    subject_id: int
    n_rated: int
    rows_by_group: dict[str, list[Row]]
    clause_points: list[int] = field(default_factory=list)


@dataclass
class SubjectResult:
    subject_id: int
    rated: list[float | None]  # tenths per rated item, unrounded
    clause_points: list[int]
    total: int | None  # tenths, rounded; None when an item has no score at all
    suggested: str = ""
    rank: int | None = None
    capped: bool = False  # suggested 优秀 by points, moved down by the cap on 优秀


def suggest_grade(total: int, bands: Sequence[Band]) -> str:
    for band in bands:
        if total >= band.minimum:
            return band.grade
    return bands[-1].grade


def compute_results(subjects: Iterable[SubjectScores], config: RunConfig) -> list[SubjectResult]:
    """Totals, suggested grades (with the cap on 优秀) and ranks for one branch's run."""
    results = []
    for s in subjects:
        rated = item_scores(s.rows_by_group, s.n_rated, config.weights, config.trim)
        total = None
        if None not in rated:
            total = round_tenths(sum(rated) + sum(s.clause_points))  # type: ignore[arg-type]
        results.append(SubjectResult(s.subject_id, rated, list(s.clause_points), total))
    scored = sorted((r for r in results if r.total is not None), key=lambda r: -r.total)
    rank_results(scored)
    for r in scored:
        r.suggested = suggest_grade(r.total, config.bands)
    apply_excellent_cap(scored, config)
    return results


def rank_results(ordered: list[SubjectResult]) -> None:
    """Ranks in the branch, highest total first; equal totals share a rank (1, 2, 2, 4)."""
    previous, rank = None, 0
    for position, r in enumerate(ordered, start=1):
        if r.total != previous:
            rank, previous = position, r.total
        r.rank = rank


def apply_excellent_cap(ordered: list[SubjectResult], config: RunConfig) -> None:
    """At most `excellent_cap` per cent of the members with results are suggested 优秀
    (rounded down); members tied on the last place that would break the cap all move
    down a grade, since points cannot tell them apart."""
    top = config.bands[0].grade
    if config.excellent_cap is None or top != EXCELLENT or len(config.bands) < 2:
        return
    allowed = len(ordered) * config.excellent_cap // 100
    excellent = [r for r in ordered if r.suggested == top]
    if len(excellent) <= allowed:
        return
    cut_total = excellent[allowed].total
    for r in excellent:
        if r.total <= cut_total:
            r.suggested = config.bands[1].grade
            r.capped = True
