"""The 结对帮扶 tab: households, their members, the planner's change list, coverage."""
