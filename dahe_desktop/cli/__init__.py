"""The command line: a front end like `ui/`, over the same core, for automation and
benchmarks. Each command module has `register(commands, printouts)` adding its
sub-parsers with `handler=` set to a function `(args) -> int`. A handler reports bad
input by raising a `UserError` (e.g. `CliError`) with one line per problem: printed to
stderr, exit code 1. Nothing in the core imports this package.
"""

from __future__ import annotations

import argparse
import sys

from dahe_desktop import APP_TITLE, __version__
from dahe_desktop.cli.common import CliError
from dahe_desktop.errors import UserError

__all__ = ["CliError", "build_parser", "run"]


def build_parser() -> argparse.ArgumentParser:
    # Explicit imports (not by name) so that a frozen bundle carries every command.
    from dahe_desktop.cli import (
        appraisal,
        dashboard,
        demo,
        posts,
        print_appraisal,
        print_cards,
        print_commitments,
        print_posts,
        print_service,
        roster_io,
        stats,
    )

    parser = argparse.ArgumentParser(
        prog="main.py",
        description=f"{APP_TITLE} (Dahe Desk) {__version__}. Without a command, starts the window.",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="folder of the data file (default: the user's data folder, or data/ beside the program)")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    print_parser = commands.add_parser("print", help="print cards and postings to a PDF file")
    printouts = print_parser.add_subparsers(dest="printout", metavar="PRINTOUT", required=True)
    help_order = (demo, stats, dashboard, roster_io, print_commitments, print_service, print_cards, posts, print_posts,
                  print_appraisal, appraisal)
    for module in help_order:
        module.register(commands, printouts)
    return parser


def run(args: argparse.Namespace) -> int:
    """Open the data file named by the arguments and run the chosen command."""
    from peewee import DatabaseError

    from dahe_desktop.paths import database_path
    from dahe_desktop.roster.spellings import refresh_spellings
    from db import close_database, open_database

    path = database_path(args.data_dir)
    try:
        open_database(path)
    except (DatabaseError, RuntimeError, OSError) as error:  # not SQLite, newer version, no access
        close_database()
        print(f"无法打开数据文件 {path}：{error}", file=sys.stderr)
        return 1
    try:
        refresh_spellings()  # a file from an older version: names keyed by today's rules
        return int(args.handler(args) or 0)
    except UserError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return 1
    except OSError as error:  # an output folder that is not there, no permission, a file open elsewhere
        where = f" {error.filename}" if error.filename else ""
        print(f"无法写入{where}：{error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        close_database()
