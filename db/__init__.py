"""Storage layer: Peewee models over one SQLite file, pragmas and migrations. No Qt here."""

from db import drivers  # noqa: F401  # first: peewee without psycopg (it is slow to import)
from db.bulk import bulk_insert
from db.connection import close_database, data_folder, database, open_database, writing

__all__ = ["bulk_insert", "close_database", "data_folder", "database", "open_database", "writing"]
