"""Does a wheel folder hold every wheel a target PC needs? (called by wheelhouse.sh)

    python packaging/wheelhouse_check.py FOLDER windows|linux 3.12 -r requirements.txt ...

`pip download --platform win_amd64 --python-version 3.11` picks wheels for that platform
but evaluates the requirements' environment markers for the Python running it: on Linux
it fetches keyring's Linux-only SecretStorage and leaves out its Windows-only
pywin32-ctypes, and under 3.12 it leaves out what only 3.11 needs (importlib_metadata).
This walks the requirements with the markers of the target (sys_platform, python_version,
...) through the wheels' own metadata, and prints each requirement no wheel in the folder
satisfies, one a line, as a pip requirement (wheelhouse.sh downloads those and asks again).
Exit 0 when nothing is missing. Standard library and pip's vendored `packaging` only.
"""

from __future__ import annotations

import re
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from pip._vendor.packaging.markers import default_environment
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename

TARGETS = {
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                "platform_machine": "AMD64"},
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
              "platform_machine": "x86_64"},
}  # fmt: skip


def platform_fits(platform: str, target: str) -> bool:
    if platform == "any":
        return True
    if target == "windows":
        return platform == "win_amd64"
    return platform == "linux_x86_64" or (platform.startswith("manylinux") and platform.endswith("_x86_64"))


def environment(target: str, python: str) -> dict[str, str]:
    env = dict(default_environment())
    env.update(TARGETS[target])
    env.update(python_version=python, python_full_version=f"{python}.0", implementation_name="cpython",
               platform_python_implementation="CPython")  # fmt: skip
    return env


def installable(filename: str, target: str, python: str) -> bool:
    """Whether a wheel installs on CPython `python` of `target` (by its tags)."""
    major, minor = (int(x) for x in python.split("."))
    for tag in parse_wheel_filename(filename)[3]:
        platform_ok = platform_fits(tag.platform, target)
        interpreter = tag.interpreter
        if tag.abi == "abi3" and interpreter.startswith("cp"):
            python_ok = int(interpreter[3:] or 0) <= minor and interpreter[2] == str(major)
        else:
            python_ok = interpreter in (f"cp{major}{minor}", f"py{major}", f"py{major}{minor}")
        if platform_ok and python_ok:
            return True
    return False


def read_requirements(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            out += read_requirements(path.parent / line[3:].strip())
        else:
            out.append(line)
    return out


def metadata_requirements(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n))
        message = Parser().parsestr(archive.read(name).decode("utf-8"))
    return message.get_all("Requires-Dist") or []


def missing(folder: Path, target: str, python: str, requirements: list[str]) -> list[str]:
    env = environment(target, python)
    wheels: dict[str, list[tuple[object, Path]]] = {}
    for path in folder.glob("*.whl"):
        if installable(path.name, target, python):
            name, version, _build, _tags = parse_wheel_filename(path.name)
            wheels.setdefault(name, []).append((version, path))
    out = []
    seen = set()
    queue = [(Requirement(r), "") for r in requirements]
    while queue:
        requirement, extra = queue.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({**env, "extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        key = (name, str(requirement.specifier), tuple(sorted(requirement.extras)))
        if key in seen:
            continue
        seen.add(key)
        found = sorted(
            (v, p) for v, p in wheels.get(name, []) if requirement.specifier.contains(v, prereleases=True)
        )
        if not found:
            out.append(f"{requirement.name}{requirement.specifier}")
            continue
        for dependency in metadata_requirements(found[-1][1]):
            dependency = Requirement(dependency)
            extras = requirement.extras or {""}
            for wanted_extra in extras:
                queue.append((dependency, wanted_extra))
    return sorted(set(out))


def main(argv: list[str]) -> int:
    folder, target, python, *rest = argv
    files = [Path(rest[i + 1]) for i, arg in enumerate(rest) if arg == "-r"]
    requirements = [r for f in files for r in read_requirements(f)]
    lacking = missing(Path(folder), target, python, requirements)
    for line in lacking:
        print(line)
    return 1 if lacking else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
