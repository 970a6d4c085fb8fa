"""`main.py print name-cards`: 党员名片 for the whole township, a branch, or the members
changed since their last print; and `print card-test-sheet` for printer alignment."""

from __future__ import annotations

import argparse
from pathlib import Path

from dahe_desktop.cli import CliError


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
    from dahe_desktop.printing.fonts import MissingGlyphsError
    from dahe_desktop.printing.jobs import print_name_cards
    from dahe_desktop.printing.name_cards import CardJob, NothingToPrintError
    from dahe_desktop.printing.selection import ALL, BRANCH, CHANGED, CardScope
    from dahe_desktop.roster.service import branch_id_by_name

    problems = []
    branch_id = None
    if args.branch is not None:
        branch_id = branch_id_by_name(args.branch)
        if branch_id is None:
            problems.append(f"--branch: 没有名为“{args.branch}”的支部")
    if args.branch is not None and args.changed_since_print:
        problems.append("--branch 与 --changed-since-print 只能选一个")
    if not 1 <= args.start <= (10 if args.per_page == 10 else 1):
        problems.append(f"--start: 位置应为 1 到 {10 if args.per_page == 10 else 1}")
    if problems:
        raise CliError(problems)
    kind = BRANCH if branch_id is not None else CHANGED if args.changed_since_print else ALL
    scope = CardScope(kind, branch_id=branch_id)
    job = CardJob(
        per_page=args.per_page, duplex=args.duplex, front_only=args.front_only, start=args.start
    )
    out = Path(args.out)
    try:
        result = print_name_cards(scope, out, job, record=not args.no_record)
    except MissingGlyphsError as error:
        raise CliError(error.lines) from None
    except NothingToPrintError as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"无法写入 {out}：{error.strerror or error}") from None
    for warning in result.warnings:
        print(f"注意：{warning}")
    print(f"已生成 {out}：名片{result.cards}张，{result.pages}页")
    return 0


def run_test_sheet(args: argparse.Namespace) -> int:
    from dahe_desktop.printing.alignment import render_alignment_sheet
    from dahe_desktop.printing.name_cards import NAME_CARD_SHEET

    render_alignment_sheet(Path(args.out), NAME_CARD_SHEET)
    print(f"已生成 {args.out}：对齐测试页（正反两页，请双面打印）")
    return 0
