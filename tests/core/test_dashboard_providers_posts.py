"""The dashboard's 设岗定责 figures on the demo township."""

import datetime as dt

from dahe_desktop.dashboard.providers import collect
from dahe_desktop.demo import build_demo


def test_the_demo_selection_fills_every_seat_and_the_dashboard_counts_it(db):
    build_demo()
    figures = collect(2026, dt.date(2026, 12, 1))["posts"]
    assert figures.township["posts"] == figures.township["posts_filled"] > 100
    assert figures.township["post_holders"] >= figures.township["posts_filled"]
    assert len(figures.per_branch) == 20
    assert sum(b["posts"] for b in figures.per_branch.values()) == figures.township["posts"]
