"""Draw the program's icon (resources/icons/app.png and app.ico) from the shipped font.

    python packaging/make_icon.py

A red rounded square with 大河 in white: plain, readable at 16 px, no outside artwork.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SIZE = 256


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=44, fill=(200, 16, 46, 255))
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"), 104, index=0)
    pen.text((SIZE / 2, SIZE / 2 + 4), "大河", font=font, fill=(255, 236, 160, 255), anchor="mm")
    return image


def main() -> None:
    folder = ROOT / "resources" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(folder / "app.png")
    image.save(folder / "app.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
