"""The 公开承诺 tab: commitments per member and year, their progress, and their printouts."""
