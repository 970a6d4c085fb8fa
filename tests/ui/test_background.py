import threading

from ui.background import BackgroundTask


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, db):
    seen = []
    gui = threading.get_ident()

    def work(progress):
        for i in range(3):
            progress(i + 1, 3)
        return threading.get_ident()

    task = BackgroundTask(work, interval_ms=5)
    task.progressed.connect(lambda done, total: seen.append((done, total, threading.get_ident())))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as result:
        task.start()
    assert result.args[0] != gui  # the work ran on another thread
    assert seen and all(t == gui for *_, t in seen)
    assert seen[-1][:2] == (3, 3)


def test_failure_comes_back_as_the_exception(qtbot, db):
    task = BackgroundTask(lambda progress: 1 / 0, interval_ms=5)
    with qtbot.waitSignal(task.failed, timeout=5000) as result:
        task.start()
    assert isinstance(result.args[0], ZeroDivisionError)


def test_cancel_stops_the_work_at_its_next_progress_report(qtbot, db):
    go_on = threading.Event()
    reached = []

    def work(progress):
        go_on.wait(5)
        for i in range(1000):
            progress(i, 1000)
            reached.append(i)
        return "finished"

    task = BackgroundTask(work, interval_ms=5)
    finished = []
    task.succeeded.connect(finished.append)
    with qtbot.waitSignal(task.cancelled_done, timeout=5000):
        task.start()
        task.cancel()
        go_on.set()
    assert finished == [] and reached == []
