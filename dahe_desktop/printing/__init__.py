"""Printouts as PDF, without Qt: the engine shared by name cards, commitment cards and
postings.

- `fonts`: shipped and Windows faces, the per-character fallback chain, and the refusal
  (`MissingGlyphsError`) when a character has no glyph in any font.
- `text`: lay out / draw a string in a box (shrink to a floor, then CJK wrapping).
- `sheets`: cards imposed on sheets (10-up A4, crop marks, mirrored backs, duplex order).
- `name_cards`: the 党员名片 content, design option and `render_name_cards()`.
"""

from reportlab import rl_config

# Binary (Flate-only) content streams: ASCII85 on top makes PDFs 25% larger and costs
# a fifth of the render time of 10,000 cards. ReportLab keeps this switch global.
rl_config.useA85 = 0
