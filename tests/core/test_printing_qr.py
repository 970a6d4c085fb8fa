"""Our QR encoder against an independent decoder (zxing-cpp), for every size of code a
name card can need, and the vCard a phone saves."""

from __future__ import annotations

import pytest

from dahe_desktop.printing.qr import qr_matrix, qr_operators, vcard

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")


def decode(matrix: list[list[bool]]) -> list[str]:
    n, quiet, scale = len(matrix), 4, 4
    size = n + 2 * quiet
    image = Image.new("L", (size, size), 255)
    image.putdata([0 if quiet <= r < n + quiet and quiet <= c < n + quiet and matrix[r - quiet][c - quiet] else 255
                   for r in range(size) for c in range(size)])  # fmt: skip
    image = image.resize((size * scale, size * scale), Image.NEAREST)
    return [b.text for b in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("length", [1, 14, 30, 50, 80, 120, 200, 330])
def test_codes_of_every_version_a_card_needs_decode(length):
    text = ("卓玛才让Zhuoma 139-1234-5678；" * 40)[:length]
    matrix = qr_matrix(text)
    assert len(matrix) >= 21 and len(matrix) % 4 == 1
    assert decode(matrix) == [text]


def test_vcard_holds_name_phone_and_branch():
    card = vcard("马,福;祥", "13912345678", "大河乡红星村党支部")
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:马\\,福\\;祥\r\n" in card and "TEL;TYPE=CELL:13912345678\r\n" in card
    assert "ORG:大河乡红星村党支部\r\n" in card
    assert decode(qr_matrix(card)) == [card]


def test_drawn_as_a_one_bit_inline_image():
    ops = qr_operators(vcard("王芳", "13900000000"), 10, 20, 50)
    assert ops.startswith("q 50.000 0 0 50.000 10.000 20.000 cm BI ") and ops.endswith("> EI Q")
    n = len(qr_matrix(vcard("王芳", "13900000000")))
    assert f"/W {n} /H {n} /BPC 1" in ops
