#!/usr/bin/env bash
# The portal as it runs on several machines, all on this one: nginx in front of two app nodes
# (gunicorn), a PostgreSQL primary with a streaming replica, Redis and the mail worker.
# Everything lives under var/cluster/; each app node has its own folder there for what is local
# to it, and var/cluster/shared/ holds the files every node sees.
#
#   scripts/cluster.sh start [PART]   set up and start everything, or start one part again
#   scripts/cluster.sh stop [PART]    stop everything (or one part), by the process ids recorded
#   scripts/cluster.sh status | env   what runs; the environment the app nodes get
#
# PART is one of: redis primary replica node1 node2 worker nginx.
# Ports, below the ephemeral range: CLUSTER_HTTP_PORT (26080, nginx), CLUSTER_NODE1_PORT (26001),
# CLUSTER_NODE2_PORT (26002), CLUSTER_PG_PORT (26432), CLUSTER_REPLICA_PORT (26433),
# CLUSTER_REDIS_PORT (26379). Redis and nginx are installed with apt-get when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECT=$(pwd -P)
DIR=$PROJECT/var/cluster
HTTP_PORT=${CLUSTER_HTTP_PORT:-26080}
NODE_PORTS=([1]=${CLUSTER_NODE1_PORT:-26001} [2]=${CLUSTER_NODE2_PORT:-26002})
PG_PORT=${CLUSTER_PG_PORT:-26432}
REPLICA_PORT=${CLUSTER_REPLICA_PORT:-26433}
REDIS_PORT=${CLUSTER_REDIS_PORT:-26379}
PARTS=(redis primary replica node1 node2 worker nginx)
PYTHON=$PROJECT/.venv/bin/python

say() { echo "cluster: $*" >&2; }

# --- processes by recorded id ---------------------------------------------------------------

# The pid in `file`, when that process still runs the program `name`.
live_pid() {
  local file=$1 name=$2 pid
  [ -s "$file" ] || return 1
  pid=$(cat "$file")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$name" &&
    echo "$pid"
}

stop_pid() {
  local file=$1 name=$2 signal=${3:-TERM} pid
  if ! pid=$(live_pid "$file" "$name"); then
    rm -f "$file"
    return 0
  fi
  kill -"$signal" "$pid"
  for _ in $(seq 150); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$file"; return 0; }
    sleep 0.1
  done
  say "$name (pid $pid) did not stop in 15 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

wait_for_http() {
  local url=$1 log=$2
  for _ in $(seq 300); do
    "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
      "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  say "$url did not answer within 30 s; the end of $log:"
  tail -n 30 "$log" >&2 || true
  exit 1
}

find_or_install() {
  local program=$1 package=$2
  if ! command -v "$program" >/dev/null && [ ! -x "/usr/sbin/$program" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "$program not found; installing $package with apt-get."
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -qq "$package" >/dev/null 2>&1 ||
        { apt-get update -qq && apt-get install -y -qq "$package" >/dev/null; }
    else
      say "$program not found: install the package $package (Debian/Ubuntu: apt-get install $package)."
      exit 2
    fi
  fi
  command -v "$program" || echo "/usr/sbin/$program"
}

# --- PostgreSQL: the primary and its replica, made and run by scripts/db.sh ------------------

primary_db() { env -u DATABASE_URL PORTAL_PG_ROOT="$DIR/pg-primary" PORTAL_PG_PORT="$PG_PORT" scripts/db.sh "$@"; }
replica_db() {
  env -u DATABASE_URL PORTAL_PG_ROOT="$DIR/pg-replica" PORTAL_PG_PORT="$REPLICA_PORT" \
    PORTAL_PG_PRIMARY="$(primary_db socket)" scripts/db.sh "$@"
}

# --- the app nodes' environment ---------------------------------------------------------------

portal_environment() {
  export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$(cat "$PROJECT/var/secret_key")}
  export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
  export DATABASE_URL; DATABASE_URL=$(primary_db url)
  export DATABASE_REPLICA_URL; DATABASE_REPLICA_URL=$(replica_db url)
  export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
  export DJANGO_MEDIA_ROOT=$DIR/shared/media
  export APPLICATIONS_ATTACHMENT_ROOT=$DIR/shared/private/attachments
  export EMAIL_FILE_PATH=$DIR/mail
  export DJANGO_BEHIND_PROXY=1
  export PORTAL_BASE_URL=http://127.0.0.1:$HTTP_PORT
}

print_environment() {
  portal_environment
  local name
  for name in DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS DATABASE_URL DATABASE_REPLICA_URL REDIS_URL \
    DJANGO_MEDIA_ROOT APPLICATIONS_ATTACHMENT_ROOT EMAIL_FILE_PATH DJANGO_BEHIND_PROXY PORTAL_BASE_URL; do
    printf 'export %s=%q\n' "$name" "${!name}"
  done
  printf 'export CLUSTER_URL=%q CLUSTER_NODE1_URL=%q CLUSTER_NODE2_URL=%q\n' \
    "http://127.0.0.1:$HTTP_PORT" "http://127.0.0.1:${NODE_PORTS[1]}" "http://127.0.0.1:${NODE_PORTS[2]}"
  printf 'export CLUSTER_PRIMARY_SOCKET=%q CLUSTER_REPLICA_SOCKET=%q\n' \
    "$(primary_db socket)" "$(replica_db socket)"
}

set_up_database() {
  portal_environment
  "$PYTHON" manage.py migrate --no-input -v 0
  "$PYTHON" manage.py createcachetable -v 0
  "$PYTHON" manage.py collectstatic --no-input -v 0
  scripts/messages.sh compile
  "$PYTHON" manage.py seed_demo -v 0
}

# --- each part ----------------------------------------------------------------------------------

start_redis() {
  local server pidfile=$DIR/redis/redis.pid
  server=$(find_or_install redis-server redis-server)
  mkdir -p "$DIR/redis"
  if live_pid "$pidfile" redis-server >/dev/null; then say "redis already running"; return; fi
  # Only what may be lost: counts, locks and copies. No snapshots; at the memory limit, the
  # keys that expire anyway go first.
  "$server" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DIR/redis" --daemonize yes \
    --pidfile "$pidfile" --logfile "$DIR/redis/redis.log" --save "" --appendonly no \
    --maxmemory 256mb --maxmemory-policy volatile-lru
  for _ in $(seq 100); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && { say "redis on 127.0.0.1:$REDIS_PORT"; return; }
    sleep 0.1
  done
  say "redis did not answer; see $DIR/redis/redis.log"
  exit 1
}

start_node() {
  local number=$1 port=${NODE_PORTS[$1]} folder=$DIR/node$1
  mkdir -p "$folder/tmp"
  if live_pid "$folder/gunicorn.pid" gunicorn >/dev/null; then say "node$number already running"; return; fi
  portal_environment
  # Uploads being received are spooled to this node's own folder.
  TMPDIR=$folder/tmp MALLOC_MMAP_THRESHOLD_=1048576 "$PROJECT/.venv/bin/gunicorn" portal.wsgi \
    --bind "127.0.0.1:$port" --workers 2 --max-requests 10000 --max-requests-jitter 1000 \
    --graceful-timeout 20 --worker-tmp-dir "$folder/tmp" --no-control-socket --daemon \
    --pid "$folder/gunicorn.pid" --access-logfile "$folder/access.log" --error-logfile "$folder/error.log"
  wait_for_http "http://127.0.0.1:$port/healthz" "$folder/error.log"
  say "node$number on http://127.0.0.1:$port"
}

start_worker() {
  mkdir -p "$DIR/worker"
  if live_pid "$DIR/worker/worker.pid" send_queued_mail >/dev/null; then say "mail worker already running"; return; fi
  portal_environment
  setsid nohup "$PYTHON" manage.py send_queued_mail --loop >>"$DIR/worker/worker.log" 2>&1 </dev/null &
  echo $! >"$DIR/worker/worker.pid"
  say "mail worker started (log in $DIR/worker/worker.log)"
}

nginx_site() {
  (cd "$PROJECT" && "$PYTHON" -m scripts.bench.servers "$HTTP_PORT" "$STATIC_ROOT" \
    "$NGINX_DIR/cache" "${NODE_PORTS[1]}" "${NODE_PORTS[2]}")
}

# As root, nginx's workers run as "nobody", who must reach their folder and the static files:
# under a private home folder they live in /tmp instead, the static files copied there.
NGINX_DIR=$DIR/nginx
STATIC_ROOT=$PROJECT/var/static
if [ "$(id -u)" = 0 ] && ! runuser -u nobody -- test -x "$PROJECT/var" 2>/dev/null; then
  NGINX_DIR=/tmp/portal-cluster-nginx-$(printf %s "$DIR" | cksum | cut -d' ' -f1)
  STATIC_ROOT=$NGINX_DIR/static
fi

start_nginx() {
  local nginx folder=$NGINX_DIR user=""
  nginx=$(find_or_install nginx nginx)
  mkdir -p "$folder/cache"
  if live_pid "$folder/nginx.pid" nginx >/dev/null; then say "nginx already running"; return; fi
  if [ "$STATIC_ROOT" != "$PROJECT/var/static" ]; then
    rm -rf "$STATIC_ROOT" && cp -r "$PROJECT/var/static" "$STATIC_ROOT"
  fi
  nginx_site >"$folder/portal.conf"
  local mime="include /etc/nginx/mime.types;"
  [ -f /etc/nginx/mime.types ] || mime="types { text/html html; text/css css; application/javascript js; }"
  if [ "$(id -u)" = 0 ]; then
    user="user nobody $(id -gn nobody);"
    chown -R nobody "$folder"
  fi
  cat >"$folder/nginx.conf" <<CONF
$user
worker_processes 1;
pid $folder/nginx.pid;
error_log $folder/error.log warn;
events { worker_connections 1024; }
http {
    $mime
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65;
    access_log $folder/access.log;
    client_body_temp_path $folder/client_body;
    proxy_temp_path $folder/proxy;
    fastcgi_temp_path $folder/fastcgi;
    uwsgi_temp_path $folder/uwsgi;
    scgi_temp_path $folder/scgi;
    include $folder/portal.conf;
}
CONF
  "$nginx" -p "$folder" -c "$folder/nginx.conf" -e "$folder/error.log" -t -q
  "$nginx" -p "$folder" -c "$folder/nginx.conf" -e "$folder/error.log"
  wait_for_http "http://127.0.0.1:$HTTP_PORT/healthz" "$folder/error.log"
  say "nginx on http://127.0.0.1:$HTTP_PORT, in front of both nodes"
}

start_part() {
  case "$1" in
    redis) start_redis ;;
    primary) primary_db start ;;
    replica) replica_db start ;;
    node1 | node2) start_node "${1#node}" ;;
    worker) start_worker ;;
    nginx) start_nginx ;;
    *) say "no part called $1 (${PARTS[*]})"; exit 64 ;;
  esac
}

stop_part() {
  case "$1" in
    redis) stop_pid "$DIR/redis/redis.pid" redis-server ;;
    primary) primary_db stop ;;
    replica) replica_db stop ;;
    node1 | node2) stop_pid "$DIR/$1/gunicorn.pid" gunicorn ;;
    worker) stop_pid "$DIR/worker/worker.pid" send_queued_mail ;;
    # QUIT: answer the requests under way, then stop.
    nginx) stop_pid "$NGINX_DIR/nginx.pid" nginx QUIT ;;
    *) say "no part called $1 (${PARTS[*]})"; exit 64 ;;
  esac
}

part_status() {
  case "$1" in
    redis) live_pid "$DIR/redis/redis.pid" redis-server >/dev/null ;;
    primary) primary_db status >/dev/null ;;
    replica) replica_db status >/dev/null ;;
    node1 | node2) live_pid "$DIR/$1/gunicorn.pid" gunicorn >/dev/null ;;
    worker) live_pid "$DIR/worker/worker.pid" send_queued_mail >/dev/null ;;
    nginx) live_pid "$NGINX_DIR/nginx.pid" nginx >/dev/null ;;
  esac
}

start_all() {
  mkdir -p "$DIR/shared" "$DIR/mail"
  start_redis
  primary_db start
  set_up_database
  replica_db start
  start_node 1
  start_node 2
  start_worker
  start_nginx
  say "the portal is on http://127.0.0.1:$HTTP_PORT (make cluster-stop stops it)"
}

stop_all() {
  local part
  for part in nginx node1 node2 worker replica primary redis; do stop_part "$part"; done
}

status_all() {
  local part down=0
  for part in "${PARTS[@]}"; do
    if part_status "$part"; then echo "$part: running"; else echo "$part: stopped"; down=1; fi
  done
  return $down
}

case "${1:-}" in
  start) if [ -n "${2:-}" ]; then start_part "$2"; else start_all; fi ;;
  stop) if [ -n "${2:-}" ]; then stop_part "$2"; else stop_all; fi ;;
  status) status_all ;;
  env) print_environment ;;
  *) echo "usage: $0 start [PART] | stop [PART] | status | env" >&2; exit 64 ;;
esac
