"""Moved to `ui.common.widgets`; this name stays only until the name-card design dialog
imports it from there."""

from ui.common.widgets import ERROR_COLOR, dialog_buttons, error_label

__all__ = ["ERROR_COLOR", "dialog_buttons", "error_label"]
