"""The township's own facts, printed on every posting and card: name, issuing body,
supervision phone."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dahe_desktop import settings
from dahe_desktop.versions import StaleRecordError
from ui.common.stale import StaleNotice
from ui.common.widgets import EditDialog, dialog_buttons, error_label


class TownshipSettingsDialog(EditDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("乡镇设置")
        self.loaded = settings.versions(*settings.TOWNSHIP_OPTIONS)  # before the values: never newer than them
        self.township = QLineEdit(settings.get(settings.TOWNSHIP_NAME))
        self.committee = QLineEdit(settings.get(settings.COMMITTEE_NAME), placeholderText="如 中共大河乡委员会")
        self.phone = QLineEdit(settings.get(settings.SUPERVISION_PHONE), placeholderText="如 0974-8591234")
        self.code = QLineEdit(settings.get(settings.TOWNSHIP_CODE), placeholderText="行政区划代码或县里给的代码")
        hint = QLabel("乡镇名称印在党员名片上；党委名称作为公示的发布单位；监督电话印在名片背面和各类公示上；乡镇代码写在上报县里的数据包上。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow(settings.TOWNSHIP_NAME.label, self.township)
        form.addRow(settings.COMMITTEE_NAME.label, self.committee)
        form.addRow(settings.SUPERVISION_PHONE.label, self.phone)
        form.addRow(settings.TOWNSHIP_CODE.label, self.code)
        self.error = error_label()
        self.stale = StaleNotice(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stale)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.resize(460, self.sizeHint().height())
        self.mark_clean()
        self.stale.loaded()

    def reload(self) -> None:
        """The settings as now stored (another clerk saved them), replacing what is typed."""
        self.loaded = settings.versions(*settings.TOWNSHIP_OPTIONS)
        self.township.setText(settings.get(settings.TOWNSHIP_NAME))
        self.committee.setText(settings.get(settings.COMMITTEE_NAME))
        self.phone.setText(settings.get(settings.SUPERVISION_PHONE))
        self.code.setText(settings.get(settings.TOWNSHIP_CODE))
        self.error.hide()
        self.mark_clean()

    def accept(self) -> None:
        try:
            settings.save_township(
                self.township.text(), self.committee.text(), self.phone.text(), self.code.text(), loaded=self.loaded
            )
        except StaleRecordError as error:
            self.stale.refused(error)  # every field keeps what the clerk typed
            return
        except settings.SettingsError as error:
            self.error.setText("\n".join(error.lines))
            self.error.show()
            return
        super().accept()
