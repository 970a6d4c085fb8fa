"""The Qt binding must not drop references to None/True/False (PySide6 6.12.0 on Python
3.11 did, one per call, until the interpreter aborted: pinned to 6.11.3 for that)."""

import sys

import pytest
from PySide6.QtWidgets import QLabel


# From Python 3.12 None, True and False are immortal: their counts never move, so the
# check could not fail there.
@pytest.mark.skipif(sys.version_info >= (3, 12), reason="immortal singletons (PEP 683): nothing to check")
def test_void_and_bool_calls_keep_the_singletons_references(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(2000):
        label.setText("卓玛才让")  # returns None
        label.isVisible()  # returns a bool
        label.isHidden()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    assert all(a >= b - 50 for a, b in zip(after, before, strict=True)), (before, after)
