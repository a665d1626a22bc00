#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter: python3.13/python3.12 on PATH,
# then pyenv's installed versions. Exits 1 with advice when there is none.
set -euo pipefail

is_recent() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }

for candidate in python3.14 python3.13 python3.12 python3; do
  if command -v "$candidate" >/dev/null && is_recent "$(command -v "$candidate")"; then
    command -v "$candidate"
    exit 0
  fi
done

pyenv_root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for candidate in $(ls -d "$pyenv_root"/versions/3.1[2-9]* 2>/dev/null | sort -V -r); do
  if [ -x "$candidate/bin/python3" ] && is_recent "$candidate/bin/python3"; then
    echo "$candidate/bin/python3"
    exit 0
  fi
done

echo "No Python 3.12 or newer found. Install one (e.g. 'apt-get install python3.12'," >&2
echo "'brew install python@3.12' or 'pyenv install 3.12') and run make again." >&2
exit 1
