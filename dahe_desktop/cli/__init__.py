"""The command line: the same core as the GUI, for automation and benchmarks.

Each command module has `register(commands, printouts)` that adds its sub-parsers and
sets `handler=` to a function `(args) -> int`. A handler reports bad input by raising
`CliError` with one line per problem; it is printed to stderr and the exit code is 1.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from dahe_desktop import APP_TITLE, __version__
from dahe_desktop.errors import UserError

# Modules under dahe_desktop.cli that add commands, in help order.
COMMAND_MODULES = [
    "demo",
    "stats",
    "roster_io",
    "print_commitments",
    "print_cards",
]


class CliError(UserError):
    """Bad input for a command: each line names one problem."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description=f"{APP_TITLE} (Dahe Desk) {__version__}. Without a command, starts the window.",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="folder of the data file (default: the user's data folder, or data/ beside the program)")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    print_parser = commands.add_parser("print", help="print cards and postings to a PDF file")
    printouts = print_parser.add_subparsers(dest="printout", metavar="PRINTOUT", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"dahe_desktop.cli.{name}").register(commands, printouts)
    return parser


def run(args: argparse.Namespace) -> int:
    """Open the data file named by the arguments and run the chosen command."""
    from peewee import DatabaseError

    from dahe_desktop.paths import database_path
    from db import close_database, open_database

    path = database_path(args.data_dir)
    try:
        open_database(path)
    except (DatabaseError, RuntimeError, OSError) as error:  # not SQLite, newer version, no access
        close_database()
        print(f"无法打开数据文件 {path}：{error}", file=sys.stderr)
        return 1
    try:
        return int(args.handler(args) or 0)
    except CliError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return 1
    finally:
        close_database()
