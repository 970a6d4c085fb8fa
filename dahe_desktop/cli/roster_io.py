"""`import roster FILE` and `export roster FILE.xlsx`: the GUI's Excel in and out, scripted.
A member already on file (the same ID number) is updated where the file differs.

Messages keep an English frame (`row 53: ...`) around the Chinese reasons the clerk sees
in the window, so scripts can parse them and people can read them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError
from dahe_desktop.exporting.roster import export_roster, roster_member_ids
from dahe_desktop.importing import (
    ImportFileError,
    ImportPreview,
    ImportRefused,
    apply_roster_import,
    preview_roster_import,
)
from dahe_desktop.safety.outputs import check_output_path


def register(commands: argparse._SubParsersAction, printouts: argparse._SubParsersAction) -> None:
    roster = common.group(commands, "import", "import data from a spreadsheet").add_parser(
        "roster", help="import members from .xlsx, .xls or .csv (GBK or UTF-8)"
    )
    roster.add_argument(
        "file",
        metavar="FILE",
        help="a roster with a header row (姓名, 性别, 身份证号, 所在支部 ...)",
    )
    roster.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the good rows and skip the bad ones (default: import nothing while a row is bad)",
    )
    roster.set_defaults(handler=import_roster_command)

    roster = common.group(commands, "export", "export data to a spreadsheet").add_parser("roster", help="export the active members to .xlsx")
    roster.add_argument(
        "file", metavar="FILE.xlsx", help="the workbook to write (same headers as the import reads)"
    )
    roster.add_argument("--branch", metavar="NAME", help="only this branch's members")
    roster.add_argument(
        "--include-id-numbers", action="store_true", help="write full ID numbers (default: masked)"
    )
    roster.add_argument(
        "--include-sensitive", action="store_true",
        help="write sensitive fields too (人员类别, which names 老病残党员; default: left out)",
    )  # fmt: skip
    # Reads only, so it runs beside the window, unless the 老病残 categories go out: that
    # viewing is logged, a write.
    roster.set_defaults(handler=export_roster_command, writes=lambda args: args.include_sensitive)


def import_roster_command(args: argparse.Namespace) -> int:
    try:
        preview = preview_roster_import(args.file)
    except ImportFileError as error:
        raise CliError(f"{args.file}: {error}") from None
    bad_lines = bad_row_lines(preview)
    for known in preview.already:
        print(f"row {known.row}: {known.name} 已在花名册中（姓名、出生日期、支部相同，无身份证号），不再导入")
    if preview.bad and not args.skip_invalid:
        print(
            f"nothing imported: {len(preview.bad)} of {preview.total} rows are bad"
            + (
                f"; --skip-invalid imports the {len(preview.good)} good rows"
                if preview.good
                else ""
            )
        )
        raise CliError(bad_lines)
    if not preview.bad and not preview.new_rows and not preview.changed_rows and preview.unchanged:
        print(f"nothing to change: the {preview.unchanged} members in {Path(args.file).name} are already on file as written")
        return 0
    try:
        result = apply_roster_import(preview, skip_invalid=args.skip_invalid, create_branches=True)
    except ImportRefused as error:
        raise CliError([*bad_lines, f"{args.file}: {error}"]) from None
    for line in bad_lines:
        print(line, file=sys.stderr)
    for branch in result.new_branches:
        print(
            f"new branch: {branch.name} (kind {branch.kind}, guessed from the name; {branch.rows} members)"
        )
    for good in preview.changed_rows:
        print(f"row {good.row}: updated {good.data.name}: " + "；".join(f"{c.label} {c.old or '（空）'}→{c.new}" for c in good.changes))
    for row, text in preview.summary_rows:
        print(f"row {row}: skipped (a summary row: {text})")
    skipped = f", skipped {result.skipped} bad rows" if result.skipped else ""
    updated = f", updated {result.updated} members" if result.updated else ""
    print(f"imported {result.imported} members from {Path(args.file).name}{updated}{skipped}")
    return 0


def bad_row_lines(preview: ImportPreview) -> list[str]:
    """One line per bad row: `row 53: 身份证号校验位不正确，请核对号码`."""
    return [f"row {bad.row}: {bad.text}" for bad in preview.bad]


def export_roster_command(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        raise CliError(f"{args.file}：导出的是Excel工作簿，请用 .xlsx 作为文件扩展名")
    check_output_path(path)  # refused before any work: never onto the data or a backup
    branch_id = common.branch_id(args.branch or None)
    ids = roster_member_ids(branch_id=branch_id)
    count = export_roster(path, ids, include_id_numbers=args.include_id_numbers,
                          include_sensitive=args.include_sensitive)  # fmt: skip
    masked = "full ID numbers" if args.include_id_numbers else "ID numbers masked"
    print(f"exported {count} members to {path} ({masked})")
    return 0
