"""`main.py demo`: load the demo township (or a synthetic one) into an empty database."""

from __future__ import annotations

import argparse
import time

from dahe_desktop.cli.common import CliError

# Made-up people must not mix with a county's real records, even on an empty server.
SERVER_REFUSAL = "县级服务器上不能载入演示数据（虚构人员会混入全县数据）：请在本机数据文件上载入"


def register(commands, printouts) -> None:
    parser = commands.add_parser("demo", help="fill an empty database with the demo township 大河乡")
    parser.add_argument("--members", type=int, metavar="N", help="instead, a synthetic township of N members (benchmarks)")
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from dahe_desktop.demo import DemoError, build_demo, build_synthetic
    from db.connection import is_server_store

    if is_server_store():
        raise CliError(SERVER_REFUSAL)
    if args.members is not None and args.members < 1:
        raise CliError("--members: 人数应为正整数")
    start = time.perf_counter()
    try:
        result = build_demo() if args.members is None else build_synthetic(args.members)
    except DemoError as error:
        raise CliError(str(error)) from None
    seconds = time.perf_counter() - start
    print(f"已载入：党支部{result.branches}个，在册党员{result.active_members}名，"
          f"历史记录（转出/去世）{result.history_members}名，"
          f"{result.reference_date.year}年公开承诺{result.commitments}项、走访{result.visits}次、设岗定责在岗党员{result.post_holders}名、"
          f"考核评议定档{result.appraised}名，农牧户{result.households}户（已全部结对）；用时{seconds:.2f}秒")
    return 0
