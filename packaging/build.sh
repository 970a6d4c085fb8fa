#!/usr/bin/env bash
# Build the one-folder bundle on Linux: dist/DaheDesk/ (DaheDesk, DaheDesk-cli, _internal/).
#
#   packaging/build.sh [--smoke]        PYTHON=python3.13 packaging/build.sh   (another Python)
#
# Makes its own venv under build/ (Python 3.12 or newer; rebuilt when the requirements
# change), installs requirements.txt and packaging/requirements-build.txt into it, runs
# PyInstaller on packaging/dahe-desk.spec. PySide6-Addons is installed only when the
# sources import one of its modules. Every cache stays under build/.
# --smoke: then run packaging/smoke.py on the result.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BUILD="$ROOT/build"
VENV="$BUILD/venv"
export PIP_CACHE_DIR="$BUILD/pip-cache" PYINSTALLER_CONFIG_DIR="$BUILD/pyinstaller-config"
export PIP_DISABLE_PIP_VERSION_CHECK=1

find_python() {
    local candidates=("${PYTHON:-}" python3.12 python3.13 python3)
    if command -v pyenv >/dev/null 2>&1; then
        candidates+=("$(pyenv root)"/versions/3.1[2-9]*/bin/python3)
    fi
    for py in "${candidates[@]}"; do
        [ -n "$py" ] || continue
        if "$py" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
            echo "$py"
            return
        fi
    done
    echo "Python 3.12 or newer is needed for the bundle (PYTHON=... to name one)" >&2
    exit 1
}

PY="$(find_python)"
STAMP_WANTED="$("$PY" -VV | head -1) $(cat requirements.txt packaging/requirements-build.txt | sha256sum | cut -c1-16)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.stamp" 2>/dev/null)" != "$STAMP_WANTED" ]; then
    echo "== build venv ($STAMP_WANTED)"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    # Everything but PySide6-Addons, then Addons only if the sources need one of its modules.
    grep -v -i '^PySide6-Addons' requirements.txt > "$BUILD/requirements-bundle.txt"
    "$VENV/bin/python" -m pip install --quiet -r "$BUILD/requirements-bundle.txt" -r packaging/requirements-build.txt
    echo "$STAMP_WANTED" > "$VENV/.stamp"
fi
for module in $(grep -rhoE 'PySide6\.Qt[A-Za-z0-9]+' main.py ui dahe_desktop | sort -u); do
    if ! "$VENV/bin/python" -c "import $module" 2>/dev/null; then
        echo "== $module is imported by the app: installing PySide6-Addons"
        "$VENV/bin/python" -m pip install --quiet "$(grep -i '^PySide6-Addons' requirements.txt | cut -d' ' -f1)"
        break
    fi
done

echo "== PyInstaller ($("$VENV/bin/python" -V))"
rm -rf "$ROOT/dist/DaheDesk"
started=$(date +%s)
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$BUILD/pyinstaller" packaging/dahe-desk.spec 2>&1 \
    | grep -v -E "Library not found: could not resolve|required via ctypes not found" || true
[ -x "$ROOT/dist/DaheDesk/DaheDesk" ] || { echo "build failed: no dist/DaheDesk/DaheDesk" >&2; exit 1; }
echo "== built dist/DaheDesk in $(( $(date +%s) - started )) s: $(du -sh --apparent-size dist/DaheDesk | cut -f1) unpacked"

if [ "${1:-}" = "--smoke" ]; then
    "$VENV/bin/python" packaging/smoke.py "$ROOT/dist/DaheDesk"
fi
