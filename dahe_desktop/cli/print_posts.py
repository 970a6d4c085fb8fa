"""`main.py print ballots|post-notice|post-cards`: the papers of 设岗定责 (seed §3.4)."""

from __future__ import annotations

import argparse

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError

MAX_BALLOTS = 2000  # voters of one branch's meeting, with room to spare


def register(commands, printouts) -> None:
    ballots = printouts.add_parser("ballots", help="设岗定责候选人名单和选票: one ballot per voter, numbered")
    ballots.add_argument("--year", type=common.year, required=True)
    ballots.add_argument("--branch", metavar="NAME", required=True)
    ballots.add_argument("--members", type=common.count(0, MAX_BALLOTS, "张"), metavar="N", help="ballots for members (default: the branch's members, those away excepted)")
    ballots.add_argument("--reps", type=common.count(0, MAX_BALLOTS, "张"), default=20, metavar="N", help="ballots for villager representatives (default 20)")
    ballots.add_argument("--no-list", action="store_true", help="only the ballots, without the candidate list")
    ballots.add_argument("out", metavar="OUT.pdf")
    ballots.set_defaults(handler=run_ballots)

    notice = printouts.add_parser("post-notice", help="设岗定责公示: the post holders for posting (GB/T 9704)")
    notice.add_argument("--year", type=common.year, required=True)
    notice.add_argument("--branch", metavar="NAME", required=True)
    _period(notice)
    notice.set_defaults(handler=run_notice)

    cards = printouts.add_parser("post-cards", help="岗位卡: each post holder's duties and targets (A5, 2 per A4)")
    cards.add_argument("--year", type=common.year, required=True)
    cards.add_argument("--branch", metavar="NAME", help="only this branch (default: all)")
    _period(cards)
    cards.set_defaults(handler=run_cards)


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start", metavar="DATE", help="first day of the posting period, the paper's date (default: today)")
    parser.add_argument("--days", type=int, default=7, metavar="N", help="length of the posting period in days (default 7)")
    parser.add_argument("out", metavar="OUT.pdf")


def _info(args: argparse.Namespace):
    lines: list[str] = []
    info = common.posting_period(args, lines)
    if lines:
        raise CliError(lines)
    return info


def _print(job, args: argparse.Namespace, info, what: str) -> int:
    result = job.render(args.out, info)
    common.report_print(result, f"{result.documents}{what}，共{result.pages}页")
    return 0


def run_ballots(args: argparse.Namespace) -> int:
    from dahe_desktop.posts.printouts.job import BALLOTS, PostsPrintJob
    from dahe_desktop.township import posting_info

    lines = [f"{opt}: 张数不能为负数" for opt, n in (("--members", args.members), ("--reps", args.reps)) if n is not None and n < 0]
    if lines:
        raise CliError(lines)
    job = PostsPrintJob(BALLOTS, args.year, common.branch_id(args.branch), args.members, args.reps, not args.no_list)
    return _print(job, args, posting_info(), "张选票")


def run_notice(args: argparse.Namespace) -> int:
    from dahe_desktop.posts.printouts.job import NOTICE, PostsPrintJob

    info = _info(args)
    return _print(PostsPrintJob(NOTICE, args.year, common.branch_id(args.branch)), args, info, "份公示")


def run_cards(args: argparse.Namespace) -> int:
    from dahe_desktop.posts.printouts.job import CARDS, PostsPrintJob

    info = _info(args)
    return _print(PostsPrintJob(CARDS, args.year, common.branch_id(args.branch)), args, info, "张岗位卡")
