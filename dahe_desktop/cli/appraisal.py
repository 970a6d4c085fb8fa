"""`main.py appraisal results|template|import`: a branch's year-end appraisal (seed §3.6)."""

from __future__ import annotations

import argparse
import json

from dahe_desktop.cli import common
from dahe_desktop.cli.common import CliError


def register(commands, printouts) -> None:
    group = common.group(commands, "appraisal", "the year-end appraisal (考核评议) of a branch")
    results = group.add_parser("results", help="totals, suggested grades and grades of a branch's run")
    _run_options(results)
    results.add_argument("--json", action="store_true", help="print JSON (totals as numbers with one decimal)")
    results.set_defaults(handler=run_results)

    template = group.add_parser("template", help="write the score-sheet template (.xlsx) to fill in")
    _run_options(template)
    template.add_argument("out", metavar="OUT.xlsx")
    template.set_defaults(handler=run_template)

    load = group.add_parser("import", help="read a filled score-sheet template into one pass")
    _run_options(load)
    load.add_argument("--pass", dest="pass_no", type=int, choices=(1, 2), default=1, help="which entry pass (default 1)")
    load.add_argument("file", metavar="FILE.xlsx")
    load.set_defaults(handler=run_import)


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=common.year, required=True, help="the appraisal's year")
    parser.add_argument("--branch", metavar="NAME", required=True, help="the branch")


def run_id(args: argparse.Namespace) -> int:
    from dahe_desktop.appraisal.records import AppraisalError
    from dahe_desktop.appraisal.runs import run_for

    branch = common.branch_id(args.branch)
    try:
        return run_for(branch, args.year)
    except AppraisalError as error:
        raise CliError(error.lines) from None


def _points(tenths: int | None) -> float | None:
    return None if tenths is None else tenths / 10


def run_results(args: argparse.Namespace) -> int:
    from dahe_desktop.appraisal.points import format_total
    from dahe_desktop.appraisal.results import run_results as results_of

    res = results_of(run_id(args))
    if args.json:
        members = [
            {
                "name": m.name, "category": m.category, "excused": m.excused, "total": _points(m.total),
                "rank": m.rank, "suggested_grade": m.suggested or None, "grade": (m.grade or None) if not m.excused else None,
                "grade_reason": m.grade_reason, "measures": m.measures,
            }
            for m in res.members
        ]  # fmt: skip
        out = {"branch": res.run.branch_name, "year": res.run.year, "state": res.run.state,
               "counted": res.counted, "blocked": res.blocked, "members": members}  # fmt: skip
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(f"{res.run.branch_name} {res.run.year}年考核评议（{res.run.state_label}）")
    for line in res.blocked:
        print(f"注意：{line}")
    for m in sorted(res.members, key=lambda m: (m.rank is None, m.rank or 0, m.seq)):
        if m.excused:
            print(f"  —  {m.name}  {m.category}  不参加评议")
            continue
        total = format_total(m.total) if m.total is not None else "—"
        tail = f"（按分数建议{m.suggested}；{m.grade_reason}）" if m.overridden else ""
        print(f"{m.rank or '—':>3}  {m.name}  {m.category}  {total}  {m.grade or '—'}{tail}")
    return 0


def run_template(args: argparse.Namespace) -> int:
    from dahe_desktop.appraisal.workbook import export_template

    rows = export_template(run_id(args), args.out)
    print(f"已生成 {args.out}：{rows}行（每名评议人、每名考核对象一行）")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from dahe_desktop.appraisal.workbook import import_scores
    from dahe_desktop.importing.tables import ImportFileError

    try:
        summary = import_scores(run_id(args), args.file, args.pass_no)
    except ImportFileError as error:
        raise CliError([f"{args.file}：{line}" for line in error.lines]) from None
    print(f"已导入第{args.pass_no}遍：{summary.sheets}个工作表，{summary.rows}行，{summary.cells}个分数")
    return 0
