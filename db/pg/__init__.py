"""PostgreSQL-only parts of the store (the county's server): accounts and row-level
security. Nothing here runs on a township's SQLite file."""
