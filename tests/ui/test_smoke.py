"""`main.py --smoke`: the build check that the bundle's smoke test also runs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_opens_the_data_folder_shows_the_window_and_exits_0(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "smoke: ok"
    assert (data / "dahe.sqlite3").is_file()  # the data file was created and migrated
