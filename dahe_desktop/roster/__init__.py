"""The roster (花名册): members, branches, validation and search."""
