"""Compress each page as soon as it is finished, so a 10,000-card PDF does not sit in
memory as uncompressed page content until `save()`.

ReportLab builds the whole document in memory and compresses page streams only when it
writes the file. `compact_last_page()` does that compression right after `showPage()`
for the page just closed, producing exactly the stream ReportLab would write
(FlateDecode), through its own `PDFStream`; the rest of the file is unchanged."""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream, PDFZCompress
from reportlab.pdfgen.canvas import Canvas

_FLATE = PDFArray([PDFName(PDFZCompress.pdfname)])


def compact_last_page(canvas: Canvas) -> None:
    """Replace the last page's text stream by its compressed stream (call after showPage)."""
    pages = canvas._doc.Pages.pages
    if not pages:
        return
    page = pages[-1]
    if getattr(page, "Contents", None) or not getattr(page, "stream", None):
        return
    stream = PDFStream(content=PDFZCompress.encode(page.stream))
    stream.dictionary["Filter"] = _FLATE
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None
