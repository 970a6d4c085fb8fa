"""The township's package for the county, and the county importing one."""
