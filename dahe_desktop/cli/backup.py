"""`backup [--to DIR]`, `backups` and `restore FILE`: the clerk's copies of the data file."""

from __future__ import annotations

import argparse
from pathlib import Path

from dahe_desktop.safety import backups, restoring


def register(commands: argparse._SubParsersAction, printouts: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("backup", help="back up the data file now (into backups/, or --to DIR)")
    parser.add_argument("--to", metavar="DIR", help="write the backup into this folder (e.g. a USB stick)")
    parser.set_defaults(handler=backup_command, writes=False, sqlite_only=True)  # a copy only reads: fine beside the window
    parser = commands.add_parser("backups", help="list the backups with their date and contents")
    parser.set_defaults(handler=list_command, writes=False, sqlite_only=True)
    parser = commands.add_parser("check", help="check the whole data file for damage (SQLite's integrity_check)")
    parser.set_defaults(handler=check_command, writes=False, sqlite_only=True)
    parser = commands.add_parser("restore", help="replace the data with a backup (the current data is backed up first)")
    parser.add_argument("file", metavar="FILE", help="a backup file (see `backups`)")
    parser.set_defaults(handler=restore_command, restores=True, sqlite_only=True)


def backup_command(args: argparse.Namespace) -> int:
    path = backups.make_backup("manual", folder=args.to)
    print(path)
    return 0


def check_command(args: argparse.Namespace) -> int:
    print(restoring.check_data_file())  # a damaged file: BackupError, its line on stderr, exit 1
    return 0


def list_command(args: argparse.Namespace) -> int:
    found = backups.overview()  # a damaged copy is listed as such, the others still
    if not found:
        print(f"no backups yet in {backups.backups_dir()}")
        return 0
    for row in found:
        print(f"{row.made:%Y-%m-%d %H:%M:%S}  {row.reason}  {row.contents}  {row.path}")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    safety = restoring.restore_backup(args.file)
    contents = backups.contents(Path(args.file)).summary()
    print(f"restored {args.file} ({contents})")
    if safety is not None:
        print(f"the data before the restore is kept in {safety}")
    return 0
