"""Peewee's schema migrator for the steps, imported without the PostgreSQL driver.

`playhouse.migrate` imports peewee's PostgreSQL extensions, which import psycopg (~200 ms)
for hstore support this program never uses; a new SQLite file runs every step, and its
first start would load the driver for nothing. A PostgreSQL store gets its driver when
its database is set up (`db.drivers`), so its steps run the same."""

from __future__ import annotations

import sys

if "playhouse.migrate" not in sys.modules and "psycopg" not in sys.modules:
    sys.modules["psycopg"] = None  # type: ignore[assignment]  # the extensions' `import psycopg` fails
    try:
        from playhouse.migrate import SchemaMigrator, migrate
    finally:
        del sys.modules["psycopg"]
else:
    from playhouse.migrate import SchemaMigrator, migrate

__all__ = ["SchemaMigrator", "migrate"]
