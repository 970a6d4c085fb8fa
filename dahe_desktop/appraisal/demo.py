"""A finalized year-end appraisal in every demo branch: the members present and a few
villager representatives score every member (both passes entered, a typo or two found
and settled), missed meetings and commendations counted, a few grades set by the branch
committee against the points with their reasons, improvement measures for the weak."""

from __future__ import annotations

import datetime as dt
import random

from dahe_desktop.appraisal import entry, results, runs
from dahe_desktop.appraisal.labels import NEEDS_MEASURES, RATER_MEMBERS, RATER_REPRESENTATIVES
from dahe_desktop.appraisal.scoring import RunConfig
from dahe_desktop.demo.people import PeopleMaker
from db.models import Branch

DEMO_APPRAISAL_SEED = 3606

EXCUSES = {
    "外出党员": "在外务工未能返乡，已书面请假",
    "老病残党员": "长期卧病，经支委会同意本年度不参加考评",
}
SELF_ASSESSMENTS = (
    "本人全年按时参加组织生活，认真学习党的政策，承诺事项基本完成。",
    "能够履行党员义务，积极参加义务劳动，不足是带动群众增收办法不多。",
    "坚持联系服务农牧户，协助调解草场纠纷，今后要加强理论学习。",
)
# (grade suggested by the points, grade the committee proposes, its reason)
OVERRIDES = (
    ("合格", "基本合格", "全年两次无故不参加组织生活，群众反映服务意识不强，经支委会研究评为基本合格"),
    ("优秀", "合格", "承诺事项中有一项逾期未完成，支委会根据现实表现研究评为合格"),
    ("基本合格", "合格", "患病期间仍坚持参加学习和义务劳动，群众评价较好，支委会研究评为合格"),
)
MEASURES = "由支部书记谈心谈话，明确一名支委帮带；每季度参加组织生活并向支部汇报思想，年中复评"


def add_demo_appraisals(year: int, seed: int = DEMO_APPRAISAL_SEED) -> int:
    """A finalized run for every branch; returns the number of members graded."""
    rng = random.Random(seed)
    maker = PeopleMaker(rng, unique_names=False)
    graded = 0
    overrides = list(OVERRIDES)
    for branch in Branch.select().order_by(Branch.sort_order, Branch.id):
        meeting = dt.date(year, 12, rng.randint(15, 28))
        run_id = runs.create_run(branch.id, year, meeting)
        runs.set_config(run_id, RunConfig(trim=True))
        subjects = runs.list_subjects(run_id)
        runs.confirm_categories(run_id)
        excused = _excuse_some(rng, subjects)
        present = [s.member_id for s in subjects if s.id not in excused and s.category != "外出党员"]
        runs.add_member_raters(run_id, present)
        village = branch.village or "大河乡"
        for _ in range(rng.randint(5, 8)):
            ethnicity = rng.choice(("藏族", "藏族", "藏族", "汉族", "回族", "土族"))
            runs.add_rater(run_id, RATER_REPRESENTATIVES, maker.name(ethnicity, rng.choice(("男", "女"))), village)
        for s in subjects[::3]:
            if s.id not in excused:
                runs.set_self_assessment(s.id, rng.choice(SELF_ASSESSMENTS))
        runs.start_scoring(run_id)
        _score(rng, run_id, [s for s in subjects if s.id not in excused])
        graded += _grade(rng, run_id, overrides)
        results.finalize(run_id)
    return graded


def _excuse_some(rng: random.Random, subjects) -> set[int]:
    out = set()
    for s in subjects:
        reason = EXCUSES.get(s.category)
        if reason and rng.random() < 0.12:
            runs.excuse(s.id, reason)
            out.add(s.id)
    return out


def _score(rng: random.Random, run_id: int, subjects) -> None:
    info = runs.run_info(run_id)
    raters = runs.list_raters(run_id)
    merit = {s.id: min(0.99, max(0.5, rng.gauss(0.86, 0.07))) for s in subjects}
    for s in rng.sample(subjects, k=min(1, len(subjects))):
        merit[s.id] = rng.uniform(0.55, 0.7)  # one weak member in a branch
    leniency = {r.id: rng.gauss(0.0, 0.03 if r.group == RATER_MEMBERS else 0.05) for r in raters}
    sheets: dict[tuple[int, str], dict[int, list[int | None]]] = {}
    for rater in raters:
        for s in subjects:
            items = info.rubrics[s.category].rated_items
            row = []
            for item in items:
                share = min(1.0, max(0.0, merit[s.id] + leniency[rater.id] + rng.gauss(0, 0.05)))
                row.append(round(item.max * share / 5) * 5)  # raters write whole or half points
            sheets.setdefault((rater.id, s.category), {})[s.id] = row
    entry.save_sheets(run_id, 1, sheets)
    # The second pass, typed by another person, has a slip or two; they are read off the paper.
    key = rng.choice(sorted(sheets))
    subject_id = rng.choice(sorted(sheets[key]))
    typed = {k: {sid: list(v) for sid, v in r.items()} for k, r in sheets.items()}
    k = rng.randrange(len(typed[key][subject_id]))
    v = typed[key][subject_id][k] or 0
    typed[key][subject_id][k] = v - 5 if v >= 5 else v + 5  # half a point off
    entry.save_sheets(run_id, 2, typed)
    for d in entry.compare_passes(run_id)[0]:
        entry.settle(run_id, d.rater_id, d.subject_id, d.item_index, d.first)
    for s in subjects:
        counts = {}
        for item in info.rubrics[s.category].clause_items:
            missed = rng.choices((0, 1, 2, 3), weights=(70, 18, 8, 4))[0] if merit[s.id] > 0.75 else rng.randint(1, 3)
            counts[item.key] = [missed if c.points < 0 else rng.choices((0, 1, 2), weights=(85, 12, 3))[0] for c in item.clauses]
        if any(any(c) for c in counts.values()):  # none missed, none commended: nothing to enter
            entry.set_clause_counts(s.id, counts)

def _grade(rng: random.Random, run_id: int, overrides: list) -> int:
    res = results.run_results(run_id)
    members = [m for m in res.members if not m.excused]
    for suggested, proposed, reason in list(overrides):
        match = next((m for m in members if m.suggested == suggested and not m.grade_recorded), None)
        if match is not None and rng.random() < 0.5:
            results.set_grade(match.subject_id, proposed, reason)
            match.grade, match.grade_recorded = proposed, True
            overrides.remove((suggested, proposed, reason))
    for m in members:
        if m.grade in NEEDS_MEASURES:
            results.set_measures(m.subject_id, MEASURES)
            if rng.random() < 0.5:
                results.set_appeal(m.subject_id, "本人对评议结果无异议，表示今后加强学习、主动服务群众")
    return len(members)

