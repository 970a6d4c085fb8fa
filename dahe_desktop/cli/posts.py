"""`main.py posts status|holders`: where each branch's 设岗定责 selection stands, and who
holds which post (seed §3.4)."""

from __future__ import annotations

import argparse

from dahe_desktop.cli import common
from dahe_desktop.cli.common import branch_id


def register(commands, printouts) -> None:
    parser = commands.add_parser("posts", help="设岗定责: selection status and post holders")
    sub = parser.add_subparsers(dest="posts_command", metavar="WHAT", required=True)
    status = sub.add_parser("status", help="each branch's selection steps and what is missing")
    status.add_argument("--year", type=common.year, required=True)
    status.add_argument("--branch", metavar="NAME", help="one branch in detail: steps, missing, coverage")
    status.set_defaults(handler=run_status)
    holders = sub.add_parser("holders", help="post holders with their duties and yearly targets")
    holders.add_argument("--year", type=common.year, required=True)
    holders.add_argument("--branch", metavar="NAME", help="only this branch (default: all)")
    holders.set_defaults(handler=run_holders)


def run_status(args: argparse.Namespace) -> int:
    from dahe_desktop.posts import labels
    from dahe_desktop.posts import service as posts

    chosen = branch_id(args.branch)
    if chosen is None:
        for s in posts.township_overview(args.year):
            done = sum(step.done for step in s.steps)
            state = "已完成" if s.finished else f"第{done}/{len(s.steps)}步；" + "；".join(s.missing)
            print(f"{s.branch_name}\t{state}")
        return 0
    s = posts.selection_status(chosen, args.year)
    print(f"{s.branch_name}{args.year}年设岗定责")
    for step in s.steps:
        print(f"  [{'✓' if step.done else ' '}] {step.title}\t{step.on or ''}\t{step.detail}")
    if s.selection_id is not None:
        for post, tied, picked, how, on in posts.tie_decisions(s.selection_id):
            print(f"  并列：{post}候选人{tied}得票相同，{on}{how}，{picked}当选")
    for line in s.missing:
        print(f"  待办：{line}")
    cover = posts.coverage(chosen, args.year)
    for status in (labels.HOLDS_POST, labels.OFFICE_HOLDER, labels.NO_POST, labels.EXEMPT):
        rows = cover.of(status)
        if rows:
            names = "、".join(f"{r.member_name}（{r.posts or r.why or r.position}）" for r in rows)
            print(f"{status}{len(rows)}名：{names}")
    return 0


def run_holders(args: argparse.Namespace) -> int:
    from dahe_desktop.posts import service as posts

    rows = posts.list_appointments(args.year, branch_id(args.branch))
    for a in rows:
        duties = "；".join(a.duties.splitlines())
        targets = "；".join(a.targets.splitlines())
        print(f"{a.branch_name}\t{a.post_name}\t{a.member_name}\t{a.source}\t职责：{duties}\t目标：{targets}")
    print(f"共{len(rows)}名")
    return 0
