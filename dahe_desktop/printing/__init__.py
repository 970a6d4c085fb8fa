"""The print engine, without Qt, the store or settings: features hand it plain values.

- `fonts`: shipped and Windows faces, the per-character fallback chain, and the refusal
  (`MissingGlyphsError`) when a character has no glyph in any font.
- `text`: lay out / draw a string in a box (shrink to a floor, then CJK wrapping).
- `document`: `PrintResult` (the one result type), `open_document` (a PDF, recorded for
  the window on request), `Drawer` (text in boxes, rules, a geometry log), table columns.
- `recording`: the one recorded drawing format; the window previews and prints it.
- `cards`: the streaming, cancellable card run every card printout uses; `sheets`: cards
  imposed on sheets (10-up A4, crop marks, mirrored backs, duplex order); `alignment`:
  the outline-only duplex test sheet; `qr`: QR codes as 1-bit inline images.
- `posting`: the facts every posting states (issuer, period, date, supervision phone).
- `official`: GB/T 9704 papers on A4 (margins, the 22 x 28 grid, title, headings, flowing
  tables, page numbers, the issuer over the date): every posting, letter and report.
- `compact`: compress each finished page at once (memory stays low on long runs).

A new printout is a painter in its feature's `printouts/` over these, plus a small
subclass of `ui.printing.dialog.PrintDialog`.
"""

from reportlab import rl_config

# Binary (Flate-only) content streams: ASCII85 on top makes PDFs 25% larger and costs
# a fifth of the render time of 10,000 cards. ReportLab keeps this switch global.
rl_config.useA85 = 0
