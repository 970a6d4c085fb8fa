"""Add or edit one member. Errors appear beside the field they concern, in Chinese."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dahe_desktop import labels
from dahe_desktop.audit.viewing import member_viewed
from dahe_desktop.dates import DateError, parse_date
from dahe_desktop.roster.idcard import (
    birth_date_from_id,
    id_number_error,
    normalize_id_number,
    sex_from_id,
)
from dahe_desktop.roster.service import check_member, list_branches, member_data, save_member
from dahe_desktop.roster.validation import MemberData, Problems
from dahe_desktop.textnorm import clean_text
from dahe_desktop.versions import StaleRecordError
from ui.common.stale import StaleNotice
from ui.common.widgets import ERROR_COLOR, EditDialog, dialog_buttons, grow_to_fit, text_width

_ERROR_STYLE = f"color: {ERROR_COLOR};"
_FIELD_ERROR = f"border: 1px solid {ERROR_COLOR};"


def _combo(items, editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    box.setEditable(editable)
    if editable:
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return box


class MemberDialog(EditDialog):
    """Enter saves; the ID number fills birth date and sex; nothing is saved while a
    field is wrong."""

    def __init__(self, member_id: int | None = None, parent: QWidget | None = None, branch_id: int | None = None):
        super().__init__(parent)
        self.member_id = member_id
        self.version: int | None = None  # as loaded: a save over another clerk's change is refused
        self.setWindowTitle("编辑党员" if member_id else "新增党员")
        self._errors: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}

        self.name = QLineEdit(maxLength=30)
        self.id_number = QLineEdit(maxLength=18, placeholderText="18位公民身份号码")
        self.sex = _combo(["", *labels.SEXES])
        self.ethnicity = _combo(["", *labels.ETHNIC_GROUPS], editable=True)
        self.birth_date = QLineEdit(placeholderText="如 1985-03-12")
        self.education = _combo(["", *labels.EDUCATION_LEVELS])
        self.joined_party = QLineEdit(placeholderText="如 2008-07-01")
        self.membership = _combo(labels.MEMBERSHIPS)
        self.branch = QComboBox()
        for row in list_branches():
            self.branch.addItem(row.name, row.id)
        self.phone = QLineEdit(maxLength=13, placeholderText="11位手机号码")
        self.position = QLineEdit(placeholderText="如 支部书记、村委会委员")
        self.category = _combo(labels.CATEGORIES)
        self.specialties = QLineEdit(placeholderText="如 畜牧养殖、农机维修")
        self.services = QPlainTextEdit(placeholderText="每行一项，如：政策宣传")
        self.service_promise = QPlainTextEdit(placeholderText="如：随叫随到，有求必应")
        for box in (self.services, self.service_promise):
            box.setTabChangesFocus(True)
            box.setFixedHeight(64)
        # Fields wide enough for their whole text: all 18 digits, the longest hint.
        self.id_number.setMinimumWidth(text_width(self.id_number, "632522200011090816X"))
        for field in (self.name, self.birth_date, self.joined_party, self.phone, self.position, self.specialties):
            field.setMinimumWidth(max(text_width(field, "632522200011090816X"), text_width(field, field.placeholderText())))

        basic = QGroupBox("基本信息")
        grid = QGridLayout(basic)
        left = [("name", "姓名*", self.name), ("id_number", "身份证号", self.id_number),
                ("sex", "性别*", self.sex), ("ethnicity", "民族*", self.ethnicity),
                ("birth_date", "出生日期*", self.birth_date), ("education", "文化程度", self.education)]
        right = [("branch", "所在支部*", self.branch), ("joined_party", "入党时间", self.joined_party),
                 ("membership", "党员类型", self.membership), ("phone", "联系电话", self.phone),
                 ("position", "职务", self.position), ("category", "人员类别", self.category)]  # fmt: skip
        for col, fields in ((0, left), (1, right)):
            form = QFormLayout()
            for key, text, widget in fields:
                form.addRow(text, self._with_error(key, widget))
            grid.addLayout(form, 0, col)

        service = QGroupBox("服务信息（印在党员名片上）")
        form = QFormLayout(service)
        for key, text, widget in (("specialties", "个人特长", self.specialties),
                                  ("services", "服务事项", self.services),
                                  ("service_promise", "服务承诺", self.service_promise)):  # fmt: skip
            form.addRow(text, self._with_error(key, widget))

        buttons = dialog_buttons(self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        self.stale = StaleNotice(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale)
        layout.addWidget(basic)
        layout.addWidget(service)
        layout.addWidget(buttons)

        self.id_number.textChanged.connect(self._fill_from_id)
        if member_id is not None:
            self._load(member_data(member_id))
            member_viewed(member_id)  # 人员类别 may say 老病残党员: the viewing is logged
        elif branch_id is not None:
            self.branch.setCurrentIndex(max(0, self.branch.findData(branch_id)))
        self.name.setFocus()
        self.mark_clean()
        self.stale.loaded()

    def reload(self) -> None:
        """The member as now stored (another clerk saved it), replacing what is typed."""
        self._load(member_data(self.member_id))
        self.show_problems(Problems())
        self.mark_clean()

    def _with_error(self, key: str, widget: QWidget) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        error = QLabel()
        error.setStyleSheet(_ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        error.setObjectName(f"error_{key}")
        lay.addWidget(error)
        self._errors[key] = error
        self._inputs[key] = widget
        return box

    def _load(self, data: MemberData) -> None:
        self.version = data.version
        self.name.setText(data.name)
        self.id_number.setText(data.id_number)
        self.sex.setCurrentText(data.sex)
        self.ethnicity.setCurrentText(data.ethnicity)
        self.birth_date.setText(data.birth_date.isoformat() if data.birth_date else "")
        self.education.setCurrentText(data.education)
        self.joined_party.setText(data.joined_party.isoformat() if data.joined_party else "")
        self.membership.setCurrentText(data.membership)
        self.branch.setCurrentIndex(max(0, self.branch.findData(data.branch_id)))
        self.phone.setText(data.phone)
        self.position.setText(data.position)
        self.category.setCurrentText(data.category)
        self.specialties.setText(data.specialties)
        self.services.setPlainText(data.services)
        self.service_promise.setPlainText(data.service_promise)

    def _fill_from_id(self) -> None:
        """A valid ID number fills in birth date and sex when they are still empty."""
        number = normalize_id_number(clean_text(self.id_number.text()))
        if not number or id_number_error(number) is not None:
            return
        if not self.birth_date.text().strip():
            self.birth_date.setText(birth_date_from_id(number).isoformat())
        if not self.sex.currentText():
            self.sex.setCurrentText(sex_from_id(number))

    def form_data(self, problems: Problems) -> MemberData:
        """The form as a record; unreadable dates are reported into `problems`."""
        dates: dict[str, dt.date | None] = {}
        for key, widget in (("birth_date", self.birth_date), ("joined_party", self.joined_party)):
            try:
                dates[key] = parse_date(widget.text())
            except DateError as error:
                dates[key] = None
                problems.add(key, str(error))
        return MemberData(
            name=self.name.text(), sex=self.sex.currentText(), ethnicity=self.ethnicity.currentText(),
            birth_date=dates["birth_date"], id_number=self.id_number.text(),
            education=self.education.currentText(), joined_party=dates["joined_party"],
            membership=self.membership.currentText(), branch_id=self.branch.currentData(),
            phone=self.phone.text(), position=self.position.text(), category=self.category.currentText(),
            specialties=self.specialties.text(), services=self.services.toPlainText(),
            service_promise=self.service_promise.toPlainText(), version=self.version,
        )  # fmt: skip

    def show_problems(self, problems: Problems) -> None:
        for key, label in self._errors.items():
            message = problems.by_field.get(key)
            label.setText(message or "")
            label.setVisible(bool(message))
            self._inputs[key].setStyleSheet(_FIELD_ERROR if message else "")
        grow_to_fit(self)  # every message whole, however long
        if problems:
            first = next(k for k in self._errors if k in problems.by_field)
            self._inputs[first].setFocus()

    def accept(self) -> None:
        date_problems = Problems()
        data = self.form_data(date_problems)
        _, problems = check_member(data, self.member_id)
        for key, message in date_problems.by_field.items():
            problems.by_field[key] = message  # the parse error says more than "please fill in"
        self.show_problems(problems)
        if problems:
            return
        try:
            self.member_id = save_member(data, self.member_id)
        except StaleRecordError as error:
            self.stale.refused(error)  # every field keeps what the clerk typed
            return
        self.version = data.version  # the saved one
        super().accept()
