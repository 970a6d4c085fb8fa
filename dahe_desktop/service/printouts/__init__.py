"""Service-work papers on the print engine: a member's 社情民意手册, a branch's 督办 list,
回访 slips."""
