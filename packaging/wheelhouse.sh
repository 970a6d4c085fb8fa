#!/usr/bin/env bash
# Download, once, every wheel the program, its tests and its build need, for Windows
# (win_amd64, CPython 3.11 and 3.12) and Linux (x86_64, CPython 3.11 and 3.12), into
# wheelhouse/ (or the folder given). Carried on a USB stick, it lets a PC without internet
# install from source:
#
#   py -3.12 -m venv .venv
#   .venv\Scripts\python -m pip install --no-index --find-links wheelhouse -r requirements.txt
#   (tests: -r requirements-dev.txt; the bundle: packaging\build.ps1 -Offline)
#
# Then it checks, offline, that each set resolves from the folder alone, with the target's
# environment markers (packaging/wheelhouse_check.py: pip's own download judges them by the
# Python running it, so a Windows-only or 3.11-only dependency would be left out).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$(mkdir -p "${1:-$ROOT/wheelhouse}" && cd "${1:-$ROOT/wheelhouse}" && pwd)"
PY="${PYTHON:-python3}"
export PIP_DISABLE_PIP_VERSION_CHECK=1
REQUIREMENTS=(-r requirements-dev.txt -r packaging/requirements-build.txt)
LINUX=(--platform manylinux_2_39_x86_64 --platform manylinux_2_34_x86_64 --platform manylinux_2_28_x86_64
       --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform linux_x86_64)

for version in 3.11 3.12; do
    for platform in windows linux; do
        if [ "$platform" = windows ]; then tags=(--platform win_amd64); else tags=("${LINUX[@]}"); fi
        echo "== $platform, CPython $version"
        "$PY" -m pip download --quiet --dest "$OUT" --only-binary=:all: --implementation cp \
            --python-version "$version" "${tags[@]}" "${REQUIREMENTS[@]}"
        # pip judged the requirements' markers (sys_platform, python_version) by the Python
        # running it, not by the target: fetch what the target's markers add, until none is missing.
        for _ in 1 2 3 4 5; do
            mapfile -t lacking < <("$PY" packaging/wheelhouse_check.py "$OUT" "$platform" "$version" "${REQUIREMENTS[@]}" || true)
            [ "${#lacking[@]}" -gt 0 ] || break
            echo "   for $platform $version also: ${lacking[*]}"
            "$PY" -m pip download --quiet --dest "$OUT" --only-binary=:all: --implementation cp --no-deps \
                --python-version "$version" "${tags[@]}" "${lacking[@]}"
        done
        "$PY" packaging/wheelhouse_check.py "$OUT" "$platform" "$version" "${REQUIREMENTS[@]}" \
            || { echo "wheels still missing for $platform $version" >&2; exit 1; }
        # The check: the same set resolves with no index at all, from the folder alone.
        "$PY" -m pip install --quiet --dry-run --ignore-installed --no-index --find-links "$OUT" \
            --only-binary=:all: --implementation cp --python-version "$version" "${tags[@]}" \
            --target "$(mktemp -d)" "${REQUIREMENTS[@]}"
    done
done
echo "== $(ls "$OUT"/*.whl | wc -l) wheels, $(du -sh "$OUT" | cut -f1) in $OUT: every set resolves offline"
