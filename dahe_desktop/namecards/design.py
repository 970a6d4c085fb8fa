"""The township's one name-card design (seed §3.8: one design for the whole township),
set once in the settings dialog and stored in the database as one option."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields

from dahe_desktop import settings
from dahe_desktop.printing.fonts import DEFAULT_FACE

SLOGAN = "我是共产党员，有困难请找我"


@dataclass
class CardDesign:
    """Titles, colours, font and logo of the name card. Empty `heading` means the
    township's name from the settings."""

    heading: str = ""
    slogan: str = SLOGAN
    services_title: str = "服务事项"
    promise_title: str = "服务承诺"
    primary_color: str = "#C8161D"  # Party red: band and back
    accent_color: str = "#FBD685"  # gold on red
    text_color: str = "#000000"  # pure black: one toner, crisp small text
    font: str = DEFAULT_FACE  # a face key from fonts.available_faces()
    logo_path: str = ""  # an image the clerk supplies (e.g. the Party emblem)
    show_qr: bool = True  # a QR code (name and phone) on the back of cards with a phone
    cmyk: bool = False  # colours as CMYK (print shop); text black is then K only

    @classmethod
    def from_dict(cls, values: dict) -> CardDesign:
        """Stored values over the defaults; unknown keys (older/newer versions) are ignored."""
        known = {f.name for f in fields(cls)}
        design = cls(**{k: v for k, v in (values or {}).items() if k in known})
        for name in ("primary_color", "accent_color", "text_color"):
            if not is_color(getattr(design, name)):
                setattr(design, name, getattr(cls, name))
        return design

    def to_dict(self) -> dict:
        return asdict(self)


CARD_DESIGN = settings.register(settings.Option("card.design", "名片样式", CardDesign().to_dict()))


def is_color(value: str) -> bool:
    return isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value) is not None


def rgb(value: str) -> tuple[float, float, float]:
    """'#RRGGBB' as ReportLab's 0..1 floats."""
    return tuple(int(value[i : i + 2], 16) / 255.0 for i in (1, 3, 5))  # type: ignore[return-value]


def cmyk(value: str) -> tuple[float, float, float, float]:
    """'#RRGGBB' as process colour (the usual naive separation; black is K only, so
    small black text prints with one toner or plate and stays sharp)."""
    r, g, b = rgb(value)
    k = 1 - max(r, g, b)
    if k >= 1 - 1e-9:
        return (0.0, 0.0, 0.0, 1.0)
    return tuple(round(v, 4) for v in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k))  # type: ignore[return-value]


def colour(value: str, process: bool) -> tuple[float, ...]:
    return cmyk(value) if process else rgb(value)


def load_design() -> CardDesign:
    return CardDesign.from_dict(settings.get(CARD_DESIGN))


def save_design(design: CardDesign) -> None:
    settings.put(CARD_DESIGN, design.to_dict())
