"""City-scale benchmark of the portal: `make bench`, or `.venv/bin/python -m scripts.bench.run`.

Builds (or reuses) a benchmark database with a city's worth of data, serves the portal from it
with production settings under gunicorn (and nginx in front, when it is installed), drives each
page with wrk, in BENCH_ROUNDS rounds of every page, and writes the results to
docs/benchmarks.md and docs/benchmarks.json. Settings: BENCH_SECONDS (10) and BENCH_CONNECTIONS
(16) per page, BENCH_ROUNDS (3), BENCH_DATABASE_NAME (portal_bench); --rebuild builds the data set
again.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from contextlib import nullcontext
from functools import partial
from pathlib import Path

import django

from .steps import say

WORKERS = 4


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="build the data set again")
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE_NAME", "portal_bench"),
        help="the benchmark database on the project's PostgreSQL server (portal_bench)",
    )
    parser.add_argument(
        "--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)), help="per page"
    )
    parser.add_argument(
        "--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 16))
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=int(os.environ.get("BENCH_ROUNDS", 3)),
        help="every page is measured once a round; the report gives the median and the spread",
    )
    return parser.parse_args()


def project_database_url():
    """The project's PostgreSQL through its unix socket, as on a one-machine deployment."""
    command = [str(Path(__file__).resolve().parents[1] / "db.sh"), "url"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def configure(options):
    """Production settings on the benchmark database, for this process and the servers."""
    os.environ.setdefault("DATABASE_URL", project_database_url())
    os.environ.update(
        DJANGO_SETTINGS_MODULE="scripts.bench.settings",
        BENCH_DATABASE_NAME=options.database,
        DJANGO_DEBUG="",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    # Sessions made here must be valid in gunicorn: both sign them with the same key.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    django.setup()


def main():
    options = parse_arguments()
    configure(options)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    from django.core.management import call_command

    # These use the models, so they are imported once Django is set up.
    from . import data, load, pages, purge, report, servers
    from .urls import REFERENCE_PAGE

    wrk = servers.find_or_install("wrk", "wrk")
    if not wrk:
        raise SystemExit(
            "wrk drives the benchmark: install the package “wrk” "
            "(Debian/Ubuntu: sudo apt-get install wrk; macOS: brew install wrk)."
        )
    nginx = servers.find_or_install("nginx", "nginx")
    if not nginx:
        say("nginx is not installed (package “nginx”): the nginx references are left out.")

    dataset = data.prepare(rebuild=options.rebuild)
    # As the hourly refresh does in production: the titles' words for "Did you mean".
    call_command("refresh_search_words", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    say("Signing in the citizens and caseworkers, choosing articles and searches...")
    sessions = pages.signed_in_sessions()
    measured = [page for page in pages.benchmark_pages(sessions) if page.server != "nginx" or nginx]

    say("SQL queries per page (first request / a warm one):")
    queries = {}
    for page in measured:
        if page.server.startswith("gunicorn"):
            queries[page.key] = pages.count_queries(page, sessions)
            say(f"  {page.name:<60} {queries[page.key][0]:>3} / {queries[page.key][1]}")

    say(f"Serving with gunicorn ({WORKERS} workers) and measuring with wrk:")
    rounds = []
    with (
        tempfile.TemporaryDirectory(prefix="portal-bench-") as directory,
        servers.gunicorn(
            workers=WORKERS, environment=dict(os.environ), log=Path(directory) / "gunicorn.log"
        ) as (master, port),
        # The same portal without Django's connection health check, for its cost.
        servers.gunicorn(
            workers=WORKERS,
            environment={**os.environ, "DATABASE_CONN_HEALTH_CHECKS": "0"},
            log=Path(directory) / "gunicorn-unchecked.log",
        ) as (unchecked_master, unchecked_port),
        (
            servers.nginx(
                program=nginx,
                upstream_port=port,
                static_files={pages.REFERENCE_FILE: REFERENCE_PAGE},
            )
            if nginx
            else nullcontext((None, None))
        ) as (_, nginx_port),
    ):
        ports = {
            "gunicorn": port,
            "gunicorn without health checks": unchecked_port,
            "nginx": nginx_port,
        }
        base = {page.key: f"http://127.0.0.1:{ports[page.server]}" for page in measured}
        masters = {"gunicorn": master.pid, "gunicorn without health checks": unchecked_master.pid}
        cookies = {who: pages.cookie(key) for who, key in sessions.items()}
        for page in measured:
            path, who = (page.requests or [(page.path, "")])[0]
            load.check_answers_200(page.name, base[page.key] + path, cookies.get(who))
        if nginx:
            load.check_cache_bypassed(base["nginx_home"] + "/", cookies["citizen1"])
        compression = load.check_compression(
            f"http://127.0.0.1:{port}", cookies["citizen1"], pages.BROWSER_HEADERS
        )
        for number in range(1, options.rounds + 1):
            say(f"Round {number} of {options.rounds}:")
            rounds.append(measure_round(wrk, measured, base, masters, cookies, options))
        memory = servers.worker_memory(master.pid)
        nginx_cache_status = (
            load.fetch(base["nginx_home"] + "/")[1].get("X-Cache-Status") if nginx else None
        )

    purge_figures = None
    redis_server = servers.find_or_install("redis-server", "redis-server")
    if redis_server:
        say("Retiring page copies on several machines: the cost per request.")
        with servers.redis(program=redis_server) as redis_url:
            purge_figures = purge.measure(redis_url)
    else:
        say("Redis is not installed (package “redis-server”): the purge cost is left out.")

    report.write(
        purge=purge_figures,
        pages=measured,
        queries=queries,
        rounds=rounds,
        memory=memory,
        dataset=dataset,
        options=options,
        workers=WORKERS,
        threads=load.THREADS,
        compression=compression,
        nginx_cache_status=nginx_cache_status,
        nginx_missing=not nginx,
    )


def measure_round(wrk, measured, base, masters, cookies, options):
    """Every page once: its results, and the machine's load average before and after."""
    from . import load, pages, report, servers

    load_before = os.getloadavg()[0]
    results = {}
    for page in measured:
        lines = None
        if page.requests:
            lines = [f"{path}\t{cookies.get(who, '')}" for path, who in page.requests]
        results[page.key] = load.measure(
            wrk,
            base[page.key] + page.path,
            seconds=options.seconds,
            connections=page.connections or options.connections,
            draw=page.draw,
            headers=pages.BROWSER_HEADERS,
            lines=lines,
            unique=page.unique,
            cpu_used=(
                partial(servers.cpu_used, masters[page.server], options.database)
                if page.server in masters
                else None
            ),
        )
        say(report.result_line(page, results[page.key]))
    return {"results": results, "load": (load_before, os.getloadavg()[0])}


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        # The servers were stopped on the way out (servers.py).
        sys.exit("Interrupted.")
