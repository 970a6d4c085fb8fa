"""The 基本情况 statistics panel (seed section 2)."""
