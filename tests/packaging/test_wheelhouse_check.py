"""The wheelhouse check judges dependencies by the target's markers, not this machine's."""

import zipfile

from tests.packaging.helpers import load

check = load("wheelhouse_check")


def wheel(folder, filename, requires=()):
    name, version = filename.split("-")[:2]
    with zipfile.ZipFile(folder / filename, "w") as archive:
        lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
        lines += [f"Requires-Dist: {r}" for r in requires]
        archive.writestr(f"{name}-{version}.dist-info/METADATA", "\n".join(lines) + "\n")


def test_a_dependency_only_windows_or_only_311_needs_is_asked_for_there_only(tmp_path):
    wheel(tmp_path, "keyring-25.7.0-py3-none-any.whl", [
        'pywin32-ctypes>=0.2.0; sys_platform == "win32"',
        'SecretStorage>=3.2; sys_platform == "linux"',
        'importlib_metadata>=4.11.4; python_version < "3.12"',
    ])  # fmt: skip
    wheel(tmp_path, "secretstorage-3.5.0-py3-none-any.whl")
    requirements = ["keyring==25.7.0"]
    assert check.missing(tmp_path, "linux", "3.12", requirements) == []
    assert check.missing(tmp_path, "windows", "3.12", requirements) == ["pywin32-ctypes>=0.2.0"]
    assert check.missing(tmp_path, "windows", "3.11", requirements) == [
        "importlib_metadata>=4.11.4", "pywin32-ctypes>=0.2.0",
    ]  # fmt: skip
    wheel(tmp_path, "pywin32_ctypes-0.2.3-py3-none-any.whl")
    assert check.missing(tmp_path, "windows", "3.12", requirements) == []


def test_only_wheels_for_the_target_count_and_extras_are_followed(tmp_path):
    wheel(tmp_path, "psycopg-3.3.9-py3-none-any.whl", [
        'psycopg-binary==3.3.9; implementation_name != "pypy" and extra == "binary"',
        'tzdata; sys_platform == "win32"',
    ])  # fmt: skip
    wheel(tmp_path, "tzdata-2026.1-py2.py3-none-any.whl")
    wheel(tmp_path, "psycopg_binary-3.3.9-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
    assert check.missing(tmp_path, "linux", "3.12", ["psycopg==3.3.9"]) == []
    assert check.missing(tmp_path, "linux", "3.12", ["psycopg[binary]==3.3.9"]) == []
    assert check.missing(tmp_path, "windows", "3.12", ["psycopg[binary]==3.3.9"]) == ["psycopg-binary==3.3.9"]
    assert check.missing(tmp_path, "linux", "3.11", ["psycopg[binary]==3.3.9"]) == ["psycopg-binary==3.3.9"]
    wheel(tmp_path, "psycopg_binary-3.3.9-cp312-cp312-win_amd64.whl")
    assert check.missing(tmp_path, "windows", "3.12", ["psycopg[binary]==3.3.9"]) == []


def test_an_abi3_wheel_serves_every_later_python(tmp_path):
    wheel(tmp_path, "pyside6_essentials-6.11.3-cp39-abi3-win_amd64.whl")
    assert check.missing(tmp_path, "windows", "3.11", ["PySide6-Essentials==6.11.3"]) == []
    assert check.missing(tmp_path, "linux", "3.11", ["PySide6-Essentials==6.11.3"]) == ["PySide6-Essentials==6.11.3"]
