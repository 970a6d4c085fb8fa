"""Long work off the GUI thread, with no Qt object touched on the worker thread.

A plain core function runs on a Python thread with its own database connection; it
reports progress through a callback that only stores numbers. A QTimer on the GUI
thread polls and turns that into signals. Emitting Qt signals from worker threads
crashed PySide6 6.12 now and then (a segfault in shiboken's enum handling while the GUI
thread ran), so nothing here crosses threads through Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from db.connection import database
from ui.common import events

Progress = Callable[[int, int], None]
_running: set[threading.Thread] = set()
_lock = threading.Lock()


class Cancelled(Exception):
    """Raised inside the work by its progress callback once the task is cancelled."""


class BackgroundTask(QObject):
    """`work(progress)` on a worker thread; `progressed`, then `succeeded(result)` or
    `failed(exception)` on the GUI thread. After `cancel()`, neither is emitted: the work
    stops at its next progress report and `cancelled_done` is emitted instead."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled_done = Signal()

    def __init__(self, work: Callable[[Progress], Any], parent: QObject | None = None, interval_ms: int = 40):
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._progress: tuple[int, int] | None = None
        self._shown: tuple[int, int] | None = None
        self._outcome: tuple[bool, Any] | None = None
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self._poll)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._outcome is None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="dahe-background", daemon=True)
        with _lock:
            _running.add(self._thread)
        self._thread.start()
        self._timer.start()

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, done: int, total: int) -> None:  # worker thread: numbers only
        if self._cancel.is_set():
            raise Cancelled
        self._progress = (done, total)

    def _run(self) -> None:  # worker thread
        try:
            with database.connection_context():
                outcome = (True, self._work(self._report))
        except BaseException as error:  # every failure goes back to the GUI thread
            outcome = (False, error)
        self._outcome = outcome
        with _lock:
            _running.discard(threading.current_thread())

    def _poll(self) -> None:  # GUI thread
        progress = self._progress
        if progress is not None and progress != self._shown:
            self._shown = progress
            self.progressed.emit(*progress)
        if self._outcome is None:
            return
        self._timer.stop()
        events.flush()  # what the work wrote reaches the tabs before its result does
        ok, value = self._outcome
        if self._cancel.is_set() or isinstance(value, Cancelled):
            self.cancelled_done.emit()
        elif ok:
            self.succeeded.emit(value)
        else:
            self.failed.emit(value)


def wait_for_background(timeout: float = 30.0) -> None:
    """Block until every worker thread has finished (application exit, test teardown)."""
    with _lock:
        threads = list(_running)
    for thread in threads:
        thread.join(timeout)
