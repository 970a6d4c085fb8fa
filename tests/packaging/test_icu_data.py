"""The Linux bundle's smaller ICU data still gives Qt pinyin collation and the GB code pages."""

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.helpers import load

icu_data = load("icu_data")

PROBE = """
from PySide6.QtCore import QCollator, QCoreApplication, QLocale, QStringDecoder
app = QCoreApplication([])
collator = QCollator(QLocale("zh_CN"))
print("".join(sorted("张李王赵阿", key=collator.sortKey)))
print(all(QStringDecoder(name).isValid() for name in ("GB18030", "GBK", "GB2312")))
"""


def qt_icu_data() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


def probe(library: Path) -> list[str]:
    """Run PROBE with `library` loaded in place of Qt's (same soname, preloaded)."""
    env = {"LD_PRELOAD": str(library), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's own ICU ships on Linux only")
def test_the_subset_keeps_chinese_collation_and_code_pages_at_an_eighth_of_the_size(tmp_path, monkeypatch):
    library = qt_icu_data()
    if library is None or shutil.which("cc") is None:
        pytest.skip("no Qt ICU library or no C compiler here")
    smaller = icu_data.build(library, tmp_path / "subset")
    assert smaller.name == library.name
    assert smaller.stat().st_size < library.stat().st_size / 8
    assert probe(smaller) == ["阿李王张赵", "True"]  # pinyin: a, li, wang, zhang, zhao
    # The control: with no data at all Qt falls back to code point order and no code pages.
    monkeypatch.setattr(icu_data, "KEEP", ())
    assert probe(icu_data.build(library, tmp_path / "empty")) == ["张李王赵阿", "False"]


def test_a_package_keeps_the_chosen_items_whole_and_in_name_order():
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + bytes(8) + b"CmnD" + bytes(16)
    chosen = [("icudt73l/zh.res", b"Z" * 20), ("icudt73l/coll/zh.res", b"C" * 5)]
    _header, back = icu_data.items(icu_data.pack(header, chosen))
    assert [(name, data.rstrip(b"\0")) for name, data in back] == sorted(chosen)
