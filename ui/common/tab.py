"""The base of every main-window tab: it says which kinds of record it shows and
refreshes itself when a write changes them (vorta's tab base, Anki's
`operation_did_execute`). A hidden tab only notes that it is stale and refreshes when it
is shown. No tab calls another tab, and the window wires no refreshes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from dahe_desktop import changes
from ui.common import events

_deferring = False


@contextmanager
def first_refresh_when_shown() -> Iterator[None]:
    """While the window builds its tabs: a tab's first load waits until it is shown (the
    start shows one tab; the others load when the clerk first opens them)."""
    global _deferring
    before, _deferring = _deferring, True
    try:
        yield
    finally:
        _deferring = before


def shows(kinds: Iterable[str], changed: frozenset[str]) -> bool:
    """Whether a view showing `kinds` must reload after a write that changed `changed`."""
    return changes.EVERYTHING in changed or not changed.isdisjoint(kinds)


class Tab(QWidget):
    """Subclasses set `kinds` and implement `refresh()` (reload everything shown from the
    core, keeping the clerk's filters and choices)."""

    kinds: frozenset[str] = frozenset()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._stale = False
        events.bridge().changed.connect(self._on_changed)

    def refresh(self) -> None:
        raise NotImplementedError

    def first_refresh(self) -> None:
        """The first load, for the end of a subclass's __init__: now, or when the tab is
        first shown if the window is building its tabs (`first_refresh_when_shown`)."""
        if _deferring:
            self._stale = True
        else:
            self.refresh()

    @property
    def stale(self) -> bool:
        """True when something this tab shows changed while it was hidden."""
        return self._stale

    def ensure_fresh(self) -> None:
        """Refresh now if a change arrived while hidden (before acting on the rows)."""
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_changed(self, changed: frozenset[str]) -> None:
        if not shows(self.kinds, changed):
            return
        if self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_fresh()
