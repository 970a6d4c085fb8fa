"""The demo township's 2026 selection: finished everywhere, by the rules, one tie settled."""

from collections import Counter

from dahe_desktop.demo import build_demo
from dahe_desktop.posts import labels
from dahe_desktop.posts import service as posts
from dahe_desktop.posts.demo import add_demo_posts


def test_every_branch_finished_its_selection_with_full_coverage_and_one_tie(db):
    result = build_demo()
    overview = posts.township_overview(2026)
    assert len(overview) == 20 and all(s.finished for s in overview), [s.missing for s in overview if not s.finished]
    ties = []
    for status in overview:
        selection_id = status.selection_id
        assert posts.coverage(status.branch_id, 2026).complete
        ties += [(status.branch_name, *t[:3]) for t in posts.tie_decisions(selection_id)]
        for post in posts.list_posts(status.branch_id, 2026):
            assert len(post.candidates) > post.seats  # 差额 everywhere
        first, second = posts.ballot_entry(selection_id, 1), posts.ballot_entry(selection_id, 2)
        assert first.entered_by != second.entered_by and posts.entry_differences(selection_id) == []
        steps = [s.on for s in status.steps]
        assert steps == sorted(steps)  # each step dated, in order
    assert len(ties) == 1 and ties[0][0] == "加吾村党支部"
    holders = posts.list_appointments(2026)
    assert result.post_holders == len(holders) > 150
    assert Counter(a.source for a in holders)[labels.BY_BRANCH] > 0
    log = posts.list_duty_log(2026)
    assert len(log) > 150 and all(e.what and e.for_whom for e in log)


def test_the_demo_posts_are_added_once(db):
    build_demo()
    again = add_demo_posts(2026)
    assert (again.selections, again.holders, again.log_entries) == (0, 0, 0)
