"""Small dialogs of the appraisal tab: a villager representative, a member's grade, a
member's self-assessment and clause counts."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.appraisal import results
from dahe_desktop.appraisal.entry import MemberFacts, save_member_facts
from dahe_desktop.appraisal.labels import (
    DEFAULT_BANDS,
    NEEDS_MEASURES,
    RATER_GROUPS,
    RATER_REPRESENTATIVES,
    THREE_GRADE_BANDS,
    TRIM_MIN_RATERS,
)
from dahe_desktop.appraisal.points import format_total
from dahe_desktop.appraisal.records import MemberResult, RunInfo
from dahe_desktop.appraisal.rubrics import MAX_CLAUSE_COUNT
from dahe_desktop.appraisal.runs import add_rater, save_run_settings
from dahe_desktop.appraisal.scoring import Band, RunConfig
from dahe_desktop.audit.viewing import appraisal_subject_viewed
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
        appraisal_subject_viewed(member.subject_id)  # a reason may tell of illness: the viewing is logged

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


class RunSettingsDialog(QDialog):
    """计分设置: the meeting date, the weight of each rater group, trimming, the grades
    and their lowest totals (four or three grades), and an optional cap on 优秀; saved for
    this run, and on request as the township's default for new runs."""

    def __init__(self, info: RunInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(f"计分设置：{info.branch_name}{info.year}年度")
        config = info.config
        self.meeting = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.meeting.setDate(QDate(info.meeting_date) if info.meeting_date else QDate(info.year, 12, 31))
        self.weights = {}
        form = QFormLayout()
        form.addRow("考评大会日期", self.meeting)
        for group in RATER_GROUPS:
            box = QSpinBox(minimum=0, maximum=100, value=int(config.weights.get(group, 0)), suffix=" %")
            self.weights[group] = box
            form.addRow(f"{group}评分权重", box)
        self.trim = QCheckBox(f"一类评议人达到{TRIM_MIN_RATERS}人时，去掉一个最高分和一个最低分")
        self.trim.setChecked(config.trim)
        form.addRow("", self.trim)
        self.grade_set = QComboBox()
        self.grade_set.addItem("四档：优秀、合格、基本合格、不合格", DEFAULT_BANDS)
        self.grade_set.addItem("三档：优秀、合格、不合格", THREE_GRADE_BANDS)
        self.grade_set.setCurrentIndex(1 if len(config.bands) == 3 else 0)
        form.addRow("等次", self.grade_set)
        self.minimums: list[tuple[str, QDoubleSpinBox]] = []
        self.bands_form = QFormLayout()
        form.addRow("分数线", self.bands_form)
        self.cap_on = QCheckBox("限制优秀比例，不超过")
        self.cap = QSpinBox(minimum=1, maximum=100, value=config.excellent_cap or 20, suffix=" %")
        self.cap_on.setChecked(config.excellent_cap is not None)
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.cap_on)
        cap_row.addWidget(self.cap)
        cap_row.addStretch()
        form.addRow("优秀比例", cap_row)
        self.as_default = QCheckBox("同时作为今后新建考核评议的默认设置")
        form.addRow("", self.as_default)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.grade_set.currentIndexChanged.connect(lambda _i: self._show_bands(None))
        self._show_bands(config.bands)

    def _show_bands(self, bands) -> None:
        while self.bands_form.rowCount():
            self.bands_form.removeRow(0)
        self.minimums = []
        chosen = bands or tuple(Band(g, m * 10) for g, m in self.grade_set.currentData())
        for band in chosen:
            box = QDoubleSpinBox(minimum=0, maximum=100, decimals=1, singleStep=1, value=band.minimum / 10, suffix=" 分以上")
            self.bands_form.addRow(band.grade, box)
            self.minimums.append((band.grade, box))

    def config(self) -> RunConfig:
        bands = tuple(Band(g, round(box.value() * 10)) for g, box in self.minimums)
        return RunConfig(weights={g: b.value() for g, b in self.weights.items()}, trim=self.trim.isChecked(),
                         bands=bands, excellent_cap=self.cap.value() if self.cap_on.isChecked() else None)  # fmt: skip

    def accept(self) -> None:
        try:
            save_run_settings(self.info.id, self.meeting.date().toPython(), self.config(), self.as_default.isChecked())
        except UserError as error:
            self.error.setText("\n".join(error_lines(error)))
            self.error.show()
            return
        super().accept()
