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
    parser.add_argument("--cut", choices=("perforated", "guillotine"), default="perforated",
                        help="perforated 10-up card stock (default), or 8-up with gutters, bleed and crop marks for a guillotine")
    parser.add_argument("--cr80", action="store_true", help="with --per-page 1: CR-80 cards (85.6 x 54 mm) for card printers")
    parser.add_argument("--sheets", metavar="N-M", help="print only sheets N to M again (after a paper jam; see the sheet's footer)")
    parser.add_argument("--back-offset", metavar="DX,DY", help="move the backs by DX,DY millimetres (read off the card-test-sheet)")
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
    slots = CardJob(per_page=args.per_page, cut=args.cut).layout().per_sheet
    if not 1 <= args.start <= slots:
        problems.append(f"--start: 位置应为 1 到 {slots}")
    sheets = _range(args.sheets, problems)
    offset = _offset(args.back_offset, problems)
    if args.cr80 and args.per_page != 1:
        problems.append("--cr80 只用于 --per-page 1（证卡打印机）")
    if problems:
        raise CliError(problems)
    kind = BRANCH if branch_id is not None else CHANGED if args.changed_since_print else ALL
    job = CardJob(per_page=args.per_page, duplex=args.duplex, front_only=args.front_only, start=args.start,
                  cut=args.cut, cr80=args.cr80, sheets=sheets, back_shift_mm=offset)  # fmt: skip
    result = print_name_cards(CardScope(kind, branch_id=branch_id), Path(args.out), job, log=not args.no_record)
    needing = {w.split("：", 1)[0] for w in result.warnings if "：" in w}
    if needing:
        print(f"注意：{len(needing)}张名片需要看一下（下列各行）")
    common.report_print(result, f"名片{result.documents}张，{result.pages}页")
    return 0


def _range(text: str | None, problems: list[str]) -> tuple[int, int] | None:
    if text is None:
        return None
    first, _, last = text.partition("-")
    try:
        a, b = int(first), int(last or first)
    except ValueError:
        problems.append(f"--sheets: 应写成如 3-5 的纸张范围（看每张纸底边的“第n/N张”），而不是“{text}”")
        return None
    if not 1 <= a <= b:
        problems.append(f"--sheets: 范围应从1开始且前小后大，而不是“{text}”")
        return None
    return a, b


def _offset(text: str | None, problems: list[str]) -> tuple[float, float]:
    if text is None:
        return (0.0, 0.0)
    try:
        dx, dy = (float(v) for v in text.split(","))
    except ValueError:
        problems.append(f"--back-offset: 应写成如 0.5,-1.0 的左右,上下毫米数，而不是“{text}”")
        return (0.0, 0.0)
    if max(abs(dx), abs(dy)) > 10:
        problems.append("--back-offset: 偏移超过10毫米，请重新测量对齐测试页")
    return (dx, dy)


def run_test_sheet(args: argparse.Namespace) -> int:
    from dahe_desktop.namecards.layout import NAME_CARD_SHEET
    from dahe_desktop.printing.alignment import render_alignment_sheet

    render_alignment_sheet(Path(args.out), NAME_CARD_SHEET)
    print(f"已生成 {args.out}：对齐测试页（正反两页，请双面打印）")
    return 0
