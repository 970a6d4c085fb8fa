"""The core's change notifications (`db.changes`) as a Qt signal on the GUI thread.

A write that commits on the GUI thread is passed on at once; one that commits on a
worker thread (a `BackgroundTask`) is only stored there, because emitting Qt signals
from worker threads crashed PySide6, and is emitted on the GUI thread by `flush()`:
the background task calls it before it reports its result, and a timer catches the rest.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from dahe_desktop import changes

FLUSH_INTERVAL_MS = 100


class ChangeBridge(QObject):
    """`changed(kinds)` is emitted on the GUI thread with the kinds of record a write
    changed (`db.changes` constants; `changes.EVERYTHING` means reload everything)."""

    changed = Signal(frozenset)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._gui_thread = threading.get_ident()
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._timer = QTimer(self, interval=FLUSH_INTERVAL_MS)
        self._timer.timeout.connect(self.flush)
        self._subscribed = False

    def start(self) -> None:
        """Listen to the core's writes (idempotent)."""
        if not self._subscribed:
            changes.subscribe(self._heard)
            self._subscribed = True
            self._timer.start()

    def stop(self) -> None:
        """Stop listening; what is still queued is dropped."""
        if self._subscribed:
            changes.unsubscribe(self._heard)
            self._subscribed = False
        self._timer.stop()
        with self._lock:
            self._pending.clear()

    def _heard(self, kinds: frozenset[str]) -> None:  # any thread
        if threading.get_ident() == self._gui_thread:
            self.flush()  # what a worker reported earlier comes first
            self.changed.emit(frozenset(kinds))
        else:
            with self._lock:  # worker thread: no Qt here
                self._pending.update(kinds)

    def flush(self) -> None:
        """Emit what worker threads reported since the last flush (GUI thread only)."""
        with self._lock:
            kinds, self._pending = frozenset(self._pending), set()
        if kinds:
            self.changed.emit(kinds)


_bridge: ChangeBridge | None = None


def bridge() -> ChangeBridge:
    """The application's one bridge, created and started on first use (GUI thread)."""
    global _bridge
    if _bridge is None:
        _bridge = ChangeBridge()
        _bridge.start()
    return _bridge


def flush() -> None:
    """Emit queued worker-thread changes now, if a bridge exists (GUI thread only)."""
    if _bridge is not None:
        _bridge.flush()


def shutdown() -> None:
    """Unsubscribe and drop the bridge (application exit, test teardown)."""
    global _bridge
    if _bridge is not None:
        _bridge.stop()
        _bridge = None
