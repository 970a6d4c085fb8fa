"""`package export [--out DIR]` (a township's package for the county) and `package import
FILE [--apply]` (the county: a preview, or the import itself). Conflicts are decided
for all at once with --keep-county or --take-township; the window decides them one by one."""

from __future__ import annotations

import argparse
from pathlib import Path

from dahe_desktop.audit.viewing import conflicts_viewed
from dahe_desktop.cli.common import CliError
from dahe_desktop.county import labels
from dahe_desktop.county.export import export_package, kept_folder
from dahe_desktop.county.importer import apply_package, preview_package

SHOWN = 20  # new and changed records listed in a preview; the counts give the rest


def register(commands: argparse._SubParsersAction, printouts: argparse._SubParsersAction) -> None:
    group = commands.add_parser("package", help="township packages for the county (offline, on a USB stick)")
    sub = group.add_subparsers(dest="what", metavar="WHAT", required=True)
    export = sub.add_parser("export", help="write the township's next package (the records changed since the last one)")
    export.add_argument("--out", dest="folder", metavar="DIR",
                        help="folder to write it to (default: packages/ beside the data file)")  # fmt: skip
    export.set_defaults(handler=export_command)
    load = sub.add_parser("import", help="preview a township's package; --apply imports it")
    load.add_argument("file", metavar="FILE", help="a .dahepkg file made by a township")
    load.add_argument("--apply", action="store_true", help="import it (default: only show what would change)")
    choice = load.add_mutually_exclusive_group()
    choice.add_argument("--keep-county", action="store_true", help="decide every conflict for the county's value")
    choice.add_argument("--take-township", action="store_true", help="decide every conflict for the township's value")
    load.set_defaults(handler=import_command)


def export_command(args: argparse.Namespace) -> int:
    folder = Path(args.folder) if args.folder else kept_folder()
    if args.folder and not folder.is_dir():
        raise CliError(f"--out: 文件夹不存在（{folder}），请先建好文件夹")
    folder.mkdir(exist_ok=True)
    for line in export_package(folder).lines:
        print(line)
    return 0


def import_command(args: argparse.Namespace) -> int:
    preview = preview_package(args.file)
    for line in preview.lines():
        print(line)
    if preview.already:
        return 0
    for label, counts in preview.counts.items():
        print(f"  {label}：新增{counts.new}，修改{counts.changed}，未变{counts.unchanged}，有冲突{counts.conflicts}")
    for title, rows in (("新增", preview.new), ("修改", preview.changed)):
        for row in rows[:SHOWN]:
            print(f"  {title} {row}")
        if len(rows) > SHOWN:
            print(f"  ……另有{len(rows) - SHOWN}条{title}")
    choice = labels.KEEP_COUNTY if args.keep_county else labels.TAKE_TOWNSHIP if args.take_township else None
    if not args.apply:
        conflicts_viewed(preview.conflicts)  # a 人员类别 or 户类别 both ways on the terminal: logged
        for conflict in preview.conflicts:
            print(f"  冲突 {conflict.line()}")
        print("preview only: nothing imported; --apply imports it")
        return 0
    if preview.conflicts and choice is None:
        conflicts_viewed(preview.conflicts)
        raise CliError([f"冲突 {c.line()}" for c in preview.conflicts]
                       + ["nothing imported: decide the conflicts with --keep-county or --take-township"])  # fmt: skip
    result = apply_package(args.file, {c.key: choice for c in preview.conflicts})
    print(result.lines[-1])
    return 0
