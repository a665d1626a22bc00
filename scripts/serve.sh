#!/usr/bin/env bash
# Serves the portal with gunicorn and runs the mail worker beside it; Ctrl-C (or SIGTERM) stops
# both. Arguments are passed to gunicorn.
set -euo pipefail
cd "$(dirname "$0")/.."

# Large blocks (decoded photos) go straight back to the system when freed, instead of staying in
# each worker's heap for ever.
export MALLOC_MMAP_THRESHOLD_=1048576

.venv/bin/python manage.py send_queued_mail --loop &
worker=$!
stop_worker() { kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true; }
trap stop_worker EXIT

# In the background, so that a signal to this script reaches the trap at once; gunicorn is
# then asked to stop gracefully, and waited for.
.venv/bin/gunicorn portal.wsgi "$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true' TERM INT
status=0
wait "$server" || status=$?
while kill -0 "$server" 2>/dev/null; do wait "$server" || status=$?; done
exit "$status"
