"""The dashboard's printout: the year's summary report as an official paper (PDF)."""
