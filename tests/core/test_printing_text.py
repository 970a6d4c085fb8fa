"""Text in a box: shrink to the floor, then wrap with CJK rules, and never overflow."""

from __future__ import annotations

import pytest

from dahe_desktop.printing import fonts
from dahe_desktop.printing.text import NO_LINE_START, Box, TextStyle, layout_text


@pytest.fixture(scope="module")
def chain():
    return fonts.font_chain()


def inside(layout, box: Box) -> bool:
    eps = 1e-6
    return all(
        b.x >= box.x - eps
        and b.right <= box.right + eps
        and b.y >= box.y - eps
        and b.top <= box.top + eps
        for b in layout.ink_boxes()
    )


def test_short_text_keeps_its_size_and_is_centred(chain):
    box = Box(10, 10, 200, 30)
    layout = layout_text("王芳", box, TextStyle(size=20, min_size=10, align="center"), chain)
    assert layout.size == 20 and len(layout.lines) == 1
    line = layout.lines[0]
    assert line.x - box.x == pytest.approx(box.right - (line.x + line.width))
    assert inside(layout, box)


def test_long_name_shrinks_before_it_wraps(chain):
    box = Box(0, 0, 150, 30)
    name = "阿卜杜热合曼·买买提依明"  # 12 characters
    layout = layout_text(name, box, TextStyle(size=22, min_size=9), chain)
    assert len(layout.lines) == 1 and 9 <= layout.size < 22
    assert inside(layout, box) and not layout.clipped


def test_text_too_long_for_one_line_wraps_at_the_floor_size_or_above(chain):
    box = Box(0, 0, 120, 60)
    services = "政策宣传、矛盾纠纷调解、农牧业技术指导、代办证照、就业信息服务、环境卫生监督"
    layout = layout_text(services, box, TextStyle(size=10, min_size=7), chain)
    assert len(layout.lines) > 1 and layout.size >= 7 and not layout.clipped
    assert inside(layout, box)
    assert "".join(line.text for line in layout.lines) == services


def test_no_line_starts_with_closing_punctuation(chain):
    text = "有困难，请找我。我们一起想办法，解决问题！" * 3
    for width in range(40, 200, 7):
        layout = layout_text(text, Box(0, 0, width, 400), TextStyle(size=10, min_size=10), chain)
        assert all(line.text[0] not in NO_LINE_START for line in layout.lines)
        assert inside(layout, Box(0, 0, width, 400))


def test_numbers_are_not_split_across_lines(chain):
    layout = layout_text(
        "联系电话13800138000", Box(0, 0, 70, 100), TextStyle(size=10, min_size=10), chain
    )
    assert "13800138000" in [line.text for line in layout.lines]


def test_what_cannot_fit_at_the_floor_is_cut_with_an_ellipsis(chain):
    box = Box(0, 0, 60, 25)
    layout = layout_text("很长的服务承诺" * 20, box, TextStyle(size=10, min_size=8), chain)
    assert layout.clipped and layout.lines[-1].text.endswith("…")
    assert inside(layout, box)


def test_explicit_lines_are_kept(chain):
    layout = layout_text("政策宣传\n技术指导\n", Box(0, 0, 200, 100), TextStyle(size=10), chain)
    assert [line.text for line in layout.lines] == ["政策宣传", "技术指导"]


def test_no_lone_character_on_the_last_line(chain):
    text = "有困难请找我，随叫随到，热情服务，办结回复。"
    width = chain.text_width(text[:-2]) * 10 + 1  # all but "复。" fits on the first line
    layout = layout_text(text, Box(0, 0, width, 100), TextStyle(size=10), chain)
    assert [line.text for line in layout.lines] == [text[:-3], "回复。"]
