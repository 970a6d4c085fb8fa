"""Score sheets as entered from paper: one rater's sheet per category, members down and
rated items across, each entered twice (a second pass, or by a second person) and
compared cell by cell; results count only once every difference is settled. Clause
items (missed meetings, commendations) are counted once per member."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
from dahe_desktop.appraisal.runs import (
    editable_run,
    list_raters,
    log_change,
    run_label,
    set_self_assessment,
    subject_for_edit,
    update_subject,
)
from dahe_desktop.textnorm import clean_text
from db import audit, bulk_insert
from db.changes import APPRAISAL
from db.connection import writing
from db.models import AppraisalRater, AppraisalRun, AppraisalSheet, AppraisalSubject, Member, now

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


def appraised_subjects(run_id: int, category: str | None = None) -> list[dict]:
    query = (
        AppraisalSubject.select(AppraisalSubject.id, AppraisalSubject.seq, AppraisalSubject.category, Member.name,
                                AppraisalSubject.member)
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
    both = {
        p: _values(v)
        for p, v in AppraisalSheet.select(AppraisalSheet.pass_no, AppraisalSheet.values)
        .where((AppraisalSheet.rater == rater_id) & (AppraisalSheet.category == category)).tuples()
    }  # fmt: skip
    stored, other = both.get(pass_no, {}), both.get(3 - pass_no, {})
    rows = [
        SheetRow(s["id"], s["seq"], s["name"], stored.get(s["id"]) or [None] * len(items), other.get(s["id"]))
        for s in appraised_subjects(run_id, category)
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
        subjects = {s["id"]: s["name"] for s in appraised_subjects(run_id, category)}
        if unknown := [sid for sid in rows if sid not in subjects]:
            raise AppraisalError(f"{len(unknown)}名党员不在{category}的评分表上（可能已改类别或不参加评议），请刷新")
        if lines := sheet_problems(rater, category, items, subjects, rows):
            raise AppraisalError(lines)
        write_cells(run_id, pass_no, {(rater_id, sid): v for sid, v in rows.items()}, audited=run)
        log_change(run, f"录入评分：{rater.label}（{category}，{labels.PASS_LABELS[pass_no]}）{len(rows)}人")


def save_sheets(run_id: int, pass_no: int,
                sheets: Mapping[tuple[int, str], Mapping[int, Sequence[int | None]]]) -> int:  # fmt: skip
    """Many sheets of one pass at once ((rater id, category) -> rows), in one transaction:
    an imported workbook, or the demo. Refuses all of them naming every bad value."""
    if pass_no not in PASSES:
        raise ValueError(pass_no)
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.SCORING)
        rubrics = rubrics_from_text(run.rubrics)
        raters = {r.id: r for r in list_raters(run_id)}
        names: dict[str, dict[int, str]] = {}
        lines = []
        for (rater_id, category), rows in sheets.items():
            if rater_id not in raters:
                raise AppraisalError("评议人不在本次考核评议中，请刷新")
            if category not in names:
                names[category] = {s["id"]: s["name"] for s in appraised_subjects(run_id, category)}
            if any(sid not in names[category] for sid in rows):
                raise AppraisalError(f"有党员不在{category}的评分表上（可能已改类别或不参加评议），请刷新")
            lines += sheet_problems(raters[rater_id], category, rubrics[category].rated_items, names[category], rows)
        if lines:
            raise AppraisalError(lines)
        write_cells(run_id, pass_no, {(r, sid): v for (r, _c), rows in sheets.items() for sid, v in rows.items()},
                    audited=run)  # fmt: skip
        count = sum(len(rows) for rows in sheets.values())
        log_change(run, f"录入评分（{labels.PASS_LABELS[pass_no]}）：{len(sheets)}张评分表，{count}行")
    return count


def _values(text: str) -> dict[int, list[int | None]]:
    return {int(k): v for k, v in json.loads(text).items()}


def write_cells(run_id: int, pass_no: int, cells: Mapping[tuple[int, int], Sequence[int | None]],
                audited: AppraisalRun | None = None) -> None:  # fmt: skip
    """Inside a write: (rater id, subject id) -> values for one pass, merged into the
    raters' sheets (one statement per sheet touched); an all-blank row is taken off.
    Once `audited` (the run) was finalized, every score that changes is logged."""
    categories = dict(
        AppraisalSubject.select(AppraisalSubject.id, AppraisalSubject.category)
        .where(AppraisalSubject.run == run_id).tuples()
    )  # fmt: skip
    existing = {
        (r, c): (i, _values(v))
        for r, c, i, v in AppraisalSheet.select(AppraisalSheet.rater, AppraisalSheet.category, AppraisalSheet.id, AppraisalSheet.values)
        .join(AppraisalRater).where((AppraisalRater.run == run_id) & (AppraisalSheet.pass_no == pass_no)).tuples()
    }  # fmt: skip
    touched: dict[tuple[int, str], dict[int, list[int | None]]] = {}
    for (rater_id, subject_id), values in cells.items():
        key = (rater_id, categories[subject_id])
        if key not in touched:
            touched[key] = dict(existing[key][1]) if key in existing else {}
        if all(v is None for v in values):
            touched[key].pop(subject_id, None)
        else:
            touched[key][subject_id] = list(values)
    stamp = now()
    new, empty = [], []
    for (rater_id, category), rows in touched.items():
        text = json.dumps({str(k): v for k, v in sorted(rows.items())})
        old = existing.get((rater_id, category))
        if old is None:
            if rows:
                new.append((rater_id, category, pass_no, text, stamp))
        elif not rows:
            empty.append(old[0])
        else:
            AppraisalSheet.update(values=text, updated_at=stamp).where(AppraisalSheet.id == old[0]).execute()
    fields = [AppraisalSheet.rater, AppraisalSheet.category, AppraisalSheet.pass_no, AppraisalSheet.values, AppraisalSheet.updated_at]
    bulk_insert(AppraisalSheet, new, fields=fields)
    if empty:
        AppraisalSheet.delete().where(AppraisalSheet.id.in_(empty)).execute()
    if audited is not None and audited.reopened:
        before = {key: existing[key][1] if key in existing else {} for key in touched}
        log_scores(audited, pass_no, before, touched)


def log_scores(run: AppraisalRun, pass_no: int, before: Mapping[tuple[int, str], Mapping[int, Sequence[int | None]]],
               after: Mapping[tuple[int, str], Mapping[int, Sequence[int | None]]]) -> int:  # fmt: skip
    """Inside a write: one audit entry per score that changed, (rater, category) -> subject
    -> values before and after; the record names the run, rater, member and pass."""
    rubrics = rubrics_from_text(run.rubrics)
    raters = {r.id: r.label for r in list_raters(run.id)}
    names = dict(AppraisalSubject.select(AppraisalSubject.id, Member.name).join(Member)
                 .where(AppraisalSubject.run == run.id).tuples())  # fmt: skip
    prefix = run_label(run)
    records = []
    for (rater_id, category), rows in after.items():
        items = rubrics[category].rated_items
        old_rows = before.get((rater_id, category), {})
        for subject_id in sorted(set(rows) | set(old_rows)):
            old = old_rows.get(subject_id) or [None] * len(items)
            new = rows.get(subject_id) or [None] * len(items)
            record = f"{prefix}·{raters.get(rater_id, rater_id)}·{names.get(subject_id, subject_id)}·{labels.PASS_LABELS[pass_no]}"
            records.append((record, {i.name: format_points(v) for i, v in zip(items, old, strict=True)},
                            {i.name: format_points(v) for i, v in zip(items, new, strict=True)}))  # fmt: skip
    return audit.changed_many("appraisal_score", records)


def clear_sheet(run_id: int, rater_id: int, pass_no: int | None = None) -> int:
    """Empty a rater's sheets (one pass, or both): e.g. a sheet entered under the wrong rater."""
    with writing(APPRAISAL):
        run = editable_run(run_id, labels.SCORING)
        _, rater = _rater(rater_id)
        query = AppraisalSheet.delete().where(AppraisalSheet.rater == rater_id)
        if pass_no is not None:
            query = query.where(AppraisalSheet.pass_no == pass_no)
        if run.reopened:  # every score taken off is logged
            gone = AppraisalSheet.select(AppraisalSheet.category, AppraisalSheet.pass_no, AppraisalSheet.values).where(
                AppraisalSheet.rater == rater_id)
            for category, p, values in gone.tuples():
                if pass_no is not None and p != pass_no:
                    continue
                log_scores(run, p, {(rater_id, category): _values(values)}, {(rater_id, category): {}})
        count = query.execute()
        log_change(run, f"清空评分：{rater.label}")
    return count


# ---- the two passes ----------------------------------------------------------------


Scores = dict[tuple[int, int], dict[int, list[int | None]]]


def all_scores(run_id: int) -> Scores:
    """(rater, subject) -> pass -> values, for the whole run in one query."""
    out: Scores = defaultdict(dict)
    query = (
        AppraisalSheet.select(AppraisalSheet.rater, AppraisalSheet.pass_no, AppraisalSheet.values)
        .join(AppraisalRater).where(AppraisalRater.run == run_id).tuples()
    )  # fmt: skip
    for rater_id, pass_no, values in query:
        for subject_id, row in _values(values).items():
            out[(rater_id, subject_id)][pass_no] = row
    return out


def compare_passes(run_id: int, scores: Scores | None = None) -> tuple[list[Difference], list[str]]:
    """Cells whose two passes disagree, and sheets whose second pass is not entered yet."""
    run = AppraisalRun.get_by_id(run_id)
    rubrics = rubrics_from_text(run.rubrics)
    raters = {r.id: r for r in list_raters(run_id)}
    subjects = appraised_subjects(run_id)
    scores = all_scores(run_id) if scores is None else scores
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
        s, _, name = subject_for_edit(subject_id, labels.SCORING)
        _, rater = _rater(rater_id)
        item = rubrics_from_text(run.rubrics)[s.category].rated_items[item_index]
        if value is not None and not 0 <= value <= item.max:
            raise AppraisalError(f"{name}“{item.name}”：{format_points(value)}不在0到{format_points(item.max)}分之间")
        cells = all_scores(run_id).get((rater_id, subject_id), {})
        width = len(rubrics_from_text(run.rubrics)[s.category].rated_items)
        for pass_no in PASSES:
            values = list(cells.get(pass_no) or [None] * width)
            values[item_index] = value
            write_cells(run_id, pass_no, {(rater_id, subject_id): values}, audited=run)
        log_change(run, f"核对评分：{rater.label} {name}“{item.name}”定为{format_points(value) or '空'}")


def entry_progress(run_id: int) -> list[EntryProgress]:
    """Per rater: cells on their sheets, filled in each pass, and differences."""
    run = AppraisalRun.get_by_id(run_id)
    rubrics = rubrics_from_text(run.rubrics)
    subjects = appraised_subjects(run_id)
    scores = all_scores(run_id)
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


def agreed_rows(run_id: int, scores: Scores | None = None) -> dict[int, dict[str, list[list[int | None]]]]:
    """subject -> rater group -> rows, from cells both passes agree on (the rest blank)."""
    groups = dict(AppraisalRater.select(AppraisalRater.id, AppraisalRater.group).where(AppraisalRater.run == run_id).tuples())
    out: dict[int, dict[str, list[list[int | None]]]] = defaultdict(lambda: defaultdict(list))
    scores = all_scores(run_id) if scores is None else scores
    for (rater_id, subject_id), cell in scores.items():
        first, second = cell.get(1), cell.get(2)
        if first is None or second is None:
            continue
        row = [a if a == b else None for a, b in zip(first, second, strict=True)]
        out[subject_id][groups[rater_id]].append(row)
    return out


# ---- clause items --------------------------------------------------------------------


def set_clause_counts(subject_id: int, counts: Mapping[str, Sequence[int]]) -> None:
    """How often each clause of a member's clause items applies (item key -> one count per
    clause, e.g. {"meetings": [2]} for two missed meetings); items not named keep theirs."""
    with writing(APPRAISAL):
        s, run, name = subject_for_edit(subject_id, labels.DRAFT, labels.SCORING)
        rubric = rubrics_from_text(run.rubrics)[s.category]
        items = {i.key: i for i in rubric.clause_items}
        stored = json.loads(s.clause_counts or "{}")
        lines, texts = [], []
        for key, values in counts.items():
            item = items.get(key)
            if item is None:
                raise AppraisalError(f"{s.category}考核表没有按条款计分的项目“{key}”")
            if len(values) != len(item.clauses):
                raise ValueError(f"{len(values)} counts for {len(item.clauses)} clauses")
            for c, n in zip(item.clauses, values, strict=True):
                if not (isinstance(n, int) and 0 <= n <= MAX_CLAUSE_COUNT):
                    lines.append(f"{name}“{c.label}”的次数应为0到{MAX_CLAUSE_COUNT}的整数")
            stored[key] = list(values)
            texts.append(f"{item.name}：" + "，".join(f"{c.label}{n}{c.unit}" for c, n in zip(item.clauses, values, strict=True)))
        if lines:
            raise AppraisalError(lines)
        update_subject(run, subject_id, name, clause_counts=json.dumps(stored))
        log_change(run, f"{name}的加减分：" + "；".join(texts))


@dataclass
class MemberFacts:
    """What the clerk enters once per member: the 个人自评 and the clause items' counts."""

    subject_id: int
    name: str
    category: str
    self_assessment: str
    clause_items: list[tuple[RubricItem, list[int]]]


def member_facts(subject_id: int) -> MemberFacts:
    s = (
        AppraisalSubject.select(AppraisalSubject, Member.name.alias("member_name")).join(Member)
        .where(AppraisalSubject.id == subject_id).objects().get_or_none()
    )  # fmt: skip
    if s is None:
        raise AppraisalError("所选党员不在本次考核评议中，请刷新")
    rubric = rubrics_from_text(AppraisalRun.get_by_id(s.run_id).rubrics)[s.category]
    stored = json.loads(s.clause_counts or "{}")
    items = [(i, list(stored.get(i.key) or [0] * len(i.clauses))) for i in rubric.clause_items]
    return MemberFacts(s.id, s.member_name, s.category, s.self_assessment, items)


def save_member_facts(subject_id: int, self_assessment: str, counts: Mapping[str, Sequence[int]]) -> None:
    """The member dialog's save, in one write."""
    with writing(APPRAISAL):
        set_self_assessment(subject_id, self_assessment)
        if counts:
            set_clause_counts(subject_id, counts)
