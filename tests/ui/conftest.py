import pytest

from ui.app import make_app
from ui.common import events


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
