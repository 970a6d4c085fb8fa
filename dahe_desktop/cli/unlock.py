"""The start-up password gates the command line too: with a password set, every command
asks for it (getpass), or reads it from the environment variable DAHE_PASSWORD (for
scripts). The same scrypt check and the same growing wait after wrong tries as the
window; a wrong password runs nothing."""

from __future__ import annotations

import getpass
import os
import sys
import time

from dahe_desktop.safety.password import check_password, has_password, wrong_try_delay

ENV = "DAHE_PASSWORD"
TRIES = 3
WRONG = "启动密码不正确，未执行命令（脚本可用环境变量 DAHE_PASSWORD 提供密码）"


def unlock() -> bool:
    """True when no password is set or the right one was given; else one Chinese line on
    stderr after the wait a wrong try costs."""
    if not has_password():
        return True
    given = os.environ.get(ENV)
    if given is not None:  # a script: one try, and a wrong one still waits
        if check_password(given):
            return True
        time.sleep(wrong_try_delay(2))
        print(WRONG, file=sys.stderr)
        return False
    for failures in range(1, TRIES + 1):
        try:
            typed = getpass.getpass("启动密码：")
        except (EOFError, KeyboardInterrupt):  # no terminal to ask on, or Ctrl+C
            break
        if check_password(typed):
            return True
        time.sleep(wrong_try_delay(failures + 1))
    print(WRONG, file=sys.stderr)
    return False
