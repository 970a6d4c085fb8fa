"""Printouts as PDF, without Qt: the engine shared by name cards, commitment cards and
postings.

- `fonts`: shipped and Windows faces, the per-character fallback chain, and the refusal
  (`MissingGlyphsError`) when a character has no glyph in any font.
- `text`: lay out / draw a string in a box (shrink to a floor, then CJK wrapping).
- `sheets`: cards imposed on sheets (10-up A4, crop marks, mirrored backs, duplex order).
- `compact`: compress each finished page at once (memory stays low on long runs).
- `qr`: vCard QR codes as 1-bit inline images.
- `name_cards`: the 党员名片 and `render_name_cards()`; `design`: its one stored design;
  `selection`: whom to print for and the print log; `jobs`: a whole print as the window
  and the CLI run it; `alignment`: the outline-only duplex test sheet.
"""

from reportlab import rl_config

# Binary (Flate-only) content streams: ASCII85 on top makes PDFs 25% larger and costs
# a fifth of the render time of 10,000 cards. ReportLab keeps this switch global.
rl_config.useA85 = 0
