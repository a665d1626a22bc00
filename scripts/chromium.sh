#!/usr/bin/env bash
# Makes sure a system Chromium exists for the browser tests; prints its path.
# Playwright must never download its own browser here.
set -euo pipefail

find_chromium() {
  local name
  for name in "${CHROMIUM_PATH:-}" chromium chromium-browser google-chrome; do
    if [ -n "$name" ] && command -v "$name" >/dev/null; then command -v "$name"; return 0; fi
  done
  return 1
}

if ! find_chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "chromium: not found; installing it with apt-get." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium: not found. Install Chromium ('sudo apt-get install chromium') or set" >&2
    echo "CHROMIUM_PATH to a Chromium or Chrome executable." >&2
    exit 2
  fi
fi
find_chromium
