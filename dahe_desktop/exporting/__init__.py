"""Exporting roster data to spreadsheets (.xlsx)."""

from dahe_desktop.exporting.roster import export_roster, roster_member_ids

__all__ = ["export_roster", "roster_member_ids"]
