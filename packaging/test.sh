#!/usr/bin/env bash
# Install everything the tests need into ./.venv and run the default test suite.
# Usage: bash packaging/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/system-deps.sh --with-test-tools
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,documents]'
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
