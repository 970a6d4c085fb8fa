"""An optional start-up password: stored as a salted scrypt hash in the township
settings (it travels with the data file), checked before the window opens, with a
growing delay after wrong tries.

It keeps a passer-by at the PC out of the program; it does not encrypt the file (the
data folder is readable by the clerk's own account only, where the OS allows).
"""

from __future__ import annotations

import hashlib
import hmac
import os

from dahe_desktop import settings
from dahe_desktop.errors import UserError

PASSWORD = settings.register(settings.Option("security.password", "启动密码", None))
SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MB and a few tens of ms per try
MIN_LENGTH = 4
MAX_DELAY = 30.0


class PasswordError(UserError):
    """A password refused (wrong old one, too short)."""


def _hash(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def has_password() -> bool:
    return bool(settings.get(PASSWORD))


def check_password(password: str) -> bool:
    """True when no password is set, or `password` is the one set."""
    stored = settings.get(PASSWORD)
    if not stored:
        return True
    digest = _hash(password, bytes.fromhex(stored["salt"]), stored["n"], stored["r"], stored["p"])
    return hmac.compare_digest(digest.hex(), stored["hash"])


def set_password(new: str, old: str = "") -> None:
    """Set or change the password (the old one must be given when there is one); an
    empty `new` removes it."""
    if not check_password(old):
        raise PasswordError("原密码不正确")
    if not new:
        settings.put(PASSWORD, None)
        return
    if len(new) < MIN_LENGTH:
        raise PasswordError(f"密码至少{MIN_LENGTH}位")
    salt = os.urandom(16)
    settings.put(PASSWORD, {"salt": salt.hex(), "hash": _hash(new, salt, **SCRYPT).hex(), **SCRYPT})


def wrong_try_delay(failures: int) -> float:
    """Seconds to wait before the next try: 0 after the first miss, then 1, 2, 4 ... 30."""
    if failures <= 1:
        return 0.0
    return min(MAX_DELAY, 2.0 ** (failures - 2))


# Wrong tries are counted in a file beside the data, so that closing the window or
# starting the command again does not start the wait afresh: the next try, in any
# window or command, waits `wrong_try_delay(wrong_tries())` first. A right try clears it.
TRIES_FILE = ".password-tries"
_tries_here: dict[str, int] = {}  # per data folder, for where no file can be written (a read-only medium)


def _tries_path():
    from db import data_folder

    try:
        return data_folder() / TRIES_FILE
    except RuntimeError:
        return None


def wrong_tries() -> int:
    """Wrong tries since the last right one, in this data folder."""
    path = _tries_path()
    here = _tries_here.get(str(path), 0)
    try:
        return max(here, int(path.read_text(encoding="ascii"))) if path else here
    except (OSError, ValueError):
        return here


def note_wrong_try() -> int:
    """Count one more wrong try; returns the count."""
    path = _tries_path()
    _tries_here[str(path)] = count = wrong_tries() + 1
    if path is not None:
        try:
            path.write_text(str(count), encoding="ascii")
            if os.name == "posix":
                os.chmod(path, 0o600)
        except OSError:
            pass  # a read-only medium: counted for this run only
    return count


def clear_wrong_tries() -> None:
    path = _tries_path()
    _tries_here.pop(str(path), None)
    if path is not None:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only medium
