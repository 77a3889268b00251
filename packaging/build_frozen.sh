#!/usr/bin/env bash
# Build the one-folder frozen Linux app with PyInstaller and smoke-test it.
# Usage: bash packaging/build_frozen.sh [OUTDIR]     (default OUTDIR: build/frozen)
# Result: OUTDIR/dist/wordpad-ai/wordpad-ai  (ship the whole OUTDIR/dist/wordpad-ai/ folder,
#         e.g. as OUTDIR/wordpad-ai-VERSION-linux-x86_64.tar.gz, which this script also writes)
# Steps: the wheel is built from the sdist (build_dist.sh) and unpacked into a staging folder,
# PyInstaller freezes packaging/pyinstaller/wordpad-ai.spec from that staging folder (so the app
# holds exactly what the wheel ships), then packaging/smoke_test.sh runs the frozen binary.
# Needs: pip install -e '.[packaging]' (PyInstaller) in .venv. Heavy (TensorFlow): runs nice'd.
# Env: PYTHON (default .venv/bin/python), SKIP_SMOKE=1, NO_TARBALL=1.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$REPO/build/frozen}; mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
PY=${PYTHON:-$REPO/.venv/bin/python}; [ -x "$PY" ] || PY=python3
"$PY" -c "import PyInstaller" 2>/dev/null || {
    echo "build_frozen: PyInstaller is missing; run: $PY -m pip install -e '$REPO[packaging]'" >&2; exit 1; }
start=$SECONDS
echo "== building the sdist and wheel"
WHEEL=$(bash "$REPO/packaging/build_dist.sh" "$OUT/wheel" | tail -1)
echo "   $WHEEL"
rm -rf "$OUT/staging"; "$PY" -m zipfile -e "$WHEEL" "$OUT/staging"
echo "== PyInstaller (log: $OUT/pyinstaller.log)"
t0=$SECONDS
WORDPAD_AI_STAGING="$OUT/staging" nice -n 10 "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work" "$REPO/packaging/pyinstaller/wordpad-ai.spec" \
    >"$OUT/pyinstaller.log" 2>&1 || { tail -40 "$OUT/pyinstaller.log" >&2; echo "build_frozen: PyInstaller failed" >&2; exit 1; }
APP="$OUT/dist/wordpad-ai/wordpad-ai"
echo "   built in $((SECONDS - t0)) s: $APP ($(du -sh "$OUT/dist/wordpad-ai" | cut -f1))"
if [ "${NO_TARBALL:-0}" != 1 ]; then
    VERSION=$("$APP" --version | awk '{print $2}')
    TARBALL="$OUT/wordpad-ai-$VERSION-linux-$(uname -m).tar.gz"
    tar -C "$OUT/dist" -czf "$TARBALL" wordpad-ai
    echo "   archive: $TARBALL ($(du -sh "$TARBALL" | cut -f1))"
fi
[ "${SKIP_SMOKE:-0}" = 1 ] || bash "$REPO/packaging/smoke_test.sh" "$APP"
echo "build_frozen: done in $((SECONDS - start)) s"
