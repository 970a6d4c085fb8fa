"""The logo is copied into the data folder and found there again by its stored name."""

import pytest

from dahe_desktop.assets import AssetError, asset_path, copy_logo

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64  # content only matters for the copy


def test_a_chosen_logo_is_copied_beside_the_data_file(db, tmp_path):
    picked = tmp_path / "elsewhere" / "党徽.PNG"
    picked.parent.mkdir()
    picked.write_bytes(PNG)
    name = copy_logo(picked)
    assert name.startswith("assets/logo-") and name.endswith(".png")
    picked.unlink()  # the original may go: the copy stays with the data
    stored = asset_path(name)
    assert stored is not None and stored.read_bytes() == PNG
    assert stored.parent.parent == tmp_path  # beside test.sqlite3
    again = tmp_path / "again.png"
    again.write_bytes(PNG)
    assert copy_logo(again) == name  # the same picture is stored once


def test_a_logo_that_cannot_be_used_is_refused_with_a_line_for_the_clerk(db, tmp_path):
    with pytest.raises(AssetError, match="PNG、JPG"):
        copy_logo(tmp_path / "logo.gif")
    with pytest.raises(AssetError, match="无法读取"):
        copy_logo(tmp_path / "missing.png")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(AssetError, match="空文件"):
        copy_logo(empty)


def test_older_absolute_paths_and_missing_files(db, tmp_path):
    old = tmp_path / "old.png"
    old.write_bytes(PNG)
    assert asset_path(str(old)) == old
    assert asset_path("") is None
    assert asset_path("assets/logo-gone.png") is None
