"""Tabs refresh themselves when a write changes what they show: at once for a write on
the GUI thread, on the GUI thread for one from a background task, and on showing for a
tab that was hidden."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QTabWidget

from dahe_desktop import changes
from dahe_desktop.roster.service import save_branch
from dahe_desktop.settings import TOWNSHIP_NAME, put
from tests.helpers.roster import small_roster
from ui.background import BackgroundTask
from ui.common import events
from ui.common.tab import Tab
from ui.roster.tab import RosterTab


class BranchCountTab(Tab):
    """A tab that shows how many branches there are and on which thread it last looked."""

    kinds = frozenset({changes.BRANCHES})

    def __init__(self):
        super().__init__()
        self.refreshed_on: list[int] = []

    def refresh(self) -> None:
        self.refreshed_on.append(threading.get_ident())


def shown_names(tab: RosterTab) -> list[str]:
    return [tab.model.data(tab.model.index(row, 0)) for row in range(tab.model.rowCount())]


def test_a_write_on_the_gui_thread_refreshes_a_shown_tab_of_that_kind_only(db, qtbot):
    tab = BranchCountTab()
    qtbot.addWidget(tab)
    tab.show()
    put(TOWNSHIP_NAME, "小河乡")  # settings: not shown here
    assert tab.refreshed_on == []
    save_branch("扎西村党支部", "农牧村")
    assert tab.refreshed_on == [threading.get_ident()] and not tab.stale


def test_a_write_in_a_background_task_refreshes_the_roster_on_the_gui_thread(db, qtbot, qapp_fonts):
    tab = RosterTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    assert shown_names(tab) == []
    heard: list[tuple[frozenset, int]] = []
    events.bridge().changed.connect(lambda kinds: heard.append((kinds, threading.get_ident())))
    task = BackgroundTask(lambda progress: (small_roster(), threading.get_ident())[1], interval_ms=5)
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as done:
        task.start()
    assert done.args[0] != threading.get_ident()  # the write ran on a worker
    # Flushed before the result arrived, on the GUI thread; the roster shows the members.
    assert heard and all(thread == threading.get_ident() for _, thread in heard)
    assert changes.MEMBERS in frozenset().union(*(kinds for kinds, _ in heard))
    assert len(shown_names(tab)) == 5 and "卓玛才让" in shown_names(tab)


def test_a_worker_write_outside_a_task_is_flushed_by_the_bridge_timer(db, qtbot):
    tab = BranchCountTab()
    qtbot.addWidget(tab)
    tab.show()
    events.bridge()  # the window creates it at start-up

    def write():
        from db import database

        with database.connection_context():
            save_branch("扎西村党支部", "农牧村")

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()
    assert tab.refreshed_on == []  # nothing crossed threads through Qt
    qtbot.waitUntil(lambda: tab.refreshed_on == [threading.get_ident()], timeout=5000)


def test_a_hidden_tab_refreshes_when_it_is_shown(db, qtbot):
    pages = QTabWidget()
    qtbot.addWidget(pages)
    front, back = BranchCountTab(), BranchCountTab()
    pages.addTab(front, "front")
    pages.addTab(back, "back")
    pages.show()
    save_branch("扎西村党支部", "农牧村")
    assert len(front.refreshed_on) == 1
    assert back.refreshed_on == [] and back.stale
    save_branch("乡机关党支部", "机关")  # still hidden: still one refresh owed
    assert back.refreshed_on == []
    pages.setCurrentWidget(back)
    assert len(back.refreshed_on) == 1 and not back.stale
    pages.setCurrentWidget(front)
    assert len(front.refreshed_on) == 2  # it saw both writes; showing it again costs nothing
    assert not front.stale


def test_everything_refreshes_every_tab_and_a_stopped_bridge_is_silent(db, qtbot):
    tab = BranchCountTab()
    qtbot.addWidget(tab)
    tab.show()
    from db import changes as store_changes

    store_changes.notify({changes.EVERYTHING})
    assert len(tab.refreshed_on) == 1
    events.shutdown()
    save_branch("扎西村党支部", "农牧村")
    assert len(tab.refreshed_on) == 1
