#!/usr/bin/env bash
# Build the sdist and, from that sdist, the wheel (`python -m build`), from a clean copy of the
# source so the repository gets no build/ or egg-info. Building the wheel from the sdist proves
# MANIFEST.in carries everything the wheel needs.
# Usage: bash packaging/build_dist.sh OUTDIR       (last line of output: the wheel's path)
# Env:   PYTHON (default: .venv/bin/python, else python3), BUILD_ISOLATION=1 to let build fetch
#        setuptools into an isolated env (needs an index); the default reuses the venv's setuptools.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUTDIR=${1:?usage: build_dist.sh OUTDIR}
mkdir -p "$OUTDIR"; OUTDIR=$(cd "$OUTDIR" && pwd)
PY=${PYTHON:-$REPO/.venv/bin/python}; [ -x "$PY" ] || PY=python3
SRC=$(mktemp -d "${TMPDIR:-/tmp}/wordpad-ai-src.XXXXXX"); trap 'rm -rf "$SRC"' EXIT
# tar exits 1 when a file changes while read (others may be editing): that is not an error here
{ tar -C "$REPO" --exclude=.git --exclude=.venv --exclude=build --exclude=dist --exclude='*.egg-info' \
      --exclude=__pycache__ --exclude=.pytest_cache --exclude='*.pyc' --exclude='*.tmp' \
      --warning=no-file-changed --warning=no-file-removed -cf - . || [ $? -eq 1 ]; } | tar -C "$SRC" -xf -
ISOLATION=--no-isolation; [ "${BUILD_ISOLATION:-0}" = 1 ] && ISOLATION=
rm -f "$OUTDIR"/wordpad_ai-*.whl "$OUTDIR"/wordpad_ai-*.tar.gz
(cd "$SRC" && "$PY" -m build $ISOLATION --outdir "$OUTDIR" . >"$OUTDIR/build.log" 2>&1) || {
    tail -30 "$OUTDIR/build.log" >&2; echo "build_dist: python -m build failed (log: $OUTDIR/build.log)" >&2; exit 1; }
ls "$OUTDIR"/wordpad_ai-*.tar.gz >/dev/null
ls "$OUTDIR"/wordpad_ai-*.whl
