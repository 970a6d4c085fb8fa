"""`import households`, `export households` and `plan pairing`: 结对帮扶 from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError, group
from dahe_desktop.cli.common import branch_id as branch_option


def register(commands: argparse._SubParsersAction, printouts: argparse._SubParsersAction) -> None:
    households = group(commands, "import", "import data from a spreadsheet").add_parser(
        "households", help="import households (农牧户) from .xlsx, .xls or .csv"
    )
    households.add_argument("file", metavar="FILE", help="a table with 户主, 所在村, 居住点, 家庭人口, 联系电话, 户类别 ...")
    households.set_defaults(handler=import_households_command)

    export = group(commands, "export", "export data to a spreadsheet").add_parser("households", help="export the households to .xlsx")
    export.add_argument("file", metavar="FILE.xlsx")
    export.add_argument("--branch", metavar="NAME", help="only this village branch")
    export.add_argument("--year", type=common.year, metavar="Y", help="add each household's member for year Y")
    export.add_argument("--include-sensitive", action="store_true",
                        help="required: the sheet holds 户类别 (困难户, 低保户, 监测户 ...) and 备注, so it can be "
                             "imported back; the export is logged")  # fmt: skip
    export.set_defaults(handler=export_households_command)

    plan = group(commands, "plan", "propose plans (pairing)").add_parser(
        "pairing", help="plan the year's pairs: every household linked (全覆盖)"
    )
    plan.add_argument("--year", type=common.year, required=True, metavar="Y")
    plan.add_argument("--branch", metavar="NAME", help="only this branch (default: all)")
    plan.add_argument("--apply", action="store_true", help="accept the whole proposal")
    plan.set_defaults(handler=plan_pairing_command)


def import_households_command(args: argparse.Namespace) -> int:
    from dahe_desktop.importing.households import apply_household_import, preview_household_import
    from dahe_desktop.importing.roster import ImportRefused
    from dahe_desktop.importing.tables import ImportFileError

    try:
        preview = preview_household_import(args.file)
    except ImportFileError as error:
        raise CliError(f"{args.file}: {error}") from None
    lines = [f"row {bad.row}: {bad.text}" for bad in preview.bad]
    if preview.bad:
        print(f"nothing imported: {len(preview.bad)} of {preview.total} rows are bad")
        raise CliError(lines)
    try:
        new, updated = apply_household_import(preview)
    except ImportRefused as error:
        raise CliError(f"{args.file}: {error}") from None
    print(f"imported {new} new households, updated {updated} from {Path(args.file).name}")
    return 0


SENSITIVE_HOUSEHOLDS = ("农牧户表含户类别（困难户、低保户、监测户等）和备注，属敏感信息：确认要导出请加 --include-sensitive"
                        "（导出会记入修改记录；文件请妥善保管）")  # fmt: skip


def export_households_command(args: argparse.Namespace) -> int:
    from dahe_desktop.exporting.households import export_households

    if Path(args.file).suffix.lower() != ".xlsx":
        raise CliError(f"{args.file}：导出的是Excel工作簿，请用 .xlsx 作为文件扩展名")
    if not args.include_sensitive:  # no sheet without them: imported back, it would clear every kind and note
        raise CliError(SENSITIVE_HOUSEHOLDS)
    count = export_households(args.file, branch_id=branch_option(args.branch), year=args.year)
    print(f"exported {count} households to {args.file}")
    return 0


def plan_pairing_command(args: argparse.Namespace) -> int:
    from dahe_desktop.pairing.coverage import coverage
    from dahe_desktop.pairing.proposal import apply_proposal, plan_pairings

    branch_id = branch_option(args.branch)
    proposal = plan_pairings(args.year, branch_id)
    for line in coverage(args.year, branch_id).lines():
        print(f"now: {line}")
    print(f"proposal: {len(proposal.changes)} changes, {proposal.kept} pairs kept")
    for c in proposal.changes:
        h = c.household
        who = {"新增": f"→ {c.new_name}", "调整": f"{c.old_name} → {c.new_name}", "解除": f"{c.old_name} →"}[c.action]
        note = f"（{c.note}）" if c.note else ""
        print(f"  {c.action} {h.branch} {h.settlement} {h.head}户 [{h.kind}] {who}{note}")
    for h in proposal.uncovered:
        print(f"  uncovered: {h.branch} {h.settlement} {h.head}户 [{h.kind}]")
    if args.apply and proposal.changes:
        count = apply_proposal(proposal)
        print(f"applied {count} changes")
        for line in coverage(args.year, branch_id).lines():
            print(f"after: {line}")
    if not proposal.complete:
        raise CliError([f"full coverage is impossible: {len(proposal.uncovered)} households uncovered", *proposal.reasons])
    return 0
