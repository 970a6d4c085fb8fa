"""Storage layer: Peewee models over one SQLite file, pragmas and migrations. No Qt here."""

from db.connection import close_database, database, open_database

__all__ = ["close_database", "database", "open_database"]
