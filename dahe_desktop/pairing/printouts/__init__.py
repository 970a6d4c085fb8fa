"""结对帮扶 printouts: 结链 letters, contact cards and the branch's pairing list."""
