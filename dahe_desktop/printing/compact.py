"""Compress each page as soon as it is finished, so a 10,000-card PDF does not sit in
memory as uncompressed page content until `save()`; and pages placing the same forms
share one resource dictionary naming them.

ReportLab builds the whole document in memory and compresses page streams only when it
writes the file. `compact_last_page()` does that compression right after `showPage()`
for the page just closed, producing exactly the stream ReportLab would write
(FlateDecode), through its own `PDFStream`; the rest of the file is unchanged."""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFPage, PDFStream, PDFZCompress
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


class CompactCanvas(Canvas):
    """The canvas every printout draws on (`document.open_document`): each page is
    compressed as soon as it is finished (ReportLab would hold some 9 KB a page of
    commitment cards as text until `save`: 45 MB for a township's 5,000 pages), and
    pages placing the same forms (every sheet of cards) share one resource dictionary
    naming them, written once instead of once per page."""

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        super().showPage()
        compact_last_page(self)

    def _setXObjects(self, thing) -> None:  # noqa: N802 - ReportLab's name
        forms = self._formsinuse
        if not forms or not isinstance(thing, PDFPage):
            super()._setXObjects(thing)
            return
        shared = self.__dict__.setdefault("_dahe_xobjects", {})
        key = tuple(forms)
        if key not in shared:
            shared[key] = self._doc.Reference(self._doc.xobjDict(forms))
        thing.XObjects = shared[key]
