"""`main.py stats`: the 基本情况 figures and paragraph for a reference date."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from dahe_desktop.cli.common import CliError
from dahe_desktop.dates import DateError, parse_date
from dahe_desktop.stats import basic_paragraph, compute_basic_stats


def register(commands, printouts) -> None:
    parser = commands.add_parser("stats", help="print the 基本情况 figures (seed section 2)")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="reference date for ages and joining (default: today)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON integers")
    parser.set_defaults(handler=run_stats, writes=False)


def reference_date(text: str | None) -> dt.date:
    """The --as-of date, today when absent; a bad date is one CliError line."""
    if not text:
        return dt.date.today()
    try:
        value = parse_date(text)
    except DateError as error:
        raise CliError(f"--as-of: {error}") from None
    if value is None:
        raise CliError("--as-of: 请写成如2026-12-31的日期")
    return value


def run_stats(args: argparse.Namespace) -> int:
    stats = compute_basic_stats(reference_date(args.as_of))
    if args.json:
        print(json.dumps(stats.counts(), ensure_ascii=False))
    else:
        print(basic_paragraph(stats))
    return 0
