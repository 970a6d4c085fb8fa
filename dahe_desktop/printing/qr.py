"""The vCard QR code on the back of a name card: a household scans it with the phone
camera or WeChat and saves the member's number."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

# The generator polynomial depends only on the error-correction length, yet ReportLab
# rebuilds it for every block of every code: a third of the time of a card's QR code.
if not hasattr(qrencoder.QRUtil.getErrorCorrectPolynomial, "cache_info"):
    qrencoder.QRUtil.getErrorCorrectPolynomial = staticmethod(
        lru_cache(maxsize=64)(qrencoder.QRUtil.getErrorCorrectPolynomial)
    )


def vcard(name: str, phone: str, organisation: str = "") -> str:
    """A minimal vCard 3.0 (CRLF lines, as the standard asks); text escaped."""

    def esc(value: str) -> str:
        return (
            value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", " ")
        )

    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{esc(name)};;;;", f"FN:{esc(name)}"]
    if organisation:
        lines.append(f"ORG:{esc(organisation)}")
    if phone:
        lines.append(f"TEL;TYPE=CELL:{phone}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def qr_modules(data: str) -> list[list[bool]]:
    """The QR matrix (True = dark) for `data` as UTF-8 bytes, error correction M.

    Byte mode is forced: ReportLab would otherwise try Kanji mode (Shift-JIS) on
    Chinese text, which phones decode as Japanese. One fixed mask pattern instead of
    trying all eight: any mask is valid, and choosing costs 8x the time on 10,000 cards."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QR8bitByte(data.encode("utf-8")))
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    return code.modules


@lru_cache(maxsize=256)
def qr_image(data: str) -> ImageReader:
    """One pixel per module, no quiet zone (the card draws a white field around it)."""
    modules = qr_modules(data)
    n = len(modules)
    image = Image.new("1", (n, n), 1)
    image.putdata([0 if dark else 1 for row in modules for dark in row])
    return ImageReader(image.convert("L"))


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw the code's modules in a `size` square at (x, y); leave the quiet zone to the caller."""
    canvas.drawImage(qr_image(data), x, y, size, size)
