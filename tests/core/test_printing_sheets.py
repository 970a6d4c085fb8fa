"""Imposition: 10-up A4 inside the printable area, crop marks outside the cards, backs
mirrored so that with long-edge duplex each back falls behind its front."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm

from dahe_desktop.namecards.layout import NAME_CARD_SHEET
from dahe_desktop.printing.sheets import (
    BACK,
    FRONT,
    PRINTABLE_MARGIN,
    SheetLayout,
    plan_pages,
)  # fmt: skip

EPS = 1e-6


def inside(box, area) -> bool:
    return (box.x >= area.x - EPS and box.y >= area.y - EPS
            and box.right <= area.right + EPS and box.top <= area.top + EPS)  # fmt: skip


def test_ten_cards_of_90_by_54_mm_centred_on_a4_inside_the_printable_area():
    sheet = NAME_CARD_SHEET
    assert sheet.per_sheet == 10
    area = sheet.printable_area()
    assert area.x == PRINTABLE_MARGIN
    for side in (FRONT, BACK):
        boxes = [sheet.slot(i, side) for i in range(10)]
        for box in boxes:
            assert box.width == pytest.approx(90 * mm) and box.height == pytest.approx(54 * mm)
            assert inside(box, area)
        # Cards butt without overlapping (one cut between neighbours).
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                overlap_w = min(a.right, b.right) - max(a.x, b.x)
                overlap_h = min(a.top, b.top) - max(a.y, b.y)
                assert overlap_w <= EPS or overlap_h <= EPS
    block = sheet.block
    assert block.x == pytest.approx((210 * mm - 180 * mm) / 2)
    assert block.y == pytest.approx((297 * mm - 270 * mm) / 2)


def test_crop_marks_are_inside_the_printable_area_and_outside_every_card():
    sheet = NAME_CARD_SHEET
    area = sheet.printable_area()
    cards = [sheet.slot(i) for i in range(10)]
    lines = sheet.crop_mark_lines(FRONT)
    assert len(lines) == 2 * 3 + 2 * 6
    for x1, y1, x2, y2 in lines:
        for x, y in ((x1, y1), (x2, y2)):
            assert area.x <= x <= area.right and area.y <= y <= area.top
        for card in cards:  # no mark enters a card
            assert (max(x1, x2) <= card.x + EPS or min(x1, x2) >= card.right - EPS
                    or max(y1, y2) <= card.y + EPS or min(y1, y2) >= card.top - EPS)  # fmt: skip
    # Every cut line has a mark on its extension.
    xs = {round(x1, 3) for x1, _, x2, _ in lines if x1 == x2}
    assert xs == {round(sheet.block.x + c * 90 * mm, 3) for c in range(3)}


def test_each_back_falls_behind_its_front_when_flipped_on_the_long_edge():
    sheet = NAME_CARD_SHEET
    page_width = sheet.page[0]
    for i in range(10):
        front, back = sheet.slot(i, FRONT), sheet.slot(i, BACK)
        # Flipping about the vertical axis maps x to page_width - x; rows stay.
        assert back.x == pytest.approx(page_width - front.right)
        assert back.y == pytest.approx(front.y)
    shifted = SheetLayout(back_shift=(1 * mm, -0.5 * mm))
    assert shifted.slot(0, BACK).x == pytest.approx(sheet.slot(0, BACK).x + 1 * mm)


def test_duplex_alternates_fronts_and_backs_with_the_same_cards():
    pages = list(plan_pages(23, NAME_CARD_SHEET, duplex=True))
    assert [p.side for p in pages] == [FRONT, BACK] * 3
    for front, back in zip(pages[::2], pages[1::2], strict=True):
        assert [p.item_index for p in front.placements] == [p.item_index for p in back.placements]
        for f, b in zip(front.placements, back.placements, strict=True):
            assert b.box.x == pytest.approx(NAME_CARD_SHEET.page[0] - f.box.right)


def test_without_duplex_all_fronts_come_first_and_front_only_has_no_backs():
    pages = list(plan_pages(23, NAME_CARD_SHEET, duplex=False))
    assert [p.side for p in pages] == [FRONT] * 3 + [BACK] * 3
    assert [p.side for p in plan_pages(23, NAME_CARD_SHEET, backs=False)] == [FRONT] * 3


def test_start_position_on_a_partly_used_sheet():
    pages = list(plan_pages(3, NAME_CARD_SHEET, start=9, backs=False))
    assert len(pages) == 2
    assert pages[0].placements[0].box == NAME_CARD_SHEET.slot(8)
    assert pages[1].placements[0].box == NAME_CARD_SHEET.slot(0)


def test_one_card_per_page_is_not_mirrored():
    one = SheetLayout(page=(90 * mm, 54 * mm), columns=1, rows=1, crop_marks=False)
    pages = list(plan_pages(2, one, duplex=True, mirror=False))
    assert len(pages) == 4 and all(p.placements[0].box.x == 0 for p in pages)
