#!/usr/bin/env bash
# Install WordPad AI (with the shipped default models) into ./.venv and launch it.
# Usage: bash packaging/install.sh [--no-launch]
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/system-deps.sh
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q '.[documents]'
[ "${1:-}" = "--no-launch" ] && { echo "installed: .venv/bin/wordpad-ai"; exit 0; }
exec .venv/bin/wordpad-ai
