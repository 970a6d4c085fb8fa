"""Who changed what: reading the audit log with filters, exporting it, the clerk's name."""
