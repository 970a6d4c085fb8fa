"""Score sheets as entered from paper: one rater's sheet per category, members down and
rated items across, each entered twice (a second pass, or by a second person) and
compared cell by cell; results count only once every difference is settled. Clause
items (missed meetings, commendations) are counted once per member."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence

from dahe_desktop.appraisal import labels
from dahe_desktop.appraisal.points import format_points, to_tenths
from dahe_desktop.appraisal.records import (
    AppraisalError,
    Difference,
    EntryProgress,
    RaterRow,
    ScoreSheet,
    SheetRow,
)
from dahe_desktop.appraisal.rubrics import MAX_CLAUSE_COUNT, RubricItem, rubrics_from_text
from dahe_desktop.appraisal.runs import _subject, editable_run, list_raters, log_change
from dahe_desktop.textnorm import clean_text
from db import bulk_insert
from db.connection import writing
from db.models import AppraisalRater, AppraisalRun, AppraisalScore, AppraisalSubject, Member, now
from db.models.appraisal import APPRAISAL

PASSES = (1, 2)


def parse_cell(text: object, item: RubricItem) -> tuple[int | None, str | None]:
    """A typed or imported cell: (tenths or None when blank, the problem or None)."""
    if text is None or clean_text(text) == "":
        return None, None
    try:
        value = to_tenths(text)
    except ValueError:
        return None, f"“{clean_text(text)}”不是分数（数字，最多一位小数）"
    if value < 0:
        return None, f"{format_points(value)}不能为负数"
    if value > item.max:
        return None, f"{format_points(value)}超过满分{format_points(item.max)}分"
    return value, None


def _rater(rater_id: int) -> tuple[AppraisalRater, RaterRow]:
    r = AppraisalRater.get_or_none(AppraisalRater.id == rater_id)
    if r is None:
        raise AppraisalError("所选评议人不存在，请刷新")
    return r, RaterRow(r.id, r.group, r.seq, r.name, r.village, r.member_id)


def _subjects_of(run_id: int, category: str | None = None) -> list[dict]:
    query = (
        AppraisalSubject.select(AppraisalSubject.id, AppraisalSubject.seq, AppraisalSubject.category, Member.name)
        .join(Member)
        .where((AppraisalSubject.run == run_id) & (AppraisalSubject.excused == False))  # noqa: E712
        .order_by(AppraisalSubject.seq, AppraisalSubject.id)
    )  # fmt: skip
    if category is not None:
        query = query.where(AppraisalSubject.category == category)
    return list(query.dicts())


def score_sheet(run_id: int, rater_id: int, category: str, pass_no: int) -> ScoreSheet:
    """One rater's sheet for one category and pass, as entered so far."""
    run = AppraisalRun.get_by_id(run_id)
    rubric = rubrics_from_text(run.rubrics)[category]
    _, rater = _rater(rater_id)
    items = list(rubric.rated_items)
    stored = {
        s: json.loads(v)
        for s, v in AppraisalScore.select(AppraisalScore.subject, AppraisalScore.values)
        .where((AppraisalScore.rater == rater_id) & (AppraisalScore.pass_no == pass_no)).tuples()
    }  # fmt: skip
    rows = [
        SheetRow(s["id"], s["seq"], s["name"], stored.get(s["id"]) or [None] * len(items))
        for s in _subjects_of(run_id, category)
    ]
    return ScoreSheet(run_id, rater, category, pass_no, items, rows, read_only=run.state != labels.SCORING)


def sheet_problems(rater: RaterRow, category: str, items: Sequence[RubricItem],
                   names: Mapping[int, str], rows: Mapping[int, Sequence[int | None]]) -> list[str]:  # fmt: skip
    """Every value off the rubric, naming the rater, member and item."""
    lines = []
    for subject_id, values in rows.items():
        if len(values) != len(items):
            raise ValueError(f"{len(values)} values for {len(items)} items")
        for item, v in zip(items, values, strict=True):
            if v is not None and not 0 <= v <= item.max:
                lines.append(f"{rater.label}（{category}）{names.get(subject_id, '?')}“{item.name}”："
                             f"{format_points(v)}不在0到{format_points(item.max)}分之间")  # fmt: skip
    return lines


def save_sheet(run_id: int, rater_id: int, category: str, pass_no: int,
               rows: Mapping[int, Sequence[int | None]]) -> None:  # fmt: skip
    """Keep the rows (subject id -> tenths per rated item) of one rater's sheet in one pass."""
    if pass_no not in PASSES:
        raise ValueError(pass_no)
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.SCORING)
        _, rater = _rater(rater_id)
        items = rubrics_from_text(run.rubrics)[category].rated_items
        subjects = {s["id"]: s["name"] for s in _subjects_of(run_id, category)}
        if unknown := [sid for sid in rows if sid not in subjects]:
            raise AppraisalError(f"{len(unknown)}名党员不在{category}的评分表上（可能已改类别或不参加评议），请刷新")
        if lines := sheet_problems(rater, category, items, subjects, rows):
            raise AppraisalError(lines)
        _write_rows(rater_id, pass_no, rows)
        log_change(run, f"录入评分：{rater.label}（{category}，{labels.PASS_LABELS[pass_no]}）{len(rows)}人")


def _write_rows(rater_id: int, pass_no: int, rows: Mapping[int, Sequence[int | None]]) -> None:
    existing = dict(
        AppraisalScore.select(AppraisalScore.subject, AppraisalScore.id)
        .where((AppraisalScore.rater == rater_id) & (AppraisalScore.pass_no == pass_no)
               & AppraisalScore.subject.in_(list(rows))).tuples()
    )  # fmt: skip
    stamp = now()
    new, blank = [], []
    for subject_id, values in rows.items():
        if all(v is None for v in values):
            blank.append(subject_id)
            continue
        text = json.dumps(list(values))
        if subject_id in existing:
            AppraisalScore.update(values=text, updated_at=stamp).where(AppraisalScore.id == existing[subject_id]).execute()
        else:
            new.append(dict(rater=rater_id, subject=subject_id, pass_no=pass_no, values=text, updated_at=stamp))
    bulk_insert(AppraisalScore, new)
    if blank:
        AppraisalScore.delete().where((AppraisalScore.rater == rater_id) & (AppraisalScore.pass_no == pass_no)
                                      & AppraisalScore.subject.in_(blank)).execute()  # fmt: skip


def clear_sheet(run_id: int, rater_id: int, pass_no: int | None = None) -> int:
    """Empty a rater's sheets (one pass, or both): e.g. a sheet entered under the wrong rater."""
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.SCORING)
        _, rater = _rater(rater_id)
        query = AppraisalScore.delete().where(AppraisalScore.rater == rater_id)
        if pass_no is not None:
            query = query.where(AppraisalScore.pass_no == pass_no)
        count = query.execute()
        log_change(run, f"清空评分：{rater.label}")
    return count


# ---- the two passes ----------------------------------------------------------------


def _all_scores(run_id: int) -> dict[tuple[int, int], dict[int, list[int | None]]]:
    """(rater, subject) -> pass -> values, for the whole run in one query."""
    out: dict[tuple[int, int], dict[int, list[int | None]]] = defaultdict(dict)
    query = (
        AppraisalScore.select(AppraisalScore.rater, AppraisalScore.subject, AppraisalScore.pass_no, AppraisalScore.values)
        .join(AppraisalRater).where(AppraisalRater.run == run_id).tuples()
    )  # fmt: skip
    for rater_id, subject_id, pass_no, values in query:
        out[(rater_id, subject_id)][pass_no] = json.loads(values)
    return out


def compare_passes(run_id: int) -> tuple[list[Difference], list[str]]:
    """Cells whose two passes disagree, and sheets whose second pass is not entered yet."""
    run = AppraisalRun.get_by_id(run_id)
    rubrics = rubrics_from_text(run.rubrics)
    raters = {r.id: r for r in list_raters(run_id)}
    subjects = _subjects_of(run_id)
    scores = _all_scores(run_id)
    differences: list[Difference] = []
    pending: list[str] = []
    for rater in raters.values():
        for category, rubric in rubrics.items():
            mine = [s for s in subjects if s["category"] == category]
            entered = {p for s in mine for p in scores.get((rater.id, s["id"]), {})}
            if not entered:
                continue
            if entered != set(PASSES):
                missing = PASSES[1] if 1 in entered else PASSES[0]
                pending.append(f"{rater.label}（{category}）的{labels.PASS_LABELS[missing]}尚未完成")
                continue
            blank = [None] * len(rubric.rated_items)
            for s in mine:
                cell = scores.get((rater.id, s["id"]), {})
                first, second = cell.get(1, blank), cell.get(2, blank)
                for k, (a, b) in enumerate(zip(first, second, strict=True)):
                    if a != b:
                        differences.append(Difference(rater.id, rater.label, s["id"], s["name"], category, k,
                                                      rubric.rated_items[k].name, a, b))  # fmt: skip
    return differences, pending


def settle(run_id: int, rater_id: int, subject_id: int, item_index: int, value: int | None) -> None:
    """Settle a difference: the value read again from the paper goes into both passes."""
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.SCORING)
        s, _, name = _subject(subject_id, labels.SCORING)
        _, rater = _rater(rater_id)
        item = rubrics_from_text(run.rubrics)[s.category].rated_items[item_index]
        if value is not None and not 0 <= value <= item.max:
            raise AppraisalError(f"{name}“{item.name}”：{format_points(value)}不在0到{format_points(item.max)}分之间")
        cells = _all_scores(run_id).get((rater_id, subject_id), {})
        width = len(rubrics_from_text(run.rubrics)[s.category].rated_items)
        for pass_no in PASSES:
            values = list(cells.get(pass_no) or [None] * width)
            values[item_index] = value
            _write_rows(rater_id, pass_no, {subject_id: values})
        log_change(run, f"核对评分：{rater.label} {name}“{item.name}”定为{format_points(value) or '空'}")


def entry_progress(run_id: int) -> list[EntryProgress]:
    """Per rater: cells on their sheets, filled in each pass, and differences."""
    run = AppraisalRun.get_by_id(run_id)
    rubrics = rubrics_from_text(run.rubrics)
    subjects = _subjects_of(run_id)
    scores = _all_scores(run_id)
    differences, _ = compare_passes(run_id)
    per_rater = defaultdict(int)
    for d in differences:
        per_rater[d.rater_id] += 1
    out = []
    for rater in list_raters(run_id):
        cells = first = second = 0
        for s in subjects:
            width = len(rubrics[s["category"]].rated_items)
            cells += width
            cell = scores.get((rater.id, s["id"]), {})
            first += sum(v is not None for v in cell.get(1, ()))
            second += sum(v is not None for v in cell.get(2, ()))
        out.append(EntryProgress(rater, cells, first, second, per_rater[rater.id]))
    return out


def agreed_rows(run_id: int) -> dict[int, dict[str, list[list[int | None]]]]:
    """subject -> rater group -> rows, from cells both passes agree on (the rest blank)."""
    groups = dict(AppraisalRater.select(AppraisalRater.id, AppraisalRater.group).where(AppraisalRater.run == run_id).tuples())
    out: dict[int, dict[str, list[list[int | None]]]] = defaultdict(lambda: defaultdict(list))
    for (rater_id, subject_id), cell in _all_scores(run_id).items():
        first, second = cell.get(1), cell.get(2)
        if first is None or second is None:
            continue
        row = [a if a == b else None for a, b in zip(first, second, strict=True)]
        out[subject_id][groups[rater_id]].append(row)
    return out


# ---- clause items --------------------------------------------------------------------


def set_clause_counts(subject_id: int, item_key: str, counts: Sequence[int]) -> None:
    """How often each clause of a clause item applies to a member (e.g. 2 missed meetings)."""
    with writing(APPRAISAL):
        s, run, name = _subject(subject_id, labels.DRAFT, labels.SCORING)
        rubric = rubrics_from_text(run.rubrics)[s.category]
        item = next((i for i in rubric.clause_items if i.key == item_key), None)
        if item is None:
            raise AppraisalError(f"{s.category}考核表没有按条款计分的项目“{item_key}”")
        if len(counts) != len(item.clauses):
            raise ValueError(f"{len(counts)} counts for {len(item.clauses)} clauses")
        bad = [c.label for c, n in zip(item.clauses, counts, strict=True) if not (isinstance(n, int) and 0 <= n <= MAX_CLAUSE_COUNT)]
        if bad:
            raise AppraisalError([f"{name}“{label}”的次数应为0到{MAX_CLAUSE_COUNT}的整数" for label in bad])
        stored = json.loads(s.clause_counts or "{}")
        stored[item_key] = list(counts)
        AppraisalSubject.update(clause_counts=json.dumps(stored)).where(AppraisalSubject.id == subject_id).execute()
        text = "，".join(f"{c.label}{n}{c.unit}" for c, n in zip(item.clauses, counts, strict=True))
        log_change(run, f"{name}“{item.name}”：{text}")
