"""A tab widget whose pages are built when first needed: the window shows its first tab
without importing or building the others (their modules pull in the print engine, the
planner, the importers). A page is built when it is first shown, or when code asks for
its tab (`tab(key)`, `widget(i)`): to the rest of the program every tab is simply there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class _Page(QWidget):
    """The page the tab widget holds: empty until first shown, then the tab inside it."""

    def __init__(self, build: Callable[[], QWidget]):
        super().__init__()
        self._build: Callable[[], QWidget] | None = build
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.content is None:
            build, self._build = self._build, None
            assert build is not None, "a page's tab is being built while it builds"
            content = build()
            self.layout().addWidget(content)
            self.content = content
            if self.isVisible():
                content.show()  # added to a shown page: Qt would only show it later
        return self.content

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_built()  # before the first paint of the page
        super().showEvent(event)


class LazyTabs(QTabWidget):
    """`add_lazy(key, title, build)` adds a tab built on first use; `tab(key)` is that
    tab (built if needed). `widget`, `currentWidget`, `indexOf` and `setCurrentWidget`
    speak of the tabs themselves, not of the pages holding them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pages: dict[str, _Page] = {}

    def add_lazy(self, key: str, title: str, build: Callable[[], QWidget]) -> int:
        page = _Page(build)
        self._pages[key] = page
        return self.addTab(page, title)

    def tab(self, key: str) -> QWidget:
        return self._pages[key].ensure_built()

    def is_built(self, key: str) -> bool:
        return self._pages[key].content is not None

    def widget(self, index: int) -> QWidget | None:
        page = super().widget(index)
        return page.ensure_built() if isinstance(page, _Page) else page

    def currentWidget(self) -> QWidget | None:
        return self.widget(self.currentIndex())

    def indexOf(self, widget: QWidget) -> int:
        for index in range(self.count()):
            page = super().widget(index)
            if page is widget or (isinstance(page, _Page) and page.content is widget and widget is not None):
                return index
        return -1

    def setCurrentWidget(self, widget: QWidget) -> None:
        index = self.indexOf(widget)
        if index >= 0:
            self.setCurrentIndex(index)
