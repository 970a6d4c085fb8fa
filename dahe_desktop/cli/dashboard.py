"""`main.py dashboard` and `main.py report`: the year's 工作概况 figures, and the summary
as a Word file to edit or as an official paper (PDF)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError
from dahe_desktop.cli.stats import reference_date
from dahe_desktop.dashboard.figures import compute_dashboard
from dahe_desktop.dashboard.titles import FIGURE_TITLES, FIGURES


def register(commands, printouts) -> None:
    parser = commands.add_parser("dashboard", help="print the year's 工作概况 figures (teams, visits, items, commitments ...)")
    _common(parser)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON integers")
    parser.set_defaults(handler=run_dashboard)
    report = commands.add_parser("report", help="write the year's summary report: .docx to edit, .pdf (GB/T 9704) to print")
    _common(report)
    report.add_argument("out", metavar="OUT.docx|OUT.pdf", help="the file to write")
    report.set_defaults(handler=run_report)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=common.year, help="the year (default: this year)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day overdue is judged on (default: today)")


def _dashboard(args: argparse.Namespace):
    today = reference_date(args.as_of)
    year = args.year if args.year is not None else today.year
    if not 1990 <= year <= 2100:
        raise CliError(f"--year: {year}不是有效的年份")
    return compute_dashboard(year, today)


def run_dashboard(args: argparse.Namespace) -> int:
    d = _dashboard(args)
    if args.json:
        print(json.dumps(d.as_json(), ensure_ascii=False))
        return 0
    for key in FIGURES:
        value = d.values.get(key)
        print(f"{FIGURE_TITLES[key]}\t{'—' if value is None else value}")
    return 0


def run_report(args: argparse.Namespace) -> int:
    from dahe_desktop.dashboard.report import build_report

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise CliError(f"{out.name}：请用 .docx（可编辑）或 .pdf（公文格式）作为文件扩展名")
    content = build_report(_dashboard(args))
    if suffix == ".pdf":
        from dahe_desktop.dashboard.printouts.report import render_report

        result = render_report(content, out)
        print(f"已写入 {out}：{result.pages}页")
    else:
        from dahe_desktop.dashboard.word import write_docx

        write_docx(content, out)
        print(f"已写入 {out}")
    return 0


