"""The command line: a front end like `ui/`, over the same core, for automation and
benchmarks. Each command module has `register(commands, printouts)` adding its
sub-parsers with `handler=` set to a function `(args) -> int`. A handler reports bad
input by raising a `UserError` (e.g. `CliError`) with one line per problem: printed to
stderr, exit code 1. Nothing in the core imports this package.
"""

from __future__ import annotations

import argparse
import errno
import gc
import sys

from dahe_desktop import APP_TITLE, __version__
from dahe_desktop.cli.common import CliError
from dahe_desktop.errors import UserError

__all__ = ["CliError", "build_parser", "run"]


def build_parser() -> argparse.ArgumentParser:
    # Explicit imports (not by name) so that a frozen bundle carries every command.
    from dahe_desktop.cli import (
        appraisal,
        audit,
        backup,
        county_server,
        dashboard,
        demo,
        package,
        pairing,
        posts,
        print_appraisal,
        print_cards,
        print_commitments,
        print_pairing,
        print_posts,
        print_service,
        roster_io,
        stats,
    )

    parser = argparse.ArgumentParser(
        prog="main.py",
        description=f"{APP_TITLE} (Dahe Desk) {__version__}. Without a command, starts the window.",
    )
    store = parser.add_mutually_exclusive_group()
    store.add_argument("--data-dir", metavar="DIR", help="folder of the data file (default: the user's data folder, or data/ beside the program)")
    store.add_argument("--server", metavar="DSN", help="the county's PostgreSQL server, postgresql://user@host:port/database "
                       "(password from the OS credential store, PGPASSWORD or .pgpass)")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    print_parser = commands.add_parser("print", help="print cards and postings to a PDF file")
    printouts = print_parser.add_subparsers(dest="printout", metavar="PRINTOUT", required=True)
    for module in (
        demo, stats, dashboard, roster_io, print_commitments, print_service, print_cards, posts, print_posts,
        print_appraisal, appraisal, pairing, print_pairing, backup, audit, county_server, package,
    ):  # help order
        module.register(commands, printouts)
    return parser


def writes(args: argparse.Namespace) -> bool:
    """Whether the command may write (and so needs the folder's lock): its `writes`
    default, True unless set, or a function of its arguments."""
    flag = getattr(args, "writes", True)
    return bool(flag(args) if callable(flag) else flag)


def run(args: argparse.Namespace) -> int:
    """Open the data file named by the arguments and run the chosen command. Writing
    commands hold the data folder's lock; every problem is one line on stderr."""
    unraisable = sys.unraisablehook
    sys.unraisablehook = _quiet_after_full_disk
    try:
        code = _run(args)
        if code:  # what the failure left half-made (a sheet's writer) is finalized now, quietly
            sys.unraisablehook = lambda unraisable: None
            gc.collect()
        return code
    finally:
        sys.unraisablehook = unraisable


def _run(args: argparse.Namespace) -> int:
    from dahe_desktop.cli.unlock import unlock
    from dahe_desktop.errors import error_lines
    from dahe_desktop.paths import database_path
    from dahe_desktop.roster.spellings import refresh_spellings
    from dahe_desktop.safety.outputs import check_output_path
    from dahe_desktop.safety.session import DamagedDataFile, open_data, replace_damaged_file
    from dahe_desktop.safety.terminal import SafeStream

    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)  # no raw ESC/BEL from names
    try:
        try:
            if getattr(args, "server", None):
                from dahe_desktop.cli.county_server import open_server_for

                session = open_server_for(args)
            else:
                path = database_path(args.data_dir)
                try:
                    session = open_data(path, write=writes(args))
                except DamagedDataFile:
                    if not getattr(args, "restores", False):
                        raise
                    aside = replace_damaged_file(path, args.file)
                    open_data(path).close()  # upgrades the restored copy if it is older
                    print(f"restored {args.file}; the damaged data file was moved aside to {aside}")
                    return 0
        except Exception as error:
            for line in error_lines(error, "打开数据文件"):
                print(line, file=sys.stderr)
            return 1
        for note in session.notes:
            print(note, file=sys.stderr)
        try:
            if not unlock():  # the start-up password gates every command
                return 1
            if not session.read_only:
                refresh_spellings()  # a file from an older version: names keyed by today's rules
            if getattr(args, "out", None):  # a printout: never onto the data or a backup
                check_output_path(args.out)
            return int(args.handler(args) or 0)
        except UserError as error:
            for line in error.lines:
                print(line, file=sys.stderr)
            return 1
        except OSError as error:  # an output folder that is not there, no permission, a file open elsewhere
            if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
                print(error_lines(error, "写入")[0], file=sys.stderr)
            else:
                where = f" {error.filename}" if error.filename else ""
                print(f"无法写入{where}：{error.strerror or error}", file=sys.stderr)
            return 1
        except Exception as error:  # a locked or full data file, a pulled USB stick
            for line in error_lines(error):
                print(line, file=sys.stderr)
            return 1
        finally:
            session.close()
    finally:
        sys.stdout, sys.stderr = out, err


def _quiet_after_full_disk(unraisable: sys.UnraisableHookArgs) -> None:
    """A full disk already said in one line is not said again as a traceback by the
    half-written sheet's generator when it is collected (openpyxl's write-only sheets)."""
    from dahe_desktop.errors import says_disk_full

    if not says_disk_full(unraisable.exc_value):
        sys.__unraisablehook__(unraisable)
