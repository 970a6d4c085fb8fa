"""What command modules share: the `import`/`export` groups several features add to,
looking up a branch by name, and reporting a printout the way every print command does."""

from __future__ import annotations

import argparse

from dahe_desktop.errors import UserError
from dahe_desktop.printing.document import PrintResult


class CliError(UserError):
    """Bad input for a command: each line names one problem."""


FIRST_YEAR, LAST_YEAR = 1949, 2100
MAX_POSTING_DAYS = 365  # a posting period (公示) is days or weeks


def year(text: str) -> int:
    """A --year option: a year the records can have (99999999999999999999 overflowed
    SQLite's integer into a traceback; -5 planned a year that never was)."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not FIRST_YEAR <= int(value) <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"“{text}”不是年份，请写{FIRST_YEAR}到{LAST_YEAR}之间的四位数年份，如2026")
    return int(value)


def count(low: int, high: int, unit: str):
    """An argparse type for a count from `low` to `high` (ballots, days): a huge one ran
    for minutes filling the memory (--reps 100000000) or overflowed (--days 99999999999)."""

    def parse(text: str) -> int:
        value = text.strip()
        number = int(value) if value.isascii() and value.lstrip("-").isdigit() and len(value) < 12 else None
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(f"“{text}”应为{low}到{high}之间的整数（{unit}）")
        return number

    return parse


def group(commands: argparse._SubParsersAction, name: str, help_text: str) -> argparse._SubParsersAction:
    """The sub-commands of `main.py NAME` (e.g. `import roster`, `import households`),
    created by the first module that asks."""
    groups = commands.__dict__.setdefault("dahe_groups", {})
    if name not in groups:
        parser = commands.add_parser(name, help=help_text)
        groups[name] = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    return groups[name]


def branch_id(name: str | None, option: str = "--branch") -> int | None:
    """The id of the branch called `name` (None for None); an unknown name is a CliError
    listing some of the branches there are."""
    from dahe_desktop.roster.service import branch_id_by_name, list_branches

    if name is None:
        return None
    found = branch_id_by_name(name)
    if found is None:
        known = "、".join(b.name for b in list_branches()[:8])
        raise CliError(f"{option}: 没有名为“{name}”的支部" + (f"（已有：{known}……）" if known else ""))
    return found


def posting_period(args: argparse.Namespace, problems: list[str]):
    """The posting facts for `--start DATE --days N` (today and 7 days by default); a bad
    option adds its line to `problems` (every problem is reported at once) and gives None."""
    from dahe_desktop.dates import DateError, parse_date
    from dahe_desktop.township import posting_info

    start, ok = None, True
    try:
        start = parse_date(args.start) if args.start else None
    except DateError as error:
        problems.append(f"--start: {error}")
        ok = False
    if not 1 <= args.days <= MAX_POSTING_DAYS:  # 99999999999 days overflowed the date into a traceback
        problems.append(f"--days: 公示天数应为1到{MAX_POSTING_DAYS}之间的整数")
        ok = False
    return posting_info(start, args.days) if ok else None


def report_print(result: PrintResult, summary: str) -> None:
    """The warnings, then one line naming the file and what it holds (`summary`)."""
    for line in result.notes():
        print(line if line.startswith("注意") else f"注意：{line}")
    print(f"已生成 {result.path}：{summary}")
