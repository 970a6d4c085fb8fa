"""与公示版本比较: every version of a member's commitments printed for posting, newest
first. Picking one shows what changed since it was posted, and it can be reprinted
exactly as it was (a reprint records nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.commitments import postings
from dahe_desktop.commitments.printouts.job import PrintJob
from dahe_desktop.commitments.rules import CommitmentError
from dahe_desktop.printing.fonts import MissingGlyphsError
from dahe_desktop.township import posting_info
from ui.common.widgets import error_label


class PostingHistoryDialog(QDialog):
    """The posted versions of one member-year; `versions` is newest first."""

    def __init__(self, member_name: str, versions: list[postings.PostingVersion], parent: QWidget | None = None):
        super().__init__(parent)
        self.member_name = member_name
        self.versions = versions
        self.setWindowTitle(f"与公示版本比较：{member_name}")
        self.resize(640, 420)

        self.list = QListWidget()
        for v in versions:
            self.list.addItem(f"{v.printed_at:%Y-%m-%d %H:%M}　{postings.KINDS[v.kind]}　{len(v.card.items)}项")
        self.changes = QPlainTextEdit(readOnly=True)
        self.reprint_button = QPushButton("重印所选版本…")
        self.reprint_button.setToolTip("按所选版本原样生成PDF（公示期从该版本打印之日算起），不记为新的公示")
        self.status = QLabel(wordWrap=True)
        self.error = error_label()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)

        panes = QHBoxLayout()
        panes.addWidget(self.list, 2)
        panes.addWidget(self.changes, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reprint_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("已打印公示的版本（最新在上），选中一个查看此后的变化："))
        layout.addLayout(panes, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

        self.list.currentRowChanged.connect(self._show)
        self.reprint_button.clicked.connect(self._ask_reprint)
        self.list.setCurrentRow(0)

    def chosen(self) -> postings.PostingVersion:
        return self.versions[max(self.list.currentRow(), 0)]

    def _show(self) -> None:
        version = self.chosen()
        diff = postings.changes_since_version(version)
        when = f"{version.printed_at:%Y-%m-%d %H:%M}打印的{postings.KINDS[version.kind]}"
        if not diff:
            self.changes.setPlainText(f"{self.member_name}的承诺与{when}一致。")
        else:
            self.changes.setPlainText(f"{self.member_name}的承诺自{when}以来的变化：\n\n" + "\n".join(diff.lines()))

    def _ask_reprint(self) -> None:
        version = self.chosen()
        name = f"{self.member_name}{version.card.year}年{postings.KINDS[version.kind]}（{version.printed_at:%Y%m%d}版）.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "重印所选版本", name, "PDF (*.pdf)")
        if path:
            self.reprint_to(path)

    def reprint_to(self, path: str | Path) -> bool:
        """Write the chosen version as it was posted; say what went wrong if it fails."""
        version = self.chosen()
        job = PrintJob(version.kind, version.card.year, posted=True)
        self.error.hide()
        try:
            job.render(path, posting_info(version.printed_at.date()), [version.card])
        except MissingGlyphsError as error:
            return self._fail(error.lines)
        except CommitmentError as error:
            return self._fail(error.lines)
        except OSError as error:
            return self._fail([f"无法写入 {path}：{error.strerror or error}"])
        self.status.setText(f"已生成：{path}")
        return True

    def _fail(self, lines: list[str]) -> bool:
        self.error.setText("\n".join(lines))
        self.error.show()
        return False
