"""Our QR encoder against an independent decoder (zxing-cpp), for every size of code a
name card can need, and the vCard a phone saves."""

from __future__ import annotations

import pytest

from dahe_desktop.printing.qr import QUIET_ZONE, mecard, module_count, qr_matrix, qr_operators

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


def test_mecard_holds_name_and_phone_escaped():
    card = mecard("马,福;祥", "13912345678")
    assert card == "MECARD:N:马\\,福\\;祥;TEL:13912345678;;"
    assert decode(qr_matrix(card)) == [card]


def test_a_twelve_character_name_keeps_modules_of_half_a_millimetre_on_a_card():
    from reportlab.lib.units import mm

    n = module_count(mecard("阿卜杜热合曼买买提依明江", "18942885836"))
    assert 24 * mm / (n + 2 * QUIET_ZONE) >= 0.5 * mm  # the card's 24 mm white square


def test_drawn_as_a_one_bit_inline_image():
    ops = qr_operators(mecard("王芳", "13900000000"), 10, 20, 50)
    assert ops.startswith("q 50.000 0 0 50.000 10.000 20.000 cm BI ") and ops.endswith("> EI Q")
    n = len(qr_matrix(mecard("王芳", "13900000000")))
    assert f"/W {n} /H {n} /BPC 1" in ops
