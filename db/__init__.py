"""Storage layer: Peewee models over one SQLite file or a PostgreSQL server, pragmas and
migrations. No Qt here."""

from db import drivers  # noqa: F401  # first: peewee without psycopg (it is slow to import)
from db.bulk import bulk_insert, continue_ids
from db.connection import (
    bind_database,
    close_database,
    data_folder,
    database,
    open_database,
    writing,
)

__all__ = ["bind_database", "bulk_insert", "close_database", "continue_ids", "data_folder", "database",
           "open_database", "writing"]
