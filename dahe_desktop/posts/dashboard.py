"""What 设岗定责 adds to the dashboard: seats opened and seats held, per branch."""

from __future__ import annotations

import datetime as dt

from peewee import JOIN, fn

from dahe_desktop.dashboard.providers import FeatureFigures
from db import changes
from db.models.posts import BranchPost, PostAppointment, PostSelection

DASHBOARD_KINDS = (changes.POST_SELECTIONS,)
ON_POST = "在岗"


def dashboard_figures(year: int, today: dt.date) -> FeatureFigures:
    """`posts`: seats the branches opened for `year`; `posts_filled`: seats held (a post
    with more holders than seats, after 支部调剂, counts its seats); `post_holders`:
    members holding a post."""
    held = (PostAppointment.select(PostAppointment.post, fn.COUNT(PostAppointment.id).alias("n"))
            .where(PostAppointment.status == ON_POST).group_by(PostAppointment.post))  # fmt: skip
    rows = (
        BranchPost.select(PostSelection.branch, BranchPost.seats, fn.COALESCE(held.c.n, 0).alias("held"))
        .join(PostSelection)
        .switch(BranchPost)
        .join(held, JOIN.LEFT_OUTER, on=(held.c.post_id == BranchPost.id))
        .where(PostSelection.year == year)
        .tuples()
    )
    per_branch: dict[int, dict[str, int]] = {}
    for branch_id, seats, holders in rows:
        figures = per_branch.setdefault(branch_id, {"posts": 0, "posts_filled": 0, "post_holders": 0})
        figures["posts"] += seats
        figures["posts_filled"] += min(seats, holders)
        figures["post_holders"] += holders
    township = {key: sum(f[key] for f in per_branch.values()) for key in ("posts", "posts_filled", "post_holders")}
    return FeatureFigures(township, per_branch)
