"""Peewee is imported without the PostgreSQL driver (slow to import, unused by a SQLite
file) and still gets it, as its own import would have set it, for a PostgreSQL store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import peewee
import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_opening_a_data_file_does_not_import_the_postgresql_driver(tmp_path):
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from db import open_database, close_database\n"
        f"open_database({str(tmp_path / 'dahe.sqlite3')!r}); close_database()\n"
        "print('psycopg' in sys.modules, 'peewee' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_a_postgresql_database_gets_the_driver_peewee_would_have_loaded():
    psycopg = pytest.importorskip("psycopg")
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    server = peewee.PostgresqlDatabase("dahe", host="127.0.0.1", prefer_psycopg3=True)  # not connected
    assert isinstance(server._adapter, peewee.Psycopg3Adapter)
    assert (server._adapter.json_type, server._adapter.jsonb_type) == (Json, Jsonb)
    assert peewee.psycopg is psycopg
    adapter = peewee.Psycopg3Adapter
    assert (adapter.txn_idle, adapter.txn_inerror, adapter.txn_unknown) == (
        TransactionStatus.IDLE, TransactionStatus.INERROR, TransactionStatus.UNKNOWN)  # fmt: skip
    assert server.index_value_literals  # peewee's own psycopg 3 path, not psycopg2's
