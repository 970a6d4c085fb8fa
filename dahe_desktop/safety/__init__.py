"""Keeping the clerk's only copy of the township's records safe: backups and restores,
one writer per data folder, outputs that never overwrite the data, opening a file with
checks. Both front ends (the window and the command line) use the same functions."""
