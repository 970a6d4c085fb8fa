"""名片样式: the township's one name-card design (titles, colours, font, logo, QR)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from dahe_desktop import settings
from dahe_desktop.assets import AssetError, copy_logo
from dahe_desktop.namecards.design import CardDesign, load_design, save_design
from dahe_desktop.printing import fonts
from ui.common.widgets import dialog_buttons, error_label


class ColorButton(QPushButton):
    """A button showing a colour; clicking it opens the colour picker."""

    def __init__(self, color: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumWidth(110)
        self.set_color(color)
        self.clicked.connect(self._pick)

    def set_color(self, color: str) -> None:
        self.color = color.upper()
        text = "#FFFFFF" if QColor(color).lightness() < 140 else "#000000"
        self.setText(self.color)
        self.setStyleSheet(f"background: {self.color}; color: {text};")

    def _pick(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self, "选择颜色")
        if chosen.isValid():
            self.set_color(chosen.name())


class CardDesignDialog(QDialog):
    """Edit and store the card design (one option in the database)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("名片样式")
        self.setMinimumWidth(600)
        design = load_design()
        township = settings.get(settings.TOWNSHIP_NAME)
        self.heading = QLineEdit(design.heading, placeholderText=f"留空则用乡镇名称：{township}")
        self.slogan = QLineEdit(design.slogan)
        self.services_title = QLineEdit(design.services_title)
        self.promise_title = QLineEdit(design.promise_title)
        self.primary = ColorButton(design.primary_color)
        self.accent = ColorButton(design.accent_color)
        self.text = ColorButton(design.text_color)
        self.font = QComboBox()
        for face in fonts.available_faces():
            if face.key != "droid-fallback":  # a fallback face, not a design choice
                self.font.addItem(face.label, face.key)
        index = self.font.findData(design.font)
        if index < 0:  # chosen on another PC: keep it, but say it is missing here
            self.font.addItem(f"{design.font}（本机未安装，使用随程序字体）", design.font)
            index = self.font.count() - 1
        self.font.setCurrentIndex(index)
        self.logo = QLineEdit(design.logo_path, placeholderText="可选：党徽等标志图片（PNG/JPG）")
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse_logo)
        clear = QPushButton("清除")
        clear.clicked.connect(self.logo.clear)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        logo_row.addWidget(clear)
        self.show_qr = QCheckBox("背面印二维码（手机扫码保存姓名、电话、支部）")
        self.show_qr.setChecked(design.show_qr)

        form = QFormLayout()
        form.addRow("正面抬头", self.heading)
        form.addRow("背面标语", self.slogan)
        form.addRow("“服务事项”标题", self.services_title)
        form.addRow("“服务承诺”标题", self.promise_title)
        form.addRow("主色（红色条、背面底色）", self.primary)
        form.addRow("点缀色（背面标语）", self.accent)
        form.addRow("文字颜色", self.text)
        form.addRow("字体", self.font)
        form.addRow("标志图片", logo_row)
        self.logo_error = error_label()
        form.addRow("", self.logo_error)
        form.addRow("", self.show_qr)
        self.cmyk = QCheckBox("交印刷厂印：颜色用四色（CMYK），黑字只用K")
        self.cmyk.setChecked(design.cmyk)
        form.addRow("", self.cmyk)
        hint = QLabel(
            "全乡统一一种样式。乡镇名称和监督电话在“文件→乡镇设置”中填写；字库里没有的字由随程序的补字字体印出。"
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        buttons = dialog_buttons(self)
        restore = buttons.addButton("恢复默认", QDialogButtonBox.ButtonRole.ResetRole)
        restore.clicked.connect(lambda: self.show_design(CardDesign()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def show_design(self, design: CardDesign) -> None:
        self.heading.setText(design.heading)
        self.slogan.setText(design.slogan)
        self.services_title.setText(design.services_title)
        self.promise_title.setText(design.promise_title)
        self.primary.set_color(design.primary_color)
        self.accent.set_color(design.accent_color)
        self.text.set_color(design.text_color)
        self.font.setCurrentIndex(max(0, self.font.findData(design.font)))
        self.logo.setText(design.logo_path)
        self.show_qr.setChecked(design.show_qr)
        self.cmyk.setChecked(design.cmyk)

    def design(self) -> CardDesign:
        default = CardDesign()
        return CardDesign(
            heading=self.heading.text().strip(),
            slogan=self.slogan.text().strip() or default.slogan,
            services_title=self.services_title.text().strip() or default.services_title,
            promise_title=self.promise_title.text().strip() or default.promise_title,
            primary_color=self.primary.color,
            accent_color=self.accent.color,
            text_color=self.text.color,
            font=self.font.currentData() or default.font,
            logo_path=self.logo.text().strip(),
            show_qr=self.show_qr.isChecked(),
            cmyk=self.cmyk.isChecked(),
        )

    def _browse_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择标志图片", self.logo.text(), "图片 (*.png *.jpg *.jpeg *.bmp)"
        )
        if not path:
            return
        try:
            self.logo.setText(copy_logo(path))  # a copy in the data folder travels with the data
        except AssetError as error:
            self.logo_error.setText("\n".join(error.lines))
            self.logo_error.show()
            return
        self.logo_error.hide()

    def accept(self) -> None:
        save_design(self.design())
        super().accept()
