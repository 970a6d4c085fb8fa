"""What the appraisal adds to the dashboard (工作概况): members graded in the year's
finalized runs, by grade, per branch. Runs still open count nothing yet."""

from __future__ import annotations

import datetime as dt

from dahe_desktop.appraisal.labels import FINALIZED
from dahe_desktop.dashboard.providers import FeatureFigures
from db import changes
from db.models import AppraisalRun, AppraisalSubject

DASHBOARD_KINDS = (changes.APPRAISAL,)
KEYS = {"优秀": "appraisal_excellent", "合格": "appraisal_qualified", "基本合格": "appraisal_basic",
        "不合格": "appraisal_unqualified"}  # fmt: skip


def dashboard_figures(year: int, today: dt.date) -> FeatureFigures:
    """`appraised`: members graded in finalized runs of `year`; one figure per grade
    (a three-grade set simply has no 基本合格)."""
    rows = (
        AppraisalSubject.select(AppraisalRun.branch, AppraisalSubject.grade)
        .join(AppraisalRun)
        .where((AppraisalRun.year == year) & (AppraisalRun.state == FINALIZED) & (AppraisalSubject.excused == False))  # noqa: E712
        .tuples()
    )  # fmt: skip
    per_branch: dict[int, dict[str, int]] = {}
    for branch_id, grade in rows:
        figures = per_branch.setdefault(branch_id, {"appraised": 0, **{k: 0 for k in KEYS.values()}})
        figures["appraised"] += 1
        if grade in KEYS:
            figures[KEYS[grade]] += 1
    keys = ("appraised", *KEYS.values())
    township = {key: sum(f[key] for f in per_branch.values()) for key in keys}
    return FeatureFigures(township, per_branch)
