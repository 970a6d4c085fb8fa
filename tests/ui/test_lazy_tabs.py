"""The tab widget that builds a page when it is first shown or first asked for."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ui.common.lazy_tabs import LazyTabs


def make_tabs(qtbot, built: list[str]) -> LazyTabs:
    tabs = LazyTabs()
    qtbot.addWidget(tabs)

    def page(key: str):
        def build() -> QWidget:
            built.append(key)
            return QLabel(f"{key} page")

        return build

    for key in ("first", "second", "third"):
        tabs.add_lazy(key, key.title(), page(key))
    return tabs


def test_only_the_page_shown_is_built_and_others_are_built_when_opened(qtbot):
    built: list[str] = []
    tabs = make_tabs(qtbot, built)
    assert built == []  # nothing before the widget shows
    tabs.show()
    assert built == ["first"] and tabs.is_built("first") and not tabs.is_built("second")
    tabs.setCurrentIndex(2)
    QApplication.processEvents()
    assert built == ["first", "third"]
    label = tabs.currentWidget()
    assert isinstance(label, QLabel) and label.text() == "third page" and label.isVisible()
    tabs.setCurrentIndex(0)
    tabs.setCurrentIndex(2)
    assert built == ["first", "third"]  # once each


def test_asking_for_a_hidden_tab_builds_it_and_the_tab_widget_speaks_of_the_tabs(qtbot):
    built: list[str] = []
    tabs = make_tabs(qtbot, built)
    tabs.show()
    second = tabs.tab("second")  # e.g. the window exporting what the roster tab holds
    assert built == ["first", "second"] and not second.isVisible()
    assert tabs.indexOf(second) == 1 and tabs.widget(1) is second
    tabs.setCurrentWidget(second)
    assert tabs.currentIndex() == 1 and tabs.currentWidget() is second and second.isVisible()
    assert tabs.indexOf(QLabel()) == -1
