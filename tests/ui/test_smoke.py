"""`main.py --smoke`: the build check that the bundle's smoke test also runs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def smoke(tmp_path: Path, data: Path, timeout: float) -> subprocess.CompletedProcess:
    """`main.py --data-dir DATA --smoke` offscreen, with this PC's settings in `tmp_path`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "--smoke"],
                          env=env, capture_output=True, text=True, timeout=timeout)  # fmt: skip


def test_smoke_opens_the_data_folder_shows_the_window_and_exits_0(tmp_path):
    data = tmp_path / "data"
    done = smoke(tmp_path, data, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "smoke: ok"
    assert (data / "dahe.sqlite3").is_file()  # the data file was created and migrated
    assert not list((tmp_path / "config").rglob("*.ini"))  # this PC's settings untouched (window place)


def test_smoke_that_cannot_open_the_data_file_says_why_and_exits_1_without_a_dialog(tmp_path):
    """No one is there to close a dialog in a build check: the reason goes to stderr and
    the run ends at once (a dialog waiting for a click once hung the bundle's check)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "dahe.sqlite3").write_bytes(b"this is not a database, just some bytes " * 200)
    done = smoke(tmp_path, data, timeout=60)
    assert done.returncode == 1
    assert "smoke: ok" not in done.stdout
    assert "dahe.sqlite3" in done.stderr or "数据文件" in done.stderr, done.stderr
