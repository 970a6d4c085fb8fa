"""The start-up password gates the command line too: with a password set, every command
asks for it (getpass), or reads it from the environment variable DAHE_PASSWORD (for
scripts). The same scrypt check and the same growing wait after wrong tries as the
window (the count is shared with it); a wrong password runs nothing."""

from __future__ import annotations

import getpass
import os
import sys
import time

from dahe_desktop.safety.password import (
    check_password,
    clear_wrong_tries,
    has_password,
    note_wrong_try,
    wrong_tries,
    wrong_try_delay,
)

ENV = "DAHE_PASSWORD"
TRIES = 3
WRONG = "启动密码不正确，未执行命令（脚本可用环境变量 DAHE_PASSWORD 提供密码）"


def unlock() -> bool:
    """True when no password is set or the right one was given; else one Chinese line on
    stderr. Each try first waits what the wrong tries so far cost (counted beside the
    data, so starting the command again does not make it shorter)."""
    if not has_password():
        return True
    given = os.environ.get(ENV)
    for _ in range(1 if given is not None else TRIES):  # a script: one try
        delay = wrong_try_delay(wrong_tries())
        if delay:
            time.sleep(delay)
        try:
            typed = given if given is not None else getpass.getpass("启动密码：")
        except (EOFError, KeyboardInterrupt):  # no terminal to ask on, or Ctrl+C
            break
        if check_password(typed):
            clear_wrong_tries()
            return True
        note_wrong_try()
    print(WRONG, file=sys.stderr)
    return False
