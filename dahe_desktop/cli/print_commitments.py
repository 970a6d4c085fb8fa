"""`main.py print commitment-cards|commitment-notice`: the posting papers of seed §3.5.

Printing to a file is posting: the versions printed are stored per member (only when
changed), unless `--posted` asks for a reprint of what was posted last.
"""

from __future__ import annotations

import argparse

from dahe_desktop.cli import CliError


def register(commands, printouts) -> None:
    cards = printouts.add_parser("commitment-cards", help="党员公开承诺卡: one card per member (A5, 2 per A4 sheet)")
    cards.add_argument("--year", type=int, required=True, help="the commitments' year")
    cards.add_argument("--branch", metavar="NAME", help="only this branch (default: all)")
    cards.add_argument("--a4", action="store_true", help="one card per A4 page instead of two A5 cards")
    _common(cards)
    cards.set_defaults(handler=run_cards)

    notice = printouts.add_parser("commitment-notice", help="党员公开承诺公示: a branch's posting sheet (landscape)")
    notice.add_argument("--year", type=int, required=True, help="the commitments' year")
    notice.add_argument("--branch", metavar="NAME", required=True, help="the branch posting it")
    notice.add_argument("--a3", action="store_true", help="A3 landscape instead of A4 landscape")
    _common(notice)
    notice.set_defaults(handler=run_notice)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start", metavar="DATE", help="first day of the posting period (default: today)")
    parser.add_argument("--days", type=int, default=7, metavar="N", help="length of the posting period in days (default 7)")
    parser.add_argument("--posted", action="store_true", help="reprint the versions last posted, without today's edits")
    parser.add_argument("out", metavar="OUT.pdf")


def _inputs(args: argparse.Namespace):
    """The posting facts and the branch id, every bad option reported at once (one line each)."""
    from dahe_desktop.commitments.printdoc import posting_info
    from dahe_desktop.dates import DateError, parse_date

    lines, start, branch_id = [], None, None
    try:
        start = parse_date(args.start) if args.start else None
    except DateError as error:
        lines.append(f"--start: {error}")
    if args.days < 1:
        lines.append("--days: 公示天数应为正整数")
    try:
        branch_id = _branch_id(args.branch)
    except CliError as error:
        lines += error.lines
    if lines:
        raise CliError(lines)
    return posting_info(start, args.days), branch_id


def _branch_id(name: str | None) -> int | None:
    from dahe_desktop.roster.service import branch_id_by_name, list_branches

    if name is None:
        return None
    branch_id = branch_id_by_name(name)
    if branch_id is None:
        known = "、".join(b.name for b in list_branches()[:8])
        raise CliError(f"--branch: 没有名为“{name}”的支部（已有：{known}……）")
    return branch_id


def _run(render, out: str) -> int:
    from dahe_desktop.commitments.printdoc import shortened_lines
    from dahe_desktop.commitments.rules import CommitmentError
    from dahe_desktop.printing.fonts import MissingGlyphsError

    try:
        result = render()
    except MissingGlyphsError as error:
        raise CliError(error.lines) from None
    except CommitmentError as error:
        raise CliError(error.lines) from None
    except OSError as error:  # a folder that is not there, no permission, the PDF open in a viewer
        raise CliError(f"无法写入 {out}：{error.strerror or error}") from None
    for line in shortened_lines(result):
        print(line)
    print(f"已生成：{result.path}（{result.documents}份，共{result.pages}页）")
    return 0


def run_cards(args: argparse.Namespace) -> int:
    from dahe_desktop.commitments import cards, postings

    info, branch_id = _inputs(args)
    if args.posted:
        posted = postings.posted_cards(args.year, postings.CARD, branch_id)
        return _run(lambda: cards.render_cards(posted, args.out, info, a4=args.a4), args.out)
    return _run(lambda: cards.print_cards(args.year, args.out, info, branch_id=branch_id, a4=args.a4), args.out)


def run_notice(args: argparse.Namespace) -> int:
    from dahe_desktop.commitments import notice, postings

    info, branch_id = _inputs(args)
    if args.posted:
        posted = postings.posted_cards(args.year, postings.NOTICE, branch_id)
        branches = [notice.NoticeBranch(args.branch.strip(), posted)]
        return _run(lambda: notice.render_notice(branches, args.out, info, a3=args.a3), args.out)
    return _run(lambda: notice.print_notice(args.year, [branch_id], args.out, info, a3=args.a3), args.out)
