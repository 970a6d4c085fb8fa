"""`audit [--member ID] [--table T] [--since D] [--until D] [--export FILE.xlsx]`: who changed what."""

from __future__ import annotations

import argparse

from dahe_desktop.audit.service import export_entries, list_entries, sensitive_entries
from dahe_desktop.audit.viewing import audit_values_shown
from dahe_desktop.cli.common import CliError
from dahe_desktop.dates import DateError, parse_date
from dahe_desktop.safety.labels import AUDITED


def register(commands: argparse._SubParsersAction, printouts: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("audit", help="list the audit log (who changed which field, when)")
    parser.add_argument("--member", type=int, metavar="ID", help="only this member's changes")
    parser.add_argument("--table", metavar="TABLE", help=f"only this table: {', '.join(AUDITED)}")
    parser.add_argument("--since", metavar="YYYY-MM-DD")
    parser.add_argument("--until", metavar="YYYY-MM-DD")
    parser.add_argument("--export", metavar="FILE.xlsx", help="write the entries to a workbook")
    parser.add_argument("--include-sensitive", action="store_true",
                        help="show the values of 人员类别, 户类别, 备注 and the appraisal's reasons "
                             "(health, hardship; default: hidden; showing them is logged)")  # fmt: skip
    parser.set_defaults(handler=audit_command, writes=False)


def _date(text: str | None, option: str):
    if not text:
        return None
    try:
        return parse_date(text)
    except DateError as error:
        raise CliError(f"{option}: {error}") from None


def audit_command(args: argparse.Namespace) -> int:
    if args.table and args.table not in AUDITED:  # a mistyped name would list nothing and look like no changes
        raise CliError(f"--table {args.table}：修改记录里没有这一类；可用：{', '.join(AUDITED)}")
    rows = list_entries(member_id=args.member, table=args.table,
                        since=_date(args.since, "--since"), until=_date(args.until, "--until"),
                        include_sensitive=args.include_sensitive)  # fmt: skip
    if args.export:
        count = export_entries(args.export, rows)
        print(f"exported {count} audit entries to {args.export}")
        return 0
    for row in rows:
        print(f"{row.at:%Y-%m-%d %H:%M:%S}  {row.clerk or '-'}  {row.table} {row.record}  {row.field}: {row.old} → {row.new}")
    audit_values_shown(sensitive_entries(rows))  # who saw the health and hardship values
    return 0
