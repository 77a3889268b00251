#!/usr/bin/env bash
# Installs the system libraries Qt needs (offscreen, X11/Xvfb) on Debian/Ubuntu when run as root
# (or with sudo available); elsewhere it only says what is missing. Safe to run repeatedly.
# Usage: bash packaging/system-deps.sh [--with-test-tools]
set -euo pipefail
PKGS=(libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
      libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
      libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core xvfb xauth)
# --with-test-tools (test.sh): also the validators the desktop-entry/metainfo tests run, and Presage
# (the n-gram predictor the shipped models are measured against; its cross-check test needs it)
[ "${1:-}" = "--with-test-tools" ] && PKGS+=(desktop-file-utils appstream presage)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt's runtime libraries by hand"; exit 0; }
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "system-deps: missing ${missing[*]}; install them as root"; exit 0; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
