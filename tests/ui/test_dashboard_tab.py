"""工作概况: the figures shown, the charts, every figure opening its list, the exports."""

import datetime as dt

import pytest
from docx import Document
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from dahe_desktop.commitments.service import active_members
from dahe_desktop.demo import build_demo
from dahe_desktop.service import labels as L
from dahe_desktop.service.records import ItemInput, VisitInput
from dahe_desktop.service.visits import save_visit
from ui.dashboard.list_dialog import FigureListDialog
from ui.dashboard.tab import DashboardTab

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def tab(db, qtbot, qapp_fonts):
    build_demo()
    widget = DashboardTab(today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.refresh()
    return widget


def opened_lists(tab) -> list[FigureListDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, FigureListDialog) and w.isVisible()]


def test_tiles_show_the_seeds_figures_and_missing_features_as_a_dash(tab):
    assert tab.tiles["service_teams"].text() == "17\n支部服务队"
    assert tab.tiles["demonstration_teams"].text() == "34\n能人示范队"
    assert tab.tiles["typical_households"].text() == "15\n产业经营典型户"
    if tab.dashboard.values["households"] is None:  # pairing not there yet
        assert tab.tiles["households"].text().startswith("—") and not tab.tiles["households"].isEnabled()
        assert tab.coverage_gauge.share is None
    assert tab.branch_model.rowCount() == 20
    assert "组建支部服务队17个" in tab.text.toPlainText()


def test_a_tile_opens_its_list(tab, qtbot):
    qtbot.mouseClick(tab.tiles["co_prosperity_groups"], Qt.MouseButton.LeftButton)
    (dialog,) = opened_lists(tab)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 17
    assert dialog.windowTitle() == "2026年党群共富组"


def test_a_bar_opens_that_branchs_list(tab, qtbot):
    tab.bar_choice.setCurrentIndex(1)  # items not yet told back, overdue darker
    bars = tab.bars.bars
    index = next(i for i, b in enumerate(bars) if b.value)
    _, top, row, _ = tab.bars._geometry()
    qtbot.mouseClick(tab.bars, Qt.MouseButton.LeftButton, pos=QPointF(200, top + row * index + row / 2).toPoint())
    (dialog,) = opened_lists(tab)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == bars[index].value
    assert dialog.windowTitle().startswith(bars[index].label)


def test_a_table_cell_opens_the_list_behind_it(tab, qtbot):
    column = [t for t, _ in tab.branch_model.columns].index("走访")
    index = tab.branch_proxy.index(1, column)
    tab.open_cell(index)
    (dialog,) = opened_lists(tab)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == int(index.data())


def test_a_new_visit_refreshes_the_shown_dashboard(tab, qtbot):
    before = tab.dashboard.values["visits"]
    branch = tab.dashboard.branches[1]
    member = active_members(branch.branch_id)[0]
    save_visit(VisitInput(member.id, TODAY, "走访", "一社某户", "", [ItemInput("其他", "问路灯", route=L.ROUTE_BRANCH)]))
    assert tab.dashboard.values["visits"] == before + 1
    assert tab.tiles["visits"].text().startswith(str(before + 1))


def test_export_word_writes_the_report(tab, monkeypatch, tmp_path):
    out = tmp_path / "概况.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    tab.export_word()
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "组建支部服务队17个" in text


def test_the_report_print_dialog_previews_the_paper(tab, qtbot):
    from dahe_desktop.dashboard.report import build_report
    from ui.dashboard.print_dialog import ReportPrintDialog

    dialog = ReportPrintDialog(build_report(tab.dashboard), tab)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=20000):
        pass
    assert dialog.render_result is not None and dialog.render_result.pages >= 2
    assert dialog.save_button.isEnabled()


def test_the_dashboard_models_pass_the_model_tester(tab, qtmodeltester):
    from dahe_desktop.dashboard.drill import figure_list
    from ui.dashboard.list_dialog import FigureRowsModel

    qtmodeltester.check(tab.branch_model)
    qtmodeltester.check(FigureRowsModel(figure_list("visits", 2026, None, TODAY)))


def test_the_tab_paints_first_saying_computing_then_fills_its_figures(db, qtbot, qapp_fonts):
    """The window opens on this tab: it shows 计算中… (never a blank or a 0) and computes
    the year's figures right after its first paint."""
    build_demo()
    widget = DashboardTab(today=TODAY)
    qtbot.addWidget(widget)
    assert widget.computing and widget.dashboard is None
    assert widget.tiles["service_teams"].text() == "计算中…\n支部服务队"
    assert not widget.tiles["service_teams"].isEnabled() and not widget.print_button.isEnabled()
    assert widget.coverage_gauge.placeholder == "…" and widget.text.toPlainText() == "计算中…"
    QApplication.processEvents()
    assert widget.computing  # not shown, not painted: nothing computed
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitUntil(lambda: not widget.computing)
    assert widget.tiles["service_teams"].text() == "17\n支部服务队" and widget.tiles["service_teams"].isEnabled()
    assert widget.print_button.isEnabled() and "组建支部服务队17个" in widget.text.toPlainText()
    assert widget.bars.empty_text == "没有数据"


def test_the_list_of_households_in_difficulty_logs_its_viewing_and_others_do_not(tab, qtbot):
    from dahe_desktop.audit.service import list_entries

    def viewed() -> int:
        return sum(r.field == "查看" for r in list_entries(table="team"))

    for key in ("co_prosperity_groups", "visits"):
        qtbot.addWidget(tab.open_figure(key))
    assert viewed() == 0
    from dahe_desktop.service.teams import list_teams

    qtbot.addWidget(tab.open_figure("poor_households_helped"))
    helping = [t for t in list_teams(2026) if t.households]
    assert viewed() == len(helping) > 0  # one entry per team whose households are listed
