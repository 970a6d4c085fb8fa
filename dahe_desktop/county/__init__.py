"""The county and its townships: the township's own row, and the packages a township
sends up to the county offline (a file on a USB stick) and the county imports."""
