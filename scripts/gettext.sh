#!/usr/bin/env bash
# Makes sure GNU gettext (msgfmt, xgettext, msgmerge) is there for the translation catalogues.
set -euo pipefail
if command -v msgfmt >/dev/null && command -v xgettext >/dev/null; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "gettext: not found; installing it with apt-get." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
else
  echo "gettext: msgfmt not found. Install GNU gettext ('sudo apt-get install gettext')." >&2
  exit 2
fi
