"""Peewee's schema migrator for the steps, imported without the PostgreSQL driver.

`playhouse.migrate` imports peewee's PostgreSQL extensions, which import psycopg (~200 ms)
for hstore support this program never uses; a new SQLite file runs every step, and its
first start would load the driver for nothing. A PostgreSQL store gets its driver when
its database is set up (`db.drivers`), so its steps run the same."""

from __future__ import annotations

from db.drivers import psycopg_held_back

with psycopg_held_back():
    from playhouse.migrate import SchemaMigrator, migrate

__all__ = ["SchemaMigrator", "migrate"]
