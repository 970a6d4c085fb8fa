"""The demo township's 乡镇代码, so `package export` works on the demo straight away."""

from __future__ import annotations

from dahe_desktop import settings
from dahe_desktop.county.townships import own_township

# A made-up code in 行政区划 form (county 632523, township 101): not a real township's.
DEMO_TOWNSHIP_CODE = "632523101"


def add_demo_township() -> None:
    """Give the demo its code (unless one was saved) and its one township row."""
    if not settings.get(settings.TOWNSHIP_CODE):
        settings.put(settings.TOWNSHIP_CODE, DEMO_TOWNSHIP_CODE)
    own_township(settings.get(settings.TOWNSHIP_CODE), settings.get(settings.TOWNSHIP_NAME))
