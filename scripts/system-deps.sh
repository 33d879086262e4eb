#!/usr/bin/env bash
# Debian/Ubuntu packages that Qt needs at run time (and, with "test", what the test suite
# needs).  Installs the missing ones when run as root with apt-get; otherwise prints the exact
# command to run and fails, so nothing is half set up.
set -euo pipefail

want=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
      libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
      libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-xinerama0)
# Debian 13 / Ubuntu 24.04 renamed glib for the 64-bit time_t transition.
if apt-cache show libglib2.0-0t64 >/dev/null 2>&1; then want+=(libglib2.0-0t64); else want+=(libglib2.0-0); fi
if [ "${1:-}" = "test" ] || [ "${1:-}" = "screenshots" ]; then
  # Japanese fonts so that text renders (and PDFs embed a TrueType font) instead of tofu.
  want+=(fonts-noto-cjk fonts-ipaexfont-gothic)
fi
if [ "${1:-}" = "screenshots" ]; then
  want+=(xvfb xauth poppler-utils)
fi

command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian/Ubuntu system; install Qt's runtime libraries yourself." >&2; exit 0; }

missing=()
for pkg in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: these Debian packages are missing; run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
