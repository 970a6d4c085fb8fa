import pytest
from PySide6.QtCore import QSettings

from ui.app import make_app
from ui.common import events, widgets


@pytest.fixture
def qapp_fonts(qapp):
    """The QApplication with the shipped fonts registered, as the real start-up does."""
    make_app()
    return qapp


@pytest.fixture(autouse=True)
def _change_bridge():
    """Each test gets its own change bridge, unsubscribed from the core when it ends."""
    yield
    events.shutdown()


@pytest.fixture(autouse=True)
def pc_settings_folder(tmp_path):
    """This PC's settings go to the test's folder, never to the real user's."""
    folder = tmp_path / "pc-settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def _closing_edited_dialogs_discards(monkeypatch):
    """Teardown closes every widget: an edited dialog must not ask 放弃修改？ then (the
    tests of that question put `widgets.ask_discard` back)."""
    monkeypatch.setattr(widgets, "confirm_discard", lambda parent: True)
