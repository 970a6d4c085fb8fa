"""`main.py print name-cards`: 党员名片 for the whole township, a branch, or the members
changed since their last print; and `print card-test-sheet` for printer alignment."""

from __future__ import annotations

import argparse
from pathlib import Path

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError


def register(commands, printouts) -> None:
    parser = printouts.add_parser("name-cards", help="党员名片: member name cards, 10 per A4 sheet")
    parser.add_argument("out", metavar="OUT.pdf", help="the PDF file to write")
    parser.add_argument("--branch", metavar="NAME", help="only this branch (支部名称)")
    parser.add_argument(
        "--changed-since-print",
        action="store_true",
        help="only members changed since their last name card (or never printed)",
    )
    parser.add_argument(
        "--duplex",
        action="store_true",
        help="alternate a sheet of fronts and its sheet of backs (duplex printers)",
    )
    parser.add_argument(
        "--per-page",
        type=int,
        choices=(1, 10),
        default=10,
        help="10 per A4 sheet (default) or one card per page (card printers)",
    )
    parser.add_argument("--front-only", action="store_true", help="fronts only, no backs")
    parser.add_argument(
        "--start",
        type=int,
        default=1,
        metavar="N",
        help="first free position (1-10) on a partly used sheet",
    )
    parser.add_argument(
        "--no-record", action="store_true", help="do not log this print (for trial prints)"
    )
    parser.set_defaults(handler=run_name_cards)

    test = printouts.add_parser(
        "card-test-sheet", help="outline-only sheet to check duplex alignment"
    )
    test.add_argument("out", metavar="OUT.pdf")
    test.set_defaults(handler=run_test_sheet)


def run_name_cards(args: argparse.Namespace) -> int:
    from dahe_desktop.namecards.job import print_name_cards
    from dahe_desktop.namecards.selection import ALL, BRANCH, CHANGED, CardScope
    from dahe_desktop.printing.cards import CardJob

    problems = []
    try:
        branch_id = common.branch_id(args.branch)
    except CliError as error:
        branch_id, problems = None, list(error.lines)
    if args.branch is not None and args.changed_since_print:
        problems.append("--branch 与 --changed-since-print 只能选一个")
    if not 1 <= args.start <= (10 if args.per_page == 10 else 1):
        problems.append(f"--start: 位置应为 1 到 {10 if args.per_page == 10 else 1}")
    if problems:
        raise CliError(problems)
    kind = BRANCH if branch_id is not None else CHANGED if args.changed_since_print else ALL
    job = CardJob(per_page=args.per_page, duplex=args.duplex, front_only=args.front_only, start=args.start)
    result = print_name_cards(CardScope(kind, branch_id=branch_id), Path(args.out), job, log=not args.no_record)
    common.report_print(result, f"名片{result.documents}张，{result.pages}页")
    return 0


def run_test_sheet(args: argparse.Namespace) -> int:
    from dahe_desktop.namecards.layout import NAME_CARD_SHEET
    from dahe_desktop.printing.alignment import render_alignment_sheet

    render_alignment_sheet(Path(args.out), NAME_CARD_SHEET)
    print(f"已生成 {args.out}：对齐测试页（正反两页，请双面打印）")
    return 0
