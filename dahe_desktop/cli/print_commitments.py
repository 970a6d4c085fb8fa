"""`main.py print commitment-cards|commitment-notice`: the posting papers of seed §3.5.

Printing to a file is posting: the versions printed are stored per member (only when
changed), unless `--posted` asks for a reprint of what was posted last.
"""

from __future__ import annotations

import argparse

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError


def register(commands, printouts) -> None:
    cards = printouts.add_parser("commitment-cards", help="党员公开承诺卡: one card per member (A5, 2 per A4 sheet)")
    cards.add_argument("--year", type=common.year, required=True, help="the commitments' year")
    cards.add_argument("--branch", metavar="NAME", help="only this branch (default: all)")
    cards.add_argument("--a4", action="store_true", help="one card per A4 page instead of two A5 cards")
    _common(cards)
    cards.set_defaults(handler=run_cards)

    notice = printouts.add_parser("commitment-notice", help="党员公开承诺公示: a branch's posting sheet (landscape)")
    notice.add_argument("--year", type=common.year, required=True, help="the commitments' year")
    notice.add_argument("--branch", metavar="NAME", required=True, help="the branch posting it")
    notice.add_argument("--a3", action="store_true", help="A3 landscape instead of A4 landscape")
    _common(notice)
    notice.set_defaults(handler=run_notice)

    late = printouts.add_parser("commitment-supervision", help="逾期督办单: each branch's overdue commitments (A4 landscape)")
    late.add_argument("--year", type=common.year, required=True, help="the commitments' year")
    late.add_argument("--branch", metavar="NAME", help="only this branch (default: every branch with overdue ones)")
    late.add_argument("out", metavar="OUT.pdf")
    late.set_defaults(handler=run_supervision)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start", metavar="DATE", help="first day of the posting period (default: today)")
    parser.add_argument("--days", type=int, default=7, metavar="N", help="length of the posting period in days (default 7)")
    parser.add_argument("--posted", action="store_true", help="reprint the versions last posted, without today's edits")
    parser.add_argument("--no-record", action="store_true", help="do not record this print as posted (for trial prints)")
    parser.add_argument("out", metavar="OUT.pdf")


def _inputs(args: argparse.Namespace):
    """The posting facts and the branch id, every bad option reported at once (one line each)."""
    lines, branch_id = [], None
    info = common.posting_period(args, lines)
    try:
        branch_id = common.branch_id(args.branch)
    except CliError as error:
        lines += error.lines
    if lines:
        raise CliError(lines)
    return info, branch_id


def _print(args: argparse.Namespace, kind: str, large: bool) -> int:
    from dahe_desktop.commitments.printouts.job import PrintJob

    info, branch_id = _inputs(args)
    job = PrintJob(kind, args.year, branch_id, posted=args.posted, large=large)
    result = job.print_to(args.out, info, log=not args.no_record)
    common.report_print(result, f"{result.documents}份，共{result.pages}页")
    return 0


def run_cards(args: argparse.Namespace) -> int:
    return _print(args, "card", args.a4)


def run_notice(args: argparse.Namespace) -> int:
    return _print(args, "notice", args.a3)


def run_supervision(args: argparse.Namespace) -> int:
    """Not a posting: nothing is recorded."""
    from dahe_desktop.commitments.overdue import render_supervision_list

    result = render_supervision_list(args.out, args.year, common.branch_id(args.branch))
    common.report_print(result, f"{result.documents}个支部，共{result.pages}页")
    return 0
