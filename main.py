"""Dahe Desk (大河党员服务台): starts the window, or runs a command of the CLI.

    python main.py [--data-dir DIR]                 the window
    python main.py [--data-dir DIR] COMMAND ...     see `python main.py --help`
    python main.py [--data-dir DIR] --smoke         show the window, process events, exit 0
    python main.py --server postgresql://user@host:port/db [COMMAND ...]   the county's server
"""

from __future__ import annotations

import argparse
import gc
import sys


def _unbreakable_output() -> None:
    """Output piped on Windows goes out in the locale's code page (cp1252 on an English PC):
    a Chinese line must come out as escapes there rather than end the command."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _window_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The arguments when they only start the window (`[--data-dir DIR] [--smoke]`), else
    None. The window starts without building the command line's parser, which would
    import every command (the print engine, the importers) before the window shows."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--server")
    parser.add_argument("--smoke", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except SystemExit:  # e.g. --data-dir without its folder: the full parser says so
        return None
    return None if rest or (args.server and args.data_dir) else args


def main(argv: list[str] | None = None) -> int:
    _unbreakable_output()
    argv = sys.argv[1:] if argv is None else argv
    args = _window_arguments(argv)
    if args is None:
        from dahe_desktop import cli

        parser = cli.build_parser()
        parser.add_argument("--smoke", action="store_true", help="open the data file, show the window, exit 0 (a build check)")
        args = parser.parse_args(argv)
        if args.command is not None:
            return cli.run(args)
    # The window's start makes ~40,000 objects that live as long as it does (modules,
    # classes, Qt's enums): the cycle collector would run ~80 times over them before the
    # window shows (~20 ms) and walk them all again at exit (~20 ms). It waits until the
    # window is shown, which then freezes them (ui.app): no collection walks them again.
    gc.disable()
    try:
        checked = None
        if not args.server:  # the data file's check runs on a thread while Qt loads
            from dahe_desktop.paths import database_path
            from dahe_desktop.safety.session import check_ahead

            checked = check_ahead(database_path(args.data_dir))
        from ui.app import run_gui

        code = run_gui(args.data_dir, smoke=args.smoke, server=args.server, checked=checked)
    finally:
        gc.enable()  # also after a start that stopped before the window showed
    if args.smoke and sys.stdout is not None:  # a windowed .exe has no stdout
        print(f"smoke: {'ok' if code == 0 else 'failed'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
