"""Small dialogs of the appraisal tab: a villager representative, a member's grade, a
member's self-assessment and clause counts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.appraisal import results
from dahe_desktop.appraisal.entry import MemberFacts, save_member_facts
from dahe_desktop.appraisal.labels import NEEDS_MEASURES, RATER_REPRESENTATIVES
from dahe_desktop.appraisal.points import format_total
from dahe_desktop.appraisal.records import MemberResult
from dahe_desktop.appraisal.rubrics import MAX_CLAUSE_COUNT
from dahe_desktop.appraisal.runs import add_rater
from dahe_desktop.errors import UserError, error_lines
from ui.common.widgets import dialog_buttons, error_label


class RepresentativeDialog(QDialog):
    """添加群众代表: name and village (the core checks both)."""

    def __init__(self, run_id: int, village: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("添加群众代表")
        self.run_id = run_id
        self.name = QLineEdit()
        self.village = QLineEdit(village)
        self.error = error_label()
        form = QFormLayout()
        form.addRow("姓名", self.name)
        form.addRow("所在村（社）", self.village)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, "添加"))

    def accept(self) -> None:
        try:
            add_rater(self.run_id, RATER_REPRESENTATIVES, self.name.text(), self.village.text())
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return
        super().accept()


class GradeDialog(QDialog):
    """评定等次: the committee's grade (a reason where it differs from the points),
    the member's 申辩 and the improvement measures, saved together."""

    def __init__(self, member: MemberResult, grades: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.member = member
        self.setWindowTitle(f"评定等次：{member.name}")
        self.grade = QComboBox()
        self.grade.addItems(list(grades))
        self.grade.setCurrentText(member.grade or member.suggested)
        self.reason = QPlainTextEdit(member.grade_reason)
        self.appeal = QPlainTextEdit(member.appeal)
        self.measures = QPlainTextEdit(member.measures)
        for box in (self.reason, self.appeal, self.measures):
            box.setTabChangesFocus(True)
            box.setFixedHeight(64)
        self.error = error_label()
        form = QFormLayout()
        total = format_total(member.total) if member.total is not None else "—"
        form.addRow("得分", QLineEdit(f"{total}（按分数建议：{member.suggested}）", readOnly=True))
        form.addRow("评定等次", self.grade)
        form.addRow("评定理由", self.reason)
        form.addRow("申辩意见", self.appeal)
        form.addRow("改进措施", self.measures)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.grade.currentTextChanged.connect(self._hint)
        self._hint()

    def _hint(self) -> None:
        differs = self.grade.currentText() != self.member.suggested
        self.reason.setPlaceholderText("与按分数建议的等次不同，须写明理由（现实表现）" if differs else "可不填")
        needs = self.grade.currentText() in NEEDS_MEASURES
        self.measures.setPlaceholderText("评为基本合格或不合格须填写改进措施" if needs else "可不填")

    def accept(self) -> None:
        try:
            results.record_decision(self.member.subject_id, self.grade.currentText(), self.reason.toPlainText(),
                                    self.appeal.toPlainText(), self.measures.toPlainText())  # fmt: skip
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return
        super().accept()


class MemberFactsDialog(QDialog):
    """个人自评与加减分: the member's self-assessment and how often each clause applies
    (e.g. 缺席“三会一课”2次), saved together."""

    def __init__(self, facts: MemberFacts, parent: QWidget | None = None):
        super().__init__(parent)
        self.facts = facts
        self.setWindowTitle(f"个人自评与加减分：{facts.name}")
        self.text = QPlainTextEdit(facts.self_assessment)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        form = QFormLayout()
        form.addRow("个人自评", self.text)
        self.counts: list[tuple[str, list[QSpinBox]]] = []
        for item, counts in facts.clause_items:
            boxes = []
            for clause, n in zip(item.clauses, counts, strict=True):
                box = QSpinBox(minimum=0, maximum=MAX_CLAUSE_COUNT, value=n, suffix=f" {clause.unit}")
                box.setToolTip(clause.text)
                form.addRow(f"{item.name}：{clause.label}（{clause.text[len(clause.label):]}）", box)
                boxes.append(box)
            self.counts.append((item.key, boxes))
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))

    def accept(self) -> None:
        counts = {key: [b.value() for b in boxes] for key, boxes in self.counts}
        try:
            save_member_facts(self.facts.subject_id, self.text.toPlainText(), counts)
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return
        super().accept()
