"""Exporting households to `.xlsx` with the import's headers, so a file can go out and
back; with a year, each household's member for that year in an extra column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from peewee import JOIN

from dahe_desktop import settings
from dahe_desktop.audit.viewing import households_exported
from dahe_desktop.exporting.cells import FORMULA_START, plain, text_cell
from dahe_desktop.pairing import labels
from dahe_desktop.safety.outputs import safe_output
from db.models import Branch, Household, Member, Pairing, PairingHelper

FIELDS = ("head", "village", "settlement", "people", "phone", "kind", "away_member", "notes")
WIDTHS = {"head": 12, "village": 14, "settlement": 12, "people": 10, "phone": 14, "kind": 12,
          "away_member": 12, "notes": 24}  # fmt: skip


def export_households(path: str | Path, *, branch_id: int | None = None, year: int | None = None) -> int:
    """Write the active households (one branch or all); returns the row count."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    away = Member.alias()
    query = (
        Household.select(Household.id, Household.head, Branch.village, Branch.name, Household.settlement,
                         Household.people, Household.phone, Household.kind, away.name, Household.notes)  # fmt: skip
        .join(Branch)
        .switch(Household)
        .join(away, JOIN.LEFT_OUTER, on=(Household.away_member == away.id))
        .where(Household.status == labels.HOUSEHOLD_ACTIVE)
        .order_by(Branch.sort_order, Branch.id, Household.settlement, Household.id)
    )
    if branch_id is not None:
        query = query.where(Household.branch == branch_id)
    rows = list(query.tuples())
    partner: dict[int, str] = {}
    if year is not None:
        q = (
            Pairing.select(Pairing.household, Member.name, PairingHelper.name)
            .join(Member, JOIN.LEFT_OUTER, on=(Pairing.member == Member.id))
            .switch(Pairing)
            .join(PairingHelper, JOIN.LEFT_OUTER, on=(Pairing.helper == PairingHelper.id))
            .where((Pairing.year == year) & (Pairing.status == labels.PAIRING_ACTIVE))
        )
        partner = {hid: m or h or "" for hid, m, h in q.tuples()}
    book = Workbook(write_only=True)
    sheet = book.create_sheet("农牧户")
    headers = ["序号", *(labels.HOUSEHOLD_FIELDS[f] for f in FIELDS)]
    if year is not None:
        headers.append(f"{year}年联系人")
    for index, width in enumerate([6, *(WIDTHS[f] for f in FIELDS), 14]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A3"
    title = WriteOnlyCell(sheet, value=f"{settings.get(settings.TOWNSHIP_NAME)}农牧户花名册"
                                       f"（{dt.date.today():%Y年%m月%d日}导出，共{len(rows)}户）")  # fmt: skip
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    centre = Alignment(horizontal="center", vertical="center")
    cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill, cell.alignment = bold, fill, centre
        cells.append(cell)
    sheet.append(cells)
    for serial, (hid, head, village, branch, settlement, people, phone, kind, away_name, notes) in enumerate(rows, 1):
        phone_cell = WriteOnlyCell(sheet, value=phone or None)
        phone_cell.number_format = "@"
        line = [serial, head, village or branch, settlement or None, people, phone_cell, kind, away_name, notes or None]
        if year is not None:
            line.append(partner.get(hid))
        sheet.append([text_cell(sheet, v) if isinstance(v, str) and v.startswith(FORMULA_START) else plain(v) for v in line])
    with safe_output(path) as temp:  # a kill or a full disk leaves the old file
        book.save(str(temp))
        # The file holds every household's kind and notes: who took them out is logged.
        households_exported([(r[0], r[7], r[9]) for r in rows])
    return len(rows)
