"""A small appraisal run for tests: the small roster's village branch, two member raters
and one representative, in scoring."""

from __future__ import annotations

from dahe_desktop.appraisal import entry, runs
from dahe_desktop.appraisal.labels import RATER_MEMBERS, RATER_REPRESENTATIVES
from tests.helpers.roster import small_roster


def scoring_run(year: int = 2026) -> tuple[int, dict[str, int]]:
    """(run id, names -> ids incl. subject ids as 'subject:<name>' and raters 'rater:<name>')."""
    ids = small_roster()
    run_id = runs.create_run(ids["扎西村党支部"], year)
    runs.confirm_categories(run_id)
    for name in ("卓玛才让", "马福祥"):
        ids[f"rater:{name}"] = runs.add_rater(run_id, RATER_MEMBERS, name, member_id=ids[name])
    ids["rater:代表甲"] = runs.add_rater(run_id, RATER_REPRESENTATIVES, "代表甲", "扎西村")
    runs.start_scoring(run_id)
    for s in runs.list_subjects(run_id):
        ids[f"subject:{s.name}"] = s.id
    return run_id, ids


def fill(run_id: int, value_of=lambda item, rater, subject: item.max, passes=(1, 2)) -> None:
    """Enter every sheet of the run, each pass the same, with `value_of(item, rater, subject)`."""
    info = runs.run_info(run_id)
    subjects = [s for s in runs.list_subjects(run_id) if not s.excused]
    for rater in runs.list_raters(run_id):
        for category, rubric in info.rubrics.items():
            mine = [s for s in subjects if s.category == category]
            if not mine:
                continue
            rows = {s.id: [value_of(i, rater, s) for i in rubric.rated_items] for s in mine}
            for p in passes:
                entry.save_sheet(run_id, rater.id, category, p, rows)
