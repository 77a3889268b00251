#!/usr/bin/env bash
# Build the sdist and wheel, install the wheel into a brand-new venv, and run it from a temp dir.
# Usage: bash packaging/check_wheel.sh [WORKDIR]          (default WORKDIR: build/check-wheel)
# Steps: build_dist.sh (sdist, then the wheel from that sdist) → `python -m venv` (no system
# site-packages, no access to the repository) → `pip install WHEEL` with its real dependencies
# (TensorFlow, Qt: ~1.5 GB unpacked; pip's configured indexes, plus $WHEELHOUSE as --find-links)
# → checks wordpad_ai is imported from that venv, non-editable → smoke_test.sh (--version,
# plugins list --json, desktop entry, and with shipped models: suggest + gui --self-check).
# Writes WORKDIR/install-size.txt (du of site-packages, largest packages).
# Env: PYTHON (interpreter for the new venv; default: the one behind .venv, else python3),
#      WHEELHOUSE (folder of wheels to prefer), KEEP_VENV=1 (keep WORKDIR/venv afterwards),
#      REUSE_VENV=1 (reinstall only the wheel, --no-deps, into a WORKDIR/venv kept from before).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$REPO/build/check-wheel}; mkdir -p "$WORK"; WORK=$(cd "$WORK" && pwd)
BASE=${PYTHON:-$("$REPO/.venv/bin/python" -c 'import sys; print(sys._base_executable)' 2>/dev/null || echo python3)}
start=$SECONDS
echo "== building the sdist and the wheel from it"
WHEEL=$(bash "$REPO/packaging/build_dist.sh" "$WORK/dist" | tail -1)
echo "   $WHEEL ($(du -h "$WHEEL" | cut -f1)); sdist $(du -h "$WORK"/dist/*.tar.gz | cut -f1)"

echo "== fresh venv ($BASE) and pip install of the wheel"
VPY="$WORK/venv/bin/python"
if [ "${REUSE_VENV:-0}" = 1 ] && [ -x "$VPY" ]; then
    echo "   REUSE_VENV=1: reusing $WORK/venv, reinstalling only the wheel"
    REINSTALL="--force-reinstall --no-deps"
else
    rm -rf "$WORK/venv"; "$BASE" -m venv "$WORK/venv"; REINSTALL=
fi
RUN=$(mktemp -d "${TMPDIR:-/tmp}/wordpad-ai-check.XXXXXX"); trap 'rm -rf "$RUN"' EXIT
cd "$RUN"  # never the repository: nothing may be imported from the source tree
unset PYTHONPATH
t0=$SECONDS
"$VPY" -m pip install -q $REINSTALL ${WHEELHOUSE:+--find-links "$WHEELHOUSE"} "$WHEEL" \
    || { echo "check_wheel: pip install of $WHEEL failed" >&2; exit 1; }
echo "   installed in $((SECONDS - t0)) s"

echo "== the installed package is the wheel, not the repository"
"$VPY" - "$REPO" "$WORK/venv" <<'PY'
import importlib.metadata as md, json, pathlib, sys
repo, venv = (pathlib.Path(p).resolve() for p in sys.argv[1:3])
import wordpad_ai, wordpad_ai_lstm, wordpad_ai_models, wordpad_ai_rnn
for mod in (wordpad_ai, wordpad_ai_rnn, wordpad_ai_lstm, wordpad_ai_models):
    path = pathlib.Path(mod.__file__).resolve()
    in_source = any(repo / part in path.parents for part in ("wordpad_ai", "plugins", "models"))
    assert venv in path.parents and not in_source, f"{mod.__name__} imported from {path}"
dist = md.distribution("wordpad-ai")
direct = dist.read_text("direct_url.json")
assert not (direct and json.loads(direct).get("dir_info", {}).get("editable")), "editable install"
eps = sorted(ep.name for ep in md.entry_points(group="wordpad_ai") if ep.dist.name == "wordpad-ai")
assert eps == ["lstm", "rnn"], eps
print(f"   wordpad-ai {dist.version} from {pathlib.Path(wordpad_ai.__file__).parent}; plugins {eps}")
PY

echo "== install size (site-packages)"
SITE=$("$VPY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
{ echo "venv site-packages: $(du -sh "$SITE" | cut -f1) ($(du -sh "$WORK/venv" | cut -f1) whole venv)"
  echo "largest:"; du -s "$SITE"/* | sort -rn | head -12 | awk '{printf "  %6.0f MB  %s\n", $1/1024, $2}' \
      | sed "s|$SITE/||"; } | tee "$WORK/install-size.txt"

bash "$REPO/packaging/smoke_test.sh" "$WORK/venv/bin/wordpad-ai"
[ "${KEEP_VENV:-0}" = 1 ] || rm -rf "$WORK/venv"
echo "check_wheel: OK in $((SECONDS - start)) s"
