#!/usr/bin/env bash
# The translation catalogues (Simplified Chinese).
#   scripts/messages.sh update    collect the messages marked in code and templates into the
#                                 .po files: <app>/locale/ for each app, locale/ for portal and
#                                 the project-wide templates
#   scripts/messages.sh compile   build the .mo files Django reads (make setup and make test do)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/gettext.sh

APPS=(accounts applications faq news)
MANAGE="$PWD/.venv/bin/python $PWD/manage.py"

case "${1:-}" in
  update)
    for app in "${APPS[@]}"; do
      mkdir -p "$app/locale"
      (cd "$app" && $MANAGE makemessages --locale zh_Hans --no-obsolete --no-location -v 0)
    done
    ignored=()
    for path in "${APPS[@]}" .venv var tests scripts; do ignored+=(--ignore "$path/*"); done
    $MANAGE makemessages --locale zh_Hans --no-obsolete --no-location -v 0 "${ignored[@]}"
    ;;
  compile)
    $MANAGE compilemessages --locale zh_Hans --ignore ".venv/*" --ignore "var/*" -v 0
    ;;
  *) echo "usage: $0 update|compile" >&2; exit 64 ;;
esac
