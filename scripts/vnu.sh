#!/usr/bin/env bash
# Makes sure the Nu Html Checker (the npm package vnu-jar) and a Java runtime exist for the
# HTML validity tests; prints the path of vnu.jar. Installed once under var/tools/.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=26.9.27
TOOLS=var/tools
JAR=$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar

if ! command -v java >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "vnu: Java not found; installing it with apt-get." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "vnu: Java not found. Install a Java runtime (17 or newer)." >&2
    exit 2
  fi
fi
if [ ! -s "$JAR" ]; then
  if ! command -v npm >/dev/null; then
    echo "vnu: npm not found. Install Node.js and npm, or set VNU_JAR to a vnu.jar." >&2
    exit 2
  fi
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "vnu-jar@$VERSION" >&2
fi
echo "$PWD/$JAR"
