#!/usr/bin/env bash
# The project's own PostgreSQL cluster under var/pg.
#   scripts/db.sh start|stop|status|url|socket|psql [args]
# start and stop are idempotent. When DATABASE_URL is set, the project uses that
# server instead and this script neither starts nor stops anything.
# Knobs: PORTAL_PG_PORT (25432), PORTAL_PG_ROOT (var/pg), PORTAL_PG_BIN.
# PORTAL_PG_PRIMARY ("host=<socket folder> port=<port>" of another cluster of this script) makes
# this one a streaming replica of it: copied with pg_basebackup, read-only, behind by a moment.
set -euo pipefail

PROJECT=$(cd "$(dirname "$0")/.." && pwd -P)
PORT=${PORTAL_PG_PORT:-25432}   # below the ephemeral port range 32768-60999
ROOT=${PORTAL_PG_ROOT:-$PROJECT/var/pg}
DB=portal
DB_USER=portal
DB_PASSWORD=portal
CMD=${1:-}

say() { echo "db: $*" >&2; }

if [ -n "${DATABASE_URL:-}" ] && [ "$CMD" = url ]; then
  echo "$DATABASE_URL"
  exit 0
fi
if [ -n "${DATABASE_URL:-}" ] && [ "$CMD" != psql ]; then
  say "DATABASE_URL is set; using that server, no local cluster."
  exit 0
fi

find_server_binaries() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) \
             "$(dirname "$(command -v initdb 2>/dev/null || echo /none/initdb)")"; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

install_server() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "PostgreSQL server not found; installing it with apt-get."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    say "PostgreSQL server binaries (initdb, pg_ctl) not found."
    say "Install PostgreSQL 15 or newer (Debian/Ubuntu: 'sudo apt-get install postgresql';"
    say "macOS: 'brew install postgresql@16'), or set DATABASE_URL to a server you have."
    exit 2
  fi
}

PG_BIN=${PORTAL_PG_BIN:-$(find_server_binaries || true)}
if [ -z "$PG_BIN" ]; then
  install_server
  PG_BIN=$(find_server_binaries)
fi

# initdb and postgres refuse to run as root: run them as the unprivileged user
# "postgres", which must be able to reach the data directory.
if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  as_server() { (cd / && runuser -u postgres -- "$@"); }
  mkdir -p "$ROOT"
  if ! as_server test -x "$(dirname "$ROOT")"; then
    # One folder per cluster: the project's own, or each one PORTAL_PG_ROOT names (make cluster
    # runs a primary and a replica).
    ROOT=/tmp/portal-pg-$(printf %s "${PORTAL_PG_ROOT:-$PROJECT}" | cksum | cut -d' ' -f1)
    mkdir -p "$ROOT"
  fi
  chown postgres: "$ROOT"
else
  as_server() { "$@"; }
  mkdir -p "$ROOT"
fi
chmod 700 "$ROOT"
DATA=$ROOT/data
LOG=$ROOT/server.log
SOCKET_DIR=$ROOT/run
# A unix socket path ("<dir>/.s.PGSQL.<port>") must fit in 107 bytes.
if [ $(( ${#SOCKET_DIR} + 12 + ${#PORT} )) -gt 107 ]; then
  SOCKET_DIR=/tmp/portal-pgsock-$(printf %s "$ROOT" | cksum | cut -d' ' -f1)
fi
as_server mkdir -p "$SOCKET_DIR"

pg_ctl() { as_server "$PG_BIN/pg_ctl" -D "$DATA" "$@"; }
psql_admin() { "$PG_BIN/psql" -X -q -h "$SOCKET_DIR" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -d postgres "$@"; }
running() { [ -s "$DATA/PG_VERSION" ] && pg_ctl status >/dev/null 2>&1; }

PRIMARY=${PORTAL_PG_PRIMARY:-}
# The replica's place on the primary: the primary keeps the log the replica has not yet read.
SLOT=portal_replica_$PORT

initialise() {
  as_server "$PG_BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$ROOT/initdb.log" 2>&1 ||
    { cat "$ROOT/initdb.log" >&2; exit 1; }
  as_server sh -c "echo \"include_if_exists = 'portal.conf'\" >> '$DATA/postgresql.conf'"
}

# A copy of the primary, which then streams every change from it (PostgreSQL's own replication;
# the primary's local connections are trusted, as here).
copy_primary() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$PRIMARY user=postgres dbname=postgres" -c \
    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$SLOT'" \
    >/dev/null
  as_server "$PG_BIN/pg_basebackup" -d "$PRIMARY user=postgres" -D "$DATA" --write-recovery-conf \
    --wal-method=stream --checkpoint=fast --create-slot --slot="$SLOT" >"$ROOT/basebackup.log" 2>&1 ||
    { cat "$ROOT/basebackup.log" >&2; as_server rm -rf "$DATA"; exit 1; }
}

start() {
  if [ ! -s "$DATA/PG_VERSION" ]; then
    if [ -n "$PRIMARY" ]; then copy_primary; else initialise; fi
  fi
  # Rewritten on every start so that port and socket follow the current settings.
  # Durability is traded for speed: this cluster only holds development data.
  as_server sh -c "cat > '$DATA/portal.conf'" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCKET_DIR'
unix_socket_permissions = 0777
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  if running; then
    say "already running on 127.0.0.1:$PORT"
  else
    pg_ctl -l "$LOG" -w -t 60 start >/dev/null || { tail -n 20 "$LOG" >&2; exit 1; }
    say "started on 127.0.0.1:$PORT (data in $DATA)"
  fi
  # A replica has the primary's roles and databases, and takes no writes.
  [ -z "$PRIMARY" ] || return 0
  if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]; then
    psql_admin -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
  fi
  if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
    psql_admin -c "CREATE DATABASE $DB OWNER $DB_USER"
  fi
}

stop() {
  if running; then
    pg_ctl -m fast -w -t 60 stop >/dev/null
    say "stopped"
  else
    say "not running"
  fi
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running on 127.0.0.1:$PORT"; else echo "stopped"; exit 3; fi ;;
  # The cluster through its unix socket, which costs less per query than TCP.
  url) echo "postgres://$DB_USER:$DB_PASSWORD@${SOCKET_DIR//\//%2F}:$PORT/$DB" ;;
  # How a replica reaches this cluster (PORTAL_PG_PRIMARY).
  socket) echo "host=$SOCKET_DIR port=$PORT" ;;
  psql) shift; exec "$PG_BIN/psql" -h "$SOCKET_DIR" -p "$PORT" -U "$DB_USER" -d "$DB" "$@" ;;
  *) echo "usage: $0 start|stop|status|url|socket|psql [args]" >&2; exit 64 ;;
esac
