"""The start-up password prompt: the right password opens, a wrong one waits."""

from PySide6.QtWidgets import QDialogButtonBox

from dahe_desktop.safety.password import set_password
from ui.safety.password_dialog import PasswordPrompt, SetPasswordDialog


def test_wrong_tries_lock_the_button_for_a_while_and_the_right_one_opens(db, qtbot):
    set_password("abcd")
    prompt = PasswordPrompt()
    qtbot.addWidget(prompt)
    ok = prompt.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for attempt in ("x", "y"):
        prompt.password.setText(attempt)
        prompt.try_password()
    assert "不正确" in prompt.message.text() and not ok.isEnabled()
    again = PasswordPrompt()  # the window started again: still waiting
    qtbot.addWidget(again)
    assert not again.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled() and "输错" in again.message.text()
    qtbot.waitUntil(ok.isEnabled, timeout=3000)
    prompt.password.setText("abcd")
    prompt.try_password()
    assert prompt.result() == PasswordPrompt.DialogCode.Accepted
    assert PasswordPrompt().buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # the count is cleared


def test_setting_a_password_asks_twice(db, qtbot):
    dialog = SetPasswordDialog()
    qtbot.addWidget(dialog)
    dialog.new.setText("abcd")
    dialog.again.setText("abce")
    dialog.save()
    assert "不一致" in dialog.message.text()
