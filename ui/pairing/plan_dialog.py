"""The planner's proposal: coverage after it, why a full plan is impossible (if so), the
change list with a check box per line; accepting writes the checked lines at once."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.pairing.proposal import apply_proposal
from dahe_desktop.pairing.records import PairingProposal
from ui.common.rows_model import rows_view
from ui.common.widgets import ERROR_COLOR, error_label
from ui.pairing.models import ChangesModel


class PlanDialog(QDialog):
    def __init__(self, proposal: PairingProposal, parent: QWidget | None = None):
        super().__init__(parent)
        self.proposal = proposal
        self.applied = 0
        self.setWindowTitle(f"{proposal.year}年结对方案")
        self.resize(980, 560)
        summary = QLabel(self._summary())
        summary.setWordWrap(True)
        self.reasons = QLabel("\n".join(proposal.reasons))
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet(f"color: {ERROR_COLOR};")
        self.reasons.setVisible(bool(proposal.reasons))
        self.model = ChangesModel(self)
        self.model.set_rows(proposal.changes)
        self.table, _ = rows_view(self.model, (44, 50, 100, 90, 80, 130, 130, 200))
        self.error = error_label()
        self.accept_button = QPushButton("接受勾选的调整")
        self.accept_button.setDefault(True)
        all_on, all_off, close = QPushButton("全选"), QPushButton("全不选"), QPushButton("关闭")
        all_on.clicked.connect(lambda: self.model.set_all(True))
        all_off.clicked.connect(lambda: self.model.set_all(False))
        close.clicked.connect(self.reject)
        self.accept_button.clicked.connect(self.accept_checked)
        self.accept_button.setEnabled(bool(proposal.changes))
        buttons = QHBoxLayout()
        for b in (all_on, all_off):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.reasons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _summary(self) -> str:
        p = self.proposal
        counts = {}
        for c in p.changes:
            counts[c.action] = counts.get(c.action, 0) + 1
        parts = "、".join(f"{a}{n}户" for a, n in counts.items()) or "无需调整"
        tail = "可实现全覆盖。" if p.complete else f"仍有{len(p.uncovered)}户无法安排（原因见下）。"
        return f"方案保留现有结对{p.kept}户，{parts}；{tail}"

    def accept_checked(self) -> None:
        try:
            self.applied = apply_proposal(self.proposal, self.model.accepted)
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return
        self.accept()
