"""The demo township gives the same figures, orders and printed text on PostgreSQL as in
an SQLite file: one demo load on each, everything the clerk reads compared."""

from __future__ import annotations

import dataclasses
import datetime as dt

import peewee
import pytest
from pypdf import PdfReader

from dahe_desktop.commitments.postings import current_cards
from dahe_desktop.commitments.printouts.card import render_cards
from dahe_desktop.dashboard.figures import compute_dashboard
from dahe_desktop.dashboard.paragraphs import report_paragraphs
from dahe_desktop.demo import DEMO_REFERENCE_DATE, build_demo
from dahe_desktop.pairing.printouts.job import print_pairing_list
from dahe_desktop.posts.status import coverage, township_overview
from dahe_desktop.printing.posting import PostingInfo
from dahe_desktop.roster.query import (
    COLUMNS,
    RosterFilter,
    SortOrder,
    ethnicities,
    fetch_display_rows,
    load_index,
)
from dahe_desktop.stats import compute_basic_stats
from db import close_database, open_database
from db.connection import bind_database

YEAR = DEMO_REFERENCE_DATE.year
INFO = PostingInfo("中共大河乡委员会", "0974-8591234", dt.date(YEAR, 3, 1), dt.date(YEAR, 3, 1), dt.date(YEAR, 3, 7))


def _plain(value):
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


def _what_the_clerk_reads(folder) -> dict:
    result = build_demo()
    village = result.branch_ids["大河村党支部"]
    orders = {}
    for column in range(len(COLUMNS)):
        for descending in (False, True):
            orders[(COLUMNS[column].key, descending)] = load_index(RosterFilter(status=None), SortOrder(column, descending)).ids
    everyone = load_index(RosterFilter(status=None)).ids
    out = folder / "pairing-list.pdf"
    print_pairing_list(YEAR, village, out, INFO)
    cards = folder / "commitment-cards.pdf"  # dates come from each driver in its own type
    render_cards(current_cards(YEAR, village), cards, INFO)
    dashboard = compute_dashboard(YEAR, today=DEMO_REFERENCE_DATE)
    return {
        "stats": _plain(compute_basic_stats(DEMO_REFERENCE_DATE)),
        "dashboard": _plain(dashboard),
        "paragraphs": report_paragraphs(dashboard, "大河乡"),
        "orders": orders,
        "rows": fetch_display_rows(everyone, today=DEMO_REFERENCE_DATE),
        "ethnicities": ethnicities(),
        "posts": [_plain(s) for s in township_overview(YEAR)],
        "post coverage": _plain(coverage(village, YEAR)),
        "pairing list": [page.extract_text() for page in PdfReader(str(out)).pages],
        "commitment cards": [page.extract_text() for page in PdfReader(str(cards)).pages],
    }


def test_the_demo_reads_the_same_on_postgresql_and_sqlite(db, tmp_path):
    if not isinstance(db, peewee.PostgresqlDatabase):
        pytest.skip("needs a PostgreSQL server (DAHE_TEST_PG)")
    (tmp_path / "pg").mkdir()
    on_server = _what_the_clerk_reads(tmp_path / "pg")
    sqlite_folder = tmp_path / "sqlite"
    sqlite_folder.mkdir()
    open_database(sqlite_folder / "dahe.sqlite3")
    try:
        in_file = _what_the_clerk_reads(sqlite_folder)
    finally:
        close_database()
        bind_database(db, folder=tmp_path, migrate=False)  # the fixture empties the server's
    for key in in_file:
        assert on_server[key] == in_file[key], key
