"""`main.py print contact-cards|pairing-letters|pairing-list`: the 结对帮扶 printouts."""

from __future__ import annotations

import argparse

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError


def register(commands, printouts) -> None:
    cards = printouts.add_parser("contact-cards", help="便民服务联系卡: one card per paired household (10 per A4)")
    cards.add_argument("--year", type=common.year, required=True)
    cards.add_argument("--branch", metavar="NAME", help="only this branch (default: all)")
    cards.add_argument("--duplex", action="store_true", help="backs on the reverse of each sheet (long-edge duplex)")
    cards.add_argument("--front-only", action="store_true", help="fronts only")
    cards.add_argument("out", metavar="OUT.pdf")
    cards.set_defaults(handler=run_contact_cards)

    letters = printouts.add_parser("pairing-letters", help="“结链”责任状: secretary-member and member-household letters (A4)")
    letters.add_argument("--year", type=common.year, required=True)
    letters.add_argument("--branch", metavar="NAME", help="only this branch (default: all)")
    letters.add_argument("--date", metavar="DATE", help="the date printed under the issuer (default: today)")
    letters.add_argument("out", metavar="OUT.pdf")
    letters.set_defaults(handler=run_letters)

    listing = printouts.add_parser("pairing-list", help="结对公示: a branch's pairing list for posting (no household kinds)")
    listing.add_argument("--year", type=common.year, required=True)
    listing.add_argument("--branch", metavar="NAME", required=True)
    listing.add_argument("--start", metavar="DATE", help="first day of the posting period (default: today)")
    listing.add_argument("--days", type=int, default=7, metavar="N")
    listing.add_argument("out", metavar="OUT.pdf")
    listing.set_defaults(handler=run_list)


def _date(value: str | None, option: str):
    from dahe_desktop.dates import DateError, parse_date

    if not value:
        return None
    try:
        return parse_date(value)
    except DateError as error:
        raise CliError(f"{option}: {error}") from None


def run_contact_cards(args: argparse.Namespace) -> int:
    from dahe_desktop.pairing.printouts.job import print_contact_cards
    from dahe_desktop.printing.cards import CardJob

    result = print_contact_cards(args.year, common.branch_id(args.branch), args.out,
                                 CardJob(duplex=args.duplex, front_only=args.front_only))  # fmt: skip
    common.report_print(result, f"联系卡{result.documents}张，{result.pages}页")
    return 0


def run_letters(args: argparse.Namespace) -> int:
    from dahe_desktop.pairing.printouts.job import print_letters

    result = print_letters(args.year, common.branch_id(args.branch), args.out, issued_on=_date(args.date, "--date"))
    common.report_print(result, f"结链责任状{result.documents}份，{result.pages}页")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from dahe_desktop.pairing.printouts.job import print_pairing_list

    lines: list[str] = []
    info = common.posting_period(args, lines)
    if lines:
        raise CliError(lines)
    result = print_pairing_list(args.year, common.branch_id(args.branch), args.out, info)
    common.report_print(result, f"结对公示{result.pages}页")
    return 0
