"""Renders a name-card PDF off the GUI thread, with progress and cancel.

The core function (`dahe_desktop.printing.jobs.print_name_cards`) knows nothing of Qt;
this task runs it in the thread pool inside its own database connection (SQLite
connections are per thread) and reports back through signals."""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from dahe_desktop.printing.fonts import MissingGlyphsError
from dahe_desktop.printing.jobs import print_name_cards
from dahe_desktop.printing.name_cards import CancelledError, CardJob, NothingToPrintError
from dahe_desktop.printing.selection import CardScope
from db.connection import database


class RenderSignals(QObject):
    progress = Signal(int, int, int)  # serial, done, total
    finished = Signal(int, object)  # serial, RenderResult
    failed = Signal(int, object)  # serial, list of lines
    cancelled = Signal(int)


class NameCardRenderTask(QRunnable):
    """One render of the preview PDF; nothing is logged (a preview is not a print)."""

    def __init__(
        self, serial: int, scope: CardScope, job: CardJob, out: Path, signals: RenderSignals
    ):
        super().__init__()
        self.serial, self.scope, self.job, self.out, self.signals = serial, scope, job, out, signals
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def _progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(self.serial, done, total)

    def run(self) -> None:
        try:
            try:
                with database.connection_context():
                    result = print_name_cards(
                        self.scope, self.out, self.job, record=False,
                        progress=self._progress, cancelled=self.cancel_event.is_set,
                    )  # fmt: skip
            except CancelledError:
                self.signals.cancelled.emit(self.serial)
            except MissingGlyphsError as error:
                self.signals.failed.emit(self.serial, error.lines())
            except NothingToPrintError as error:
                self.signals.failed.emit(self.serial, [str(error)])
            except OSError as error:
                self.signals.failed.emit(self.serial, [f"无法生成PDF：{error}"])
            except Exception as error:  # noqa: BLE001 - anything else must still end the wait
                traceback.print_exc(file=sys.stderr)
                self.signals.failed.emit(
                    self.serial,
                    [
                        f"生成名片时出错：{type(error).__name__}: {error}",
                        "请重试；如仍出错，请把此信息告诉技术人员。",
                    ],
                )
            else:
                self.signals.finished.emit(self.serial, result)
        except RuntimeError:  # the dialog and its signals are gone: nobody waits for this
            pass
