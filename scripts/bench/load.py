"""Driving a page with wrk, and the checks around it."""

import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

THREADS = 2
WARM_UP_SECONDS = 2
# wrk gives up on a request after this long; slow pages are measured, not counted as errors.
REQUEST_TIMEOUT_SECONDS = 60
LUA_SCRIPT = Path(__file__).with_name("wrk.lua")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, cookie=None):
    """Status and headers of one request, redirects not followed."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.build_opener(NoRedirects).open(request, timeout=30) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def check_answers_200(name, url, cookie):
    status, headers = fetch(url, cookie)
    if status != 200:
        where = f" (to {headers['Location']})" if headers.get("Location") else ""
        raise SystemExit(f"{name}: {url} answered {status}{where}, not 200. Stopping.")


def check_cache_bypassed(url, cookie):
    """A signed-in request through nginx must reach the portal, never a shared copy."""
    status, headers = fetch(url, cookie)
    if status != 200 or headers.get("X-Cache-Status") != "BYPASS":
        raise SystemExit(
            f"nginx answered a signed-in request with {status}, X-Cache-Status "
            f"{headers.get('X-Cache-Status')}; it must bypass the cache. Stopping."
        )


def wrk(program, url, cookie, *, seconds, connections, unique=False):
    """One wrk run: the figures that wrk.lua prints (unique: a different address each time)."""
    # wrk needs at least one connection per thread.
    threads = min(THREADS, connections)
    command = [program, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += [f"--timeout={REQUEST_TIMEOUT_SECONDS}s", "-s", str(LUA_SCRIPT)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    arguments = ["--", "unique"] if unique else []
    output = subprocess.run(
        [*command, url, *arguments], capture_output=True, text=True, check=True
    ).stdout
    for line in output.splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line.removeprefix("BENCH_RESULT "))
    raise RuntimeError(f"wrk printed no result for {url}:\n{output}")


def measure(program, url, cookie, *, seconds, connections, unique=False):
    """A short warm-up, then the measured run."""
    options = {"connections": connections, "unique": unique}
    wrk(program, url, cookie, seconds=min(WARM_UP_SECONDS, seconds), **options)
    wait_until_idle()
    result = wrk(program, url, cookie, seconds=seconds, **options)
    wait_until_idle()
    return result


def wait_until_idle(seconds=REQUEST_TIMEOUT_SECONDS):
    """Wait until no query has run on the benchmark database for a moment.

    Requests still in progress when wrk stops keep running in gunicorn: they must not slow down
    the next measurement.
    """
    deadline = time.monotonic() + seconds
    idle_polls = 0
    while idle_polls < 3 and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state = 'active' AND pid <> pg_backend_pid()"
            )
            idle_polls = idle_polls + 1 if cursor.fetchone()[0] == 0 else 0
        time.sleep(0.5)
