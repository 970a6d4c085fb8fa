"""Pieces every tab and dialog shares: the change bridge, the Tab base, RowsModel,
dialog widgets and the per-PC settings."""
