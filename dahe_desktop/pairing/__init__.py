"""结对帮扶 (seed §3.1, §3.7, §3.8): households, the members and helpers who serve them,
the yearly pairs, the planner that covers every household, coverage and printouts."""
