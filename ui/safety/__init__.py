"""Dialogs of the data-safety feature: backups and restores, the audit log, the clerk's name."""
