"""Driving a page with wrk, and the checks around it."""

import json
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

from .servers import cpu_between

THREADS = 2
WARM_UP_SECONDS = 2
# wrk gives up on a request after this long; slow pages are measured, not counted as errors.
REQUEST_TIMEOUT_SECONDS = 60
LUA_SCRIPT = Path(__file__).with_name("wrk.lua")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, cookie=None, headers=None):
    """Status and headers of one request, redirects not followed."""
    headers = {**(headers or {}), **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)
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


def check_compression(base_url, cookie, headers):
    """How the portal encodes what a browser that takes gzip asks for: shared pages compressed;
    a page with a form token or a signed-in person's page not (BREACH)."""
    checks = {
        "anonymous home, first request": (base_url + "/", None),
        "anonymous home, kept copy": (base_url + "/", None),
        "sign-in page (form token)": (base_url + "/accounts/login/", None),
        "signed-in home": (base_url + "/", cookie),
    }
    encodings = {}
    for what, (url, session) in checks.items():
        status, answer = fetch(url, session, headers)
        if status != 200:
            raise SystemExit(f"{url} answered {status}, not 200. Stopping.")
        encodings[what] = answer.get("Content-Encoding", "")
    return encodings


def wrk(program, url, *, seconds, connections, draw, headers, lines=None, unique=False):
    """One wrk run: the figures that wrk.lua prints. lines: the requests ("<path>\t<cookie>")
    that the draw takes turns among or picks from."""
    # wrk needs at least one connection per thread.
    threads = min(THREADS, connections)
    command = [program, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += [f"--timeout={REQUEST_TIMEOUT_SECONDS}s", "-s", str(LUA_SCRIPT)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    arguments = ["--", draw]
    with tempfile.NamedTemporaryFile("w", prefix="portal-bench-", suffix=".txt") as file:
        if lines is not None:
            file.write("".join(f"{line}\n" for line in lines))
            file.flush()
            arguments += [file.name, str(threads), "unique" if unique else "repeat"]
        output = subprocess.run(
            [*command, url, *arguments], capture_output=True, text=True, check=True
        ).stdout
    for line in output.splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line.removeprefix("BENCH_RESULT "))
    raise RuntimeError(f"wrk printed no result for {url}:\n{output}")


def measure(
    program, url, *, seconds, connections, draw, headers, lines=None, unique=False, cpu_used=None
):
    """A short warm-up, then the measured run. With unique, the two runs take different lines
    (the first tenth warms up), so that the measured run asks nothing the warm-up asked.
    cpu_used: a function giving the CPU seconds each of the server's workers and database
    backends has used so far, for the CPU time each request cost them."""
    options = {"connections": connections, "draw": draw, "headers": headers, "unique": unique}
    warm_lines = run_lines = lines
    if lines is not None and unique:
        warm_lines, run_lines = lines[: len(lines) // 10], lines[len(lines) // 10 :]
    wrk(program, url, seconds=min(WARM_UP_SECONDS, seconds), lines=warm_lines, **options)
    wait_until_idle()
    before = cpu_used() if cpu_used else None
    result = wrk(program, url, seconds=seconds, lines=run_lines, **options)
    wait_until_idle()
    if before and result["requests"]:
        after = cpu_used()
        for name, earlier, later in zip(("worker", "database"), before, after, strict=True):
            result[f"{name}_cpu_ms"] = cpu_between(earlier, later) / result["requests"] * 1000
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
