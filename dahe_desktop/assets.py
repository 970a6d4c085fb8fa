"""Files that travel with the data file (the card logo): copied into an `assets` folder
beside it when the clerk picks them, so a moved or deleted original, another PC or a USB
stick in portable mode do not lose them. The settings store the copy's name."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from dahe_desktop.errors import UserError
from db import data_folder

ASSETS_FOLDER = "assets"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp")
MAX_IMAGE_BYTES = 10 * 1024 * 1024


class AssetError(UserError):
    """A file could not be taken into the data folder; `lines` says why and what to do."""


def copy_logo(source: str | Path) -> str:
    """Copy an image into the data folder and return its stored name (e.g.
    `assets/logo-1a2b3c4d5e6f.png`), the same name for the same picture."""
    source = Path(source)
    if source.suffix.lower() not in IMAGE_SUFFIXES:
        raise AssetError(f"标志图片应为 PNG、JPG 或 BMP 文件：{source.name}")
    try:
        content = source.read_bytes()
    except OSError as error:
        raise AssetError(f"无法读取标志图片：{source}（{error.strerror or error}）") from None
    if not content:
        raise AssetError(f"标志图片是空文件：{source.name}")
    if len(content) > MAX_IMAGE_BYTES:
        raise AssetError(f"标志图片过大（{len(content) // 1024 // 1024} MB），请换一张 10 MB 以内的图片")
    name = f"{ASSETS_FOLDER}/logo-{hashlib.sha256(content).hexdigest()[:12]}{source.suffix.lower()}"
    target = data_folder() / name
    if not target.exists():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(target.suffix + ".part")
            partial.write_bytes(content)
            shutil.move(partial, target)  # never a half-written logo under the real name
        except OSError as error:
            raise AssetError(f"无法把标志图片复制到数据文件夹：{target.parent}（{error.strerror or error}）") from None
    return name


def asset_path(name: str) -> Path | None:
    """Where a stored name (or a path saved by an older version) is on disk; None for
    no name or a file that is gone."""
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute():
        path = data_folder() / path
    return path if path.is_file() else None
