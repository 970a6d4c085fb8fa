"""Print dialogs for name cards: preview the real PDF, save it or print it."""
