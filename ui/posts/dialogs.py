"""The small dialogs of the 设岗定责 tab. Each hands the clerk's input to one core call and
shows its refusal in red, line by line; nothing is decided here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop.errors import UserError, error_lines
from dahe_desktop.posts import labels
from dahe_desktop.posts import service as posts
from dahe_desktop.posts.records import CandidateResult, CoverageRow, PostInput, PostRow
from dahe_desktop.versions import StaleRecordError
from ui.common.stale import StaleNotice
from ui.common.widgets import dialog_buttons, error_label


def date_edit(day: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
    edit.setDate(QDate(day) if day else QDate.currentDate())
    return edit


def in_year(year: int) -> dt.date:
    """Today, or the last day of `year` when working on a past year."""
    return min(dt.date.today(), dt.date(year, 12, 31))


class CoreDialog(QDialog):
    """A form whose 保存 runs `save()` (a core call); a UserError keeps it open, in red."""

    accept_text = "保存"

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = error_label()
        self.buttons = dialog_buttons(self, self.accept_text)
        self.stale = StaleNotice(self.reload)  # shown when another clerk saved the record first
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """The record as stored now into the fields (a dialog editing a versioned record)."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.save()
        except StaleRecordError as error:
            self.error.hide()
            self.stale.refused(error)  # every field keeps what the clerk typed
            return
        except UserError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        except Exception as error:  # noqa: BLE001 (shown, never swallowed silently)
            self.error.setText("\n".join(error_lines(error, "保存")))
            self.error.show()
            return
        super().accept()


class OpenPostDialog(CoreDialog):
    """开设岗位: a post of the catalogue (or a new name), its seats, duties and targets."""

    def __init__(self, branch_id: int, year: int, parent: QWidget | None = None):
        super().__init__("开设岗位", parent)
        self.branch_id, self.year = branch_id, year
        self.catalogue = {e.name: e for e in posts.list_catalogue()}
        self.name = QComboBox(editable=True)
        self.name.addItems(list(self.catalogue))
        self.seats = QSpinBox(minimum=1, maximum=50, value=1)
        self.opened_on = date_edit(in_year(year))
        self.duties = QPlainTextEdit()
        self.targets = QPlainTextEdit()
        for edit in (self.duties, self.targets):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(80)
        self.form.addRow("岗位名称", self.name)
        self.form.addRow("名额", self.seats)
        self.form.addRow("开设日期", self.opened_on)
        self.form.addRow("职责任务（每行一项）", self.duties)
        self.form.addRow("年度目标（每行一项）", self.targets)
        self.name.currentTextChanged.connect(self._fill)
        self._fill(self.name.currentText())

    def _fill(self, name: str) -> None:
        entry = self.catalogue.get(name)
        if entry is not None:
            self.duties.setPlainText(entry.duties)
            self.targets.setPlainText(entry.targets)

    def save(self) -> None:
        entry = self.catalogue.get(self.name.currentText().strip())
        posts.open_post(self.branch_id, self.year, PostInput(
            self.name.currentText(), self.seats.value(), self.duties.toPlainText(), self.targets.toPlainText(),
            entry.id if entry else None, self.opened_on.date().toPython(),
        ))  # fmt: skip


class ApplicationDialog(CoreDialog):
    """登记申报或提名: who, for which post, how (the member or villagers), when, why."""

    accept_text = "登记"

    def __init__(self, year: int, post_rows: list[PostRow], members: list[CoverageRow], post_id: int | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__("登记申报或群众提名", parent)
        self.year = year
        self.post = QComboBox()
        for p in post_rows:
            self.post.addItem(p.name, p.id)
        self.post.setCurrentIndex(max(0, self.post.findData(post_id)))
        self.member = QComboBox(editable=True)
        for m in members:
            self.member.addItem(m.member_name, m.member_id)
        self.member.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.kind = QComboBox()
        self.kind.addItems(labels.APPLICATION_KINDS)
        self.nominator_kind = QComboBox()
        self.nominator_kind.addItems(labels.NOMINATOR_KINDS)
        self.nominated_by = QLineEdit(placeholderText="提名的群众姓名，或联名的群体（如：一社群众联名）")
        self.reason = QLineEdit(placeholderText="申报理由或推荐理由")
        self.made_on = date_edit(in_year(year))
        self.form.addRow("岗位", self.post)
        self.form.addRow("党员", self.member)
        self.form.addRow("方式", self.kind)
        self.form.addRow("提名人类别", self.nominator_kind)
        self.form.addRow("提名人", self.nominated_by)
        self.form.addRow("理由", self.reason)
        self.form.addRow("日期", self.made_on)
        self.kind.currentTextChanged.connect(self._sync)
        self._sync()

    def _sync(self, *_args) -> None:
        nominated = self.kind.currentText() == labels.NOMINATED
        self.nominator_kind.setEnabled(nominated)
        self.nominated_by.setEnabled(nominated)

    def save(self) -> None:
        index = self.member.findText(self.member.currentText().strip())
        if index < 0:
            raise posts.PostsError(f"本支部没有名为“{self.member.currentText().strip()}”的在册党员")
        posts.add_application(self.post.currentData(), self.member.itemData(index), self.kind.currentText(),
                              self.made_on.date().toPython(), self.reason.text(), self.nominated_by.text(),
                              self.nominator_kind.currentText())  # fmt: skip


class CandidatesDialog(CoreDialog):
    """设定候选人 of one post: from those who applied or were nominated for it."""

    def __init__(self, branch_id: int, year: int, post: PostRow, parent: QWidget | None = None):
        super().__init__(f"设定候选人：{post.name}（{post.seats}个名额）", parent)
        self.post = post
        current = {c.member_id for c in post.candidates}
        asked: dict[int, tuple[str, list[str]]] = {}
        for a in posts.list_applications(branch_id, year):
            if a.post_id == post.id:
                asked.setdefault(a.member_id, (a.member_name, []))[1].append(a.kind)
        self.boxes: list[tuple[int, QCheckBox]] = []
        for member_id, (name, kinds) in asked.items():
            box = QCheckBox(f"{name}（{'、'.join(dict.fromkeys(kinds))}）", checked=member_id in current)
            self.boxes.append((member_id, box))
            self.form.addRow(box)
        if not self.boxes:
            self.form.addRow(QLabel("这个岗位还没有人申报或被提名，请先登记申报或提名。"))
        self.form.addRow(QLabel(f"差额：候选人须多于名额，即至少{post.seats + 1}名。"))

    def save(self) -> None:
        posts.set_candidates(self.post.id, [m for m, box in self.boxes if box.isChecked()])


class DateDialog(CoreDialog):
    """A step that needs only its date (确定候选人, 计票, 确定岗位)."""

    def __init__(self, title: str, text: str, day: dt.date, action: Callable[[dt.date], object],
                 parent: QWidget | None = None):  # fmt: skip
        self.accept_text = title
        super().__init__(title, parent)
        self.action = action
        self.day = date_edit(day)
        note = QLabel(text, wordWrap=True)
        self.form.addRow(note)
        self.form.addRow("日期", self.day)

    def save(self) -> None:
        self.action(self.day.date().toPython())


class TieDialog(CoreDialog):
    """支部决定并列: choose among the tied candidates and say how it was decided."""

    def __init__(self, post_id: int, post_name: str, tied: list[CandidateResult], seats_left: int,
                 year: int, members: dict[int, int], parent: QWidget | None = None):  # fmt: skip
        super().__init__(f"决定并列：{post_name}", parent)
        self.post_id, self.members = post_id, members
        self.form.addRow(QLabel(f"以下候选人得票相同，争{seats_left}个名额，请勾选支部决定当选的{seats_left}名：", wordWrap=True))
        self.boxes = [(r.candidate_id, QCheckBox(f"{r.name}（{r.votes}票）")) for r in tied]
        for _, box in self.boxes:
            self.form.addRow(box)
        self.how = QLineEdit(placeholderText="如：支委会研究决定；对并列候选人再次投票，某某得11票")
        self.decided_on = date_edit(in_year(year))
        self.form.addRow("决定方式", self.how)
        self.form.addRow("决定日期", self.decided_on)

    def save(self) -> None:
        chosen = [self.members[c] for c, box in self.boxes if box.isChecked()]
        posts.settle_tie(self.post_id, chosen, self.how.text(), self.decided_on.date().toPython())


class AssignDialog(CoreDialog):
    """支部调剂: a member without a post after the vote, to a post, with the reason."""

    def __init__(self, year: int, post_rows: list[PostRow], members: list[CoverageRow], parent: QWidget | None = None):
        super().__init__("支部调剂岗位", parent)
        self.member = QComboBox()
        for m in members:
            self.member.addItem(f"{m.member_name}（{m.why}）", m.member_id)
        self.post = QComboBox()
        for p in post_rows:
            self.post.addItem(p.name, p.id)
        self.reason = QLineEdit("未当选，本人同意，支部研究调剂")
        self.on = date_edit(in_year(year))
        self.form.addRow("党员", self.member)
        self.form.addRow("调剂到岗位", self.post)
        self.form.addRow("理由", self.reason)
        self.form.addRow("日期", self.on)

    def save(self) -> None:
        if self.member.currentData() is None:
            raise posts.PostsError("没有需要调剂岗位的党员")
        posts.assign_post(self.post.currentData(), self.member.currentData(), self.reason.text(), self.on.date().toPython())


def _text_box(text: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(90)
    return edit


class CatalogueDialog(CoreDialog):
    """岗位目录: the township's own posts with their default duties and targets (a new
    post, or an edit; a post no longer used is kept for history, unticked)."""

    NEW = "（新增岗位）"

    def __init__(self, parent: QWidget | None = None):
        super().__init__("岗位目录", parent)
        self.entries = posts.list_catalogue(include_retired=True)
        self.choice = QComboBox()
        self.choice.addItem(self.NEW, None)
        for e in self.entries:
            self.choice.addItem(e.name if e.in_use else f"{e.name}（停用）", e.id)
        self.name = QLineEdit()
        self.duties, self.targets = _text_box(), _text_box()
        self.in_use = QCheckBox("在用", checked=True)
        self.form.addRow("岗位", self.choice)
        self.form.addRow("名称", self.name)
        self.form.addRow("默认职责任务（每行一项）", self.duties)
        self.form.addRow("默认年度目标（每行一项）", self.targets)
        self.form.addRow("", self.in_use)
        self.version: int | None = None
        self.choice.currentIndexChanged.connect(self._show)
        if self.entries:
            self.choice.setCurrentIndex(1)
        self.stale.loaded()

    def reload(self) -> None:
        self.entries = posts.list_catalogue(include_retired=True)
        self._show()

    def _show(self, *_args) -> None:
        entry = next((e for e in self.entries if e.id == self.choice.currentData()), None)
        self.version = entry.version if entry else None
        self.name.setText(entry.name if entry else "")
        self.duties.setPlainText(entry.duties if entry else "")
        self.targets.setPlainText(entry.targets if entry else "")
        self.in_use.setChecked(entry.in_use if entry else True)

    def save(self) -> None:
        entry = posts.CatalogueEntry(
            self.choice.currentData(), self.name.text(), self.duties.toPlainText(), self.targets.toPlainText(),
            self.in_use.isChecked(), self.version,
        )  # fmt: skip
        posts.save_catalogue_entry(entry)
        self.version = entry.version


class HolderDialog(CoreDialog):
    """细化职责目标: the duties and yearly targets agreed with one post holder."""

    def __init__(self, appointment_id: int, who: str, duties: str, targets: str, parent: QWidget | None = None,
                 version: int | None = None):  # fmt: skip
        super().__init__(f"职责任务和年度目标：{who}", parent)
        self.appointment_id, self.version = appointment_id, version
        self.duties, self.targets = _text_box(duties), _text_box(targets)
        self.form.addRow("职责任务（每行一项）", self.duties)
        self.form.addRow("年度目标（每行一项）", self.targets)
        self.stale.loaded()

    def reload(self) -> None:
        duties, targets, self.version = posts.appointment_terms(self.appointment_id)
        self.duties.setPlainText(duties)
        self.targets.setPlainText(targets)

    def save(self) -> None:
        self.version = posts.update_appointment(self.appointment_id, self.duties.toPlainText(),
                                                self.targets.toPlainText(), self.version)  # fmt: skip
