#!/bin/sh
# Installs the Debian 12 packages closedloop needs to build and test. Uses sudo when not root.
# Safe to run again: apt-get skips what is already there.
set -e
PKGS="build-essential cmake pkg-config libcjson-dev liblua5.4-dev python3\
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev fonts-dejavu-core fonts-wqy-microhei fonts-noto-cjk\
  xvfb xdotool x11-apps imagemagick\
  clang libclang-rt-14-dev\
  libcairo2-dev poppler-utils\
  libwebsockets-dev libqrencode-dev\
  chromium"
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# The browser tests (tests/web) run puppeteer-core on node; a node installed another way (its own
# npm inside) is kept: Debian's npm would conflict with it.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
  echo "installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
# puppeteer-core for the browser tests, at the versions of tests/web/package-lock.json.
web="$(dirname "$0")/../tests/web"
if [ ! -d "$web/node_modules/puppeteer-core" ]; then
  (cd "$web" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
