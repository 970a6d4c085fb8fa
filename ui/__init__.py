"""PySide6 widgets, table models and dialogs. Thin: every rule lives in `dahe_desktop`."""
