"""`main.py print service-handbook|supervision-list|follow-up-slips`: the service papers
of seed §3.2 (a member's 社情民意手册, a branch's 督办 list, 回访 slips)."""

from __future__ import annotations

import argparse

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError
from dahe_desktop.cli.stats import reference_date


def register(commands, printouts) -> None:
    book = printouts.add_parser("service-handbook", help="社情民意手册: a member's visits and items for a year (A4)")
    book.add_argument("--year", type=common.year, required=True)
    book.add_argument("--branch", metavar="NAME", help="the member's branch (every member of it without --member)")
    book.add_argument("--member", metavar="NAME", help="the member's name")
    book.add_argument("out", metavar="OUT.pdf")
    book.set_defaults(handler=run_handbook)
    chase = printouts.add_parser("supervision-list", help="督办清单: a branch's items not yet told back (A4 landscape)")
    chase.add_argument("--branch", metavar="NAME", help="the branch (default: one list per branch)")
    chase.add_argument("--year", type=common.year, help="only items raised that year (default: all open items)")
    chase.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day overdue is judged on (default: today)")
    chase.add_argument("out", metavar="OUT.pdf")
    chase.set_defaults(handler=run_supervision)
    slips = printouts.add_parser("follow-up-slips", help="回访单: one per item with a result not yet told back (2 per A4)")
    slips.add_argument("--branch", metavar="NAME", required=True)
    slips.add_argument("--year", type=common.year, required=True)
    slips.add_argument("out", metavar="OUT.pdf")
    slips.set_defaults(handler=run_slips)


def run_handbook(args: argparse.Namespace) -> int:
    from dahe_desktop.commitments.service import active_members
    from dahe_desktop.service.papers import member_handbook
    from dahe_desktop.service.printouts.handbook import render_handbooks

    if not args.branch and not args.member:
        raise CliError("请用 --member 指定党员，或用 --branch 指定支部")
    branch_id = common.branch_id(args.branch)
    members = [m for m in active_members(branch_id) if not args.member or m.name == args.member]
    if not members:
        raise CliError(f"--member: 没有名为“{args.member}”的在册党员")
    if args.member and len({m.branch_id for m in members}) > 1:
        raise CliError(f"--member: 有{len(members)}名党员叫“{args.member}”，请用 --branch 指明支部")
    result = render_handbooks([member_handbook(m.id, args.year) for m in members], args.out)
    common.report_print(result, f"{result.documents}本手册，共{result.pages}页")
    return 0


def run_supervision(args: argparse.Namespace) -> int:
    from dahe_desktop.roster.service import list_branches
    from dahe_desktop.service.papers import supervision_list
    from dahe_desktop.service.printouts.supervision import render_supervision
    from dahe_desktop.township import posting_info

    today = reference_date(args.as_of)
    branch_id = common.branch_id(args.branch)
    ids = [branch_id] if branch_id is not None else [b.id for b in list_branches()]
    sheets = [supervision_list(b, args.year, today) for b in ids]
    result = render_supervision(sheets, args.out, posting_info().issuer)
    common.report_print(result, f"{result.documents}个支部，{len(result.printed_ids)}条未办结，共{result.pages}页")
    return 0


def run_slips(args: argparse.Namespace) -> int:
    from dahe_desktop.service import labels as L
    from dahe_desktop.service.papers import follow_up_slips
    from dahe_desktop.service.printouts.slip import render_slips
    from dahe_desktop.service.records import ItemFilter
    from dahe_desktop.service.visits import list_items

    branch_id = common.branch_id(args.branch)
    items = [i for i in list_items(ItemFilter(year=args.year, branch_id=branch_id)) if i.status in L.RESULTS]
    result = render_slips(follow_up_slips([i.id for i in items]), args.out)
    common.report_print(result, f"{result.documents}张回访单，共{result.pages}页")
    return 0
