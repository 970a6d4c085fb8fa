"""`main.py print score-sheets|appraisal-results|appraisal-slips`: the appraisal's papers."""

from __future__ import annotations

import argparse

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError


def register(commands, printouts) -> None:
    sheets = printouts.add_parser("score-sheets", help="考核评议评分表: blank numbered sheets per rater group and category")
    _run(sheets)
    sheets.add_argument("--a3", action="store_true", help="A3 landscape (40 members on one page) instead of A4 landscape")
    sheets.add_argument("--copies", type=int, metavar="N", help="sheets per rater group (default: one per rater registered)")
    sheets.add_argument("out", metavar="OUT.pdf")
    sheets.set_defaults(handler=run_sheets)

    results = printouts.add_parser("appraisal-results", help="民主评议结果公示: a branch's totals and grades (GB/T 9704)")
    _run(results)
    results.add_argument("--start", metavar="DATE", help="first day of the posting period (default: today)")
    results.add_argument("--days", type=int, default=7, metavar="N", help="length of the posting period in days (default 7)")
    results.add_argument("out", metavar="OUT.pdf")
    results.set_defaults(handler=run_results)

    slips = printouts.add_parser("appraisal-slips", help="民主评议结果通知单: one page per member, with item detail")
    _run(slips)
    slips.add_argument("out", metavar="OUT.pdf")
    slips.set_defaults(handler=run_slips)


def _run(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=common.year, required=True, help="the appraisal's year")
    parser.add_argument("--branch", metavar="NAME", required=True, help="the branch")


def _render(args: argparse.Namespace, job, info=None, what: str = "份") -> int:
    from dahe_desktop.errors import UserError

    try:
        result = job.render(args.out, info)
    except UserError as error:
        raise CliError(error.lines) from None
    common.report_print(result, f"{result.documents}{what}，共{result.pages}页")
    return 0


def run_sheets(args: argparse.Namespace) -> int:
    from dahe_desktop.appraisal.printouts.job import SCORE_SHEETS, AppraisalPrint
    from dahe_desktop.cli.appraisal import run_id

    if args.copies is not None and not 1 <= args.copies <= 200:
        raise CliError("--copies: 份数应为1到200")
    return _render(args, AppraisalPrint(SCORE_SHEETS, run_id(args), a3=args.a3, copies=args.copies), what="张评分表")


def run_results(args: argparse.Namespace) -> int:
    from dahe_desktop.appraisal.printouts.job import RESULTS, AppraisalPrint
    from dahe_desktop.cli.appraisal import run_id

    lines: list[str] = []
    info = common.posting_period(args, lines)
    if lines:
        raise CliError(lines)
    return _render(args, AppraisalPrint(RESULTS, run_id(args)), info, what="个支部的公示")


def run_slips(args: argparse.Namespace) -> int:
    from dahe_desktop.appraisal.printouts.job import SLIPS, AppraisalPrint
    from dahe_desktop.cli.appraisal import run_id

    return _render(args, AppraisalPrint(SLIPS, run_id(args)), what="份通知单")
