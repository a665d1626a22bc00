"""Throughput of the running cluster (`make cluster`) through nginx: one app node (the other
stopped), then both; how far the replica was behind meanwhile. `make bench-cluster` runs it
with the nodes' environment and writes the "Several machines" section of docs/benchmarks.md
(measurements only: what they mean is written by hand under "What made the difference", which
both benchmarks keep).

The replica's delay is measured as a reader sees it: a writer commits a row with the primary's
clock ten times a second during the runs, and a reader polls the replica for the newest row.
"""

import os
import re
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import django

from .purge import cost_per_request_ns
from .report import CLUSTER_SECTION, MARKDOWN, markdown_table, section_bounds
from .steps import say

PROBE_TABLE = "bench_replication_probe"
CITIZEN_EMAIL = "citizen@demo.cityportal.example"
NODE_WORKERS = 2  # scripts/cluster.sh
BUSY_WORKER = 1000  # requests a second


class ReplicaDelay:
    """Rows committed on the primary ten times a second, and how long each took to be seen on
    the replica, in milliseconds. Every other row is committed durably (synchronous_commit on,
    as a production server does); the others as this development cluster commits everything
    (off: the log is sent when the WAL writer next writes it, within 200 ms)."""

    def __init__(self, primary, replica):
        self.primary, self.replica = primary, replica
        self.delays = {True: [], False: []}
        self.stopping = threading.Event()

    def write(self):
        durable = False
        with self.primary.cursor() as cursor:
            while not self.stopping.wait(0.1):
                durable = not durable
                cursor.execute(f"SET synchronous_commit = {'on' if durable else 'off'}")
                cursor.execute(
                    f"INSERT INTO {PROBE_TABLE} (written_at, durable) "
                    "VALUES (clock_timestamp(), %s)",
                    [durable],
                )

    def read(self):
        seen = 0
        with self.replica.cursor() as cursor:
            while not self.stopping.wait(0.005):
                cursor.execute(
                    f"SELECT id, durable, extract(epoch FROM clock_timestamp() - written_at) "
                    f"* 1000 FROM {PROBE_TABLE} WHERE id > %s ORDER BY id",
                    [seen],
                )
                for row_id, durable, delay in cursor.fetchall():
                    seen = row_id
                    self.delays[durable].append(float(delay))

    def __enter__(self):
        with self.primary.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {PROBE_TABLE}")
            cursor.execute(
                f"CREATE TABLE {PROBE_TABLE} "
                "(id bigserial PRIMARY KEY, written_at timestamptz, durable boolean)"
            )
        time.sleep(1)  # the table reaches the replica
        self.threads = [threading.Thread(target=self.write), threading.Thread(target=self.read)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        for thread in self.threads:
            thread.join()
        with self.primary.cursor() as cursor:
            cursor.execute(f"DROP TABLE {PROBE_TABLE}")

    def summary(self):
        return {
            "durable": percentiles(self.delays[True]),
            "development": percentiles(self.delays[False]),
        }


def percentiles(delays):
    ordered = sorted(delays)
    if not ordered:
        return {"rows": 0}

    def at(share):
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)

    return {"rows": len(ordered), "p50_ms": at(0.5), "p99_ms": at(0.99), "max_ms": at(1.0)}


def connect(socket_conninfo):
    import psycopg2

    connection = psycopg2.connect(f"{socket_conninfo} user=portal dbname=portal")
    connection.autocommit = True
    return connection


def citizen_cookie():
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(get_user_model().objects.get(email=CITIZEN_EMAIL))
    return f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}"


def measurements(cookie):
    """(name, path, cookie, unique): the pages nginx passes on to the app nodes."""
    return [
        ("News list, anonymous, made for each request (replica)", "/news/", None, True),
        ("Search, anonymous, made for each request (replica)", "/search/?q=ferry", None, True),
        ("Home, signed in (primary)", "/", cookie, False),
    ]


def browser_headers(cookie):
    from .pages import BROWSER_HEADERS

    return {**BROWSER_HEADERS, **({"Cookie": cookie} if cookie else {})}


def cluster_sh(command, part):
    script = Path(__file__).resolve().parents[1] / "cluster.sh"
    subprocess.run([str(script), command, part], check=True, capture_output=True, timeout=120)


def measure_pages(wrk, pages, seconds, connections):
    from . import load

    results = []
    for name, path, cookie, unique in pages:
        result = load.measure(
            wrk,
            os.environ["CLUSTER_URL"] + path,
            seconds=seconds,
            connections=connections,
            draw="unique" if unique else "same",
            headers=browser_headers(cookie),
        )
        say(f"  {name}: {result['rps']:,.0f} req/s, p99 {result['p99_ms']:.1f} ms")
        results.append(result)
    return results


def run(wrk, seconds, connections):
    """Each page through nginx with node 2 stopped, then with both nodes; and nginx's own
    copy of the anonymous home page, which no node is asked for."""
    from . import load

    pages = measurements(citizen_cookie())
    primary = connect(os.environ["CLUSTER_PRIMARY_SOCKET"])
    replica = connect(os.environ["CLUSTER_REPLICA_SOCKET"])
    with ReplicaDelay(primary, replica) as delay:
        load_before = os.getloadavg()[0]
        say("One node (node 2 stopped), through nginx:")
        cluster_sh("stop", "node2")
        try:
            one_node = measure_pages(wrk, pages, seconds, connections)
        finally:
            cluster_sh("start", "node2")
        say("Two nodes, through nginx:")
        two_nodes = measure_pages(wrk, pages, seconds, connections)
        micro_cache = load.measure(
            wrk,
            os.environ["CLUSTER_URL"] + "/",
            seconds=seconds,
            connections=connections,
            draw="same",
            headers=browser_headers(None),
        )
        load_after = os.getloadavg()[0]
    rows = [
        [name, *figures(one), *figures(two)]
        for (name, *_), one, two in zip(pages, one_node, two_nodes, strict=True)
    ]
    return rows, micro_cache, delay.summary(), (load_before, load_after)


def figures(result):
    return [f"{result['rps']:,.0f}", f"{result['p99_ms']:.1f}", str(result["errors"])]


def purge_line(purge_figures):
    return (
        f"Retiring page copies (`portal/purge.py`) costs a request "
        f"{purge_figures['between_checks_ns']} ns between two checks "
        f"({purge_figures['one_machine_ns']} ns on one machine, where it does nothing), and a "
        f"check, one Redis read, {purge_figures['check_us']} µs, at most "
        f"{purge_figures['checks_per_second']:.0f} a second in each process: at "
        f"{BUSY_WORKER:,} requests a second in a worker (more than any page reaches in "
        f"`make bench`), {cost_per_request_ns(purge_figures, BUSY_WORKER) / 1000:.1f} µs a "
        "request in all."
    )


def delay_text(figures):
    return (
        f"median {figures.get('p50_ms')} ms, p99 {figures.get('p99_ms')} ms, at most "
        f"{figures.get('max_ms')} ms ({figures.get('rows', 0)} rows)"
    )


def section(rows, micro_cache, delay, load_average, seconds, connections, purge_figures):
    header = [
        "Page",
        "one node: req/s",
        "p99 ms",
        "errors",
        "two nodes: req/s",
        "p99 ms",
        "errors",
    ]
    notes = [
        (
            f"- Measured by `make bench-cluster` ({datetime.now().astimezone():%Y-%m-%d %H:%M %Z}) "
            "on the running `make cluster` with the demo data: wrk with "
            f"{connections} connections for {seconds} s per page, through nginx, first with node 2 "
            f"stopped ({NODE_WORKERS} gunicorn workers), then with both nodes "
            f"({2 * NODE_WORKERS} workers). Everything shares the machine's cores."
        ),
        (
            f"- The anonymous home page, which nginx answers from its one-second copy without "
            f"asking a node: {micro_cache['rps']:,.0f} req/s, p99 {micro_cache['p99_ms']:.1f} ms."
        ),
        (
            "- The replica's delay during the runs, as a reader sees it (a row committed on the "
            "primary ten times a second, polled on the replica): committed durably "
            f"(`synchronous_commit` on, as in production) {delay_text(delay['durable'])}; "
            "committed as this development cluster commits (off) "
            f"{delay_text(delay['development'])}."
        ),
        f"- {purge_line(purge_figures)}",
        (
            f"- Load average (1 min) before the runs: {load_average[0]:.2f}; after: "
            f"{load_average[1]:.2f}."
        ),
    ]
    return f"""{CLUSTER_SECTION}

{markdown_table(header, rows)}

{chr(10).join(notes)}
"""


def write_section(text):
    """Put `text` in place of the section under CLUSTER_SECTION, or at the end."""
    document = MARKDOWN.read_text()
    bounds = section_bounds(document, CLUSTER_SECTION)
    if bounds:
        start, end = bounds
        document = document[:start] + text + document[end:]
    else:
        document = document.rstrip() + "\n\n" + text
    MARKDOWN.write_text(re.sub(r"\n{3,}", "\n\n", document))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    from . import purge, servers

    wrk = servers.find_or_install("wrk", "wrk")
    if not wrk:
        sys.exit("wrk drives the benchmark: install the package “wrk”.")
    seconds = int(os.environ.get("BENCH_SECONDS", 10))
    connections = int(os.environ.get("BENCH_CONNECTIONS", 16))
    say("Measuring the cluster with wrk: one node, then two through nginx.")
    rows, micro_cache, delay, load_average = run(wrk, seconds, connections)
    say("Retiring page copies: the cost per request, through the cluster's Redis.")
    purge_figures = purge.measure(os.environ["REDIS_URL"])
    write_section(
        section(rows, micro_cache, delay, load_average, seconds, connections, purge_figures)
    )
    say(f"Written to {MARKDOWN}.")


if __name__ == "__main__":
    main()
