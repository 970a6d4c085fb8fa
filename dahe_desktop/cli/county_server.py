"""The county's server from the command line: `--server DSN` opens it instead of the
data file, and `county add-account` / `county add-clerk` register who may log in."""

from __future__ import annotations

import argparse

from dahe_desktop.cli.common import CliError, group


def register(commands: argparse._SubParsersAction, printouts: argparse._SubParsersAction) -> None:
    county = group(commands, "county", "the county's server and the townships' packages")
    parser = county.add_parser("add-account", help="let a login role see and change one township only (server)")
    parser.add_argument("role", metavar="ROLE")
    parser.add_argument("--township", metavar="CODE", required=True, help="the township's code")
    parser.set_defaults(handler=add_account_command)
    parser = county.add_parser("add-clerk", help="let a login role see and change every township (server)")
    parser.add_argument("role", metavar="ROLE")
    parser.set_defaults(handler=add_clerk_command)


def open_server_for(args: argparse.Namespace):
    """The server named by `--server` (a `ServerDataSession`); SQLite-only commands say
    in one line why they do not apply."""
    from dahe_desktop.safety.server_store import SERVER_BACKUPS, open_server_data
    from db.server import ServerConfig, ServerError

    if getattr(args, "sqlite_only", False):
        raise CliError(f"{args.command}：{SERVER_BACKUPS}。")
    try:
        config = ServerConfig.from_dsn(args.server)
    except ServerError as error:
        raise CliError([f"--server: {line}" for line in error.lines]) from None
    return open_server_data(config)


def _on_server(args: argparse.Namespace) -> None:
    if not getattr(args, "server", None):
        raise CliError(f"county {args.what} 只能用于县级服务器：请加 --server postgresql://用户名@主机:端口/数据库名")


def _add(args: argparse.Namespace, township: int | None, what: str) -> int:
    from db.connection import database
    from db.pg.security import SecurityError, add_account

    try:
        created = add_account(database.obj, args.role, township)
    except SecurityError as error:
        raise CliError(error.lines) from None
    print(f"{args.role}: {what}")
    if created:
        print(f"{args.role}: a new login role without a password; set one with: ALTER ROLE {args.role} PASSWORD '...'")
    return 0


def add_account_command(args: argparse.Namespace) -> int:
    _on_server(args)
    from db.connection import database
    from db.pg.security import SecurityError, township_id

    try:
        township = township_id(database.obj, args.township)
    except SecurityError as error:
        raise CliError(error.lines) from None
    return _add(args, township, f"township account of {args.township} (sees and changes that township only)")


def add_clerk_command(args: argparse.Namespace) -> int:
    _on_server(args)
    return _add(args, None, "county clerk (sees and changes every township)")
