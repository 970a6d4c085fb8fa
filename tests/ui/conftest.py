import pytest

from ui.app import make_app


@pytest.fixture
def qapp_fonts(qapp):
    """The QApplication with the shipped fonts registered, as the real start-up does."""
    make_app()
    return qapp
