"""Dahe Desk (大河党员服务台): starts the window, or runs a command of the CLI.

    python main.py [--data-dir DIR]                 the window
    python main.py [--data-dir DIR] COMMAND ...     see `python main.py --help`
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from dahe_desktop import cli

    args = cli.build_parser().parse_args(argv)
    if args.command is None:
        from ui.app import run_gui

        return run_gui(args.data_dir)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
