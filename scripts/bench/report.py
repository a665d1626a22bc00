"""The benchmark's report: a table on the terminal, docs/benchmarks.md and docs/benchmarks.json."""

import json
import os
import platform
import re
import shlex
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import django
from django.conf import settings
from django.db import connection

from news.models import Article
from portal.fulltext import web_search_query

from .dataset import CASEWORKER_EMAIL, CITIZEN_EMAIL, PASSWORD
from .pages import SEARCH_WORDS
from .purge import cost_per_request_ns
from .servers import find_program
from .steps import say

BASE_DIR = Path(__file__).resolve().parents[2]
MARKDOWN = BASE_DIR / "docs" / "benchmarks.md"
JSON = BASE_DIR / "docs" / "benchmarks.json"
# Written by people, not by the benchmark: kept when the report is written again.
KEPT_SECTION = "## What made the difference"
KEPT_SECTION_DEFAULT = "See the commit history of the tuning work."
# Written by `make bench-cluster` (scripts/bench/cluster.py): kept too.
CLUSTER_SECTION = "## Several machines"

MEMORY_LIMIT_MB = 150
ANONYMOUS_PAGES = ["home", "news", "article", "faq"]
SIGNED_IN_PAGES = ["home_signed_in", "applications"]


def result_line(page, result):
    if not result["requests"]:
        return f"  {page.name:<34} no request finished   errors {result['errors']}"
    return (
        f"  {page.name:<34} {result['rps']:>9,.0f} req/s   p50 {result['p50_ms']:6.1f}   "
        f"p95 {result['p95_ms']:6.1f}   p99 {result['p99_ms']:6.1f} ms   "
        f"errors {result['errors']}"
    )


def machine():
    cpu_model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model or platform.processor(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "postgresql": postgres,
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": version_of(["gunicorn", "--version"]),
        "nginx": version_of(["nginx", "-v"]),
        "wrk": version_of(["wrk", "-v"]),
    }


def version_of(command):
    in_environment = Path(sys.executable).parent / command[0]  # gunicorn
    program = str(in_environment) if in_environment.exists() else find_program(command[0])
    if not program:
        return ""
    try:
        done = subprocess.run([program, *command[1:]], capture_output=True, text=True, timeout=10)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return ""
    version = re.search(r"\d+\.\d+(\.\d+)?", done.stdout + done.stderr)
    return version[0] if version else ""


def the_command(options):
    variables = f"BENCH_SECONDS={options.seconds} BENCH_CONNECTIONS={options.connections}"
    if os.environ.get("MAKELEVEL"):
        return f"{variables} make bench" + (" BENCH_ARGS=--rebuild" if options.rebuild else "")
    return f"{variables} .venv/bin/python -m scripts.bench.run {shlex.join(sys.argv[1:])}".strip()


def database_connection():
    host = settings.DATABASES["default"]["HOST"]
    return "through its unix socket" if host.startswith("/") else f"over TCP at {host}"


def reference_rps(results):
    """The trivial view's req/s: the mean of its first and last measurement."""
    return (results["reference"]["rps"] + results["reference_again"]["rps"]) / 2


def drift(results):
    """How much the trivial view's two measurements differ, as a fraction of their mean."""
    first, last = results["reference"]["rps"], results["reference_again"]["rps"]
    return abs(first - last) / reference_rps(results)


def targets(results, memory, nginx_missing):
    """(what, passed or None when not measured, what was measured) for each target."""
    reference = reference_rps(results)

    def ratio(key):
        return results[key]["rps"] / reference

    def latency(key, percentile):
        # No finished request: the page is slower than anything the target allows.
        result = results[key]
        return result[f"{percentile}_ms"] if result["requests"] else float("inf")

    lines = []
    for key in ANONYMOUS_PAGES:
        lines.append(
            (
                f"{key_name(key)}: ≥ 0.6× the trivial view's req/s and p99 < 25 ms",
                ratio(key) >= 0.6 and latency(key, "p99") < 25,
                f"{ratio(key):.3f}×, p99 {latency(key, 'p99'):.1f} ms",
            )
        )
    if nginx_missing:
        lines.append(("Home through the nginx micro-cache: ≥ 0.5× nginx static", None, "no nginx"))
    else:
        home, static = results["nginx_home"]["rps"], results["nginx_static"]["rps"]
        lines.append(
            (
                "Home through the nginx micro-cache: ≥ 0.5× nginx serving a static file",
                home >= 0.5 * static,
                f"{home / static:.3f}× ({home:,.0f} against {static:,.0f} req/s)",
            )
        )
    for key in SIGNED_IN_PAGES:
        lines.append(
            (
                f"{key_name(key)}: ≥ 0.25× the trivial view's req/s and p99 < 50 ms",
                ratio(key) >= 0.25 and latency(key, "p99") < 50,
                f"{ratio(key):.3f}×, p99 {latency(key, 'p99'):.1f} ms",
            )
        )
    search = latency("search_alone", "p95")
    lines.append(
        ("Search, one request at a time: p95 < 100 ms", search < 100, f"p95 {search:.1f} ms")
    )
    admin = latency("admin_reference_alone", "p95")
    lines.append(
        (
            "Admin search by reference, one request at a time: p95 < 50 ms",
            admin < 50,
            f"p95 {admin:.1f} ms",
        )
    )
    largest = max(memory.values()) if memory else 0
    lines.append(
        (
            f"Every gunicorn worker < {MEMORY_LIMIT_MB} MB resident after the run",
            bool(memory) and largest < MEMORY_LIMIT_MB,
            f"largest {largest:.0f} MB",
        )
    )
    errors = sum(result["errors"] for result in results.values())
    lines.append(("No errors on any page", errors == 0, f"{errors} errors"))
    return lines


NAMES = {
    "home": "Anonymous home",
    "news": "News list",
    "article": "Article",
    "faq": "FAQ",
    "home_signed_in": "Signed-in home",
    "applications": "/applications/ (1,000 applications)",
}


def key_name(key):
    return NAMES[key]


def mark(passed):
    return {True: "pass", False: "FAIL", None: "not measured"}[passed]


def table_rows(pages, queries, results):
    reference = reference_rps(results)
    static = results.get("nginx_static", {}).get("rps")
    rows = []
    for page in pages:
        result = results[page.key]
        if page.server == "nginx":
            compared = f"{result['rps'] / static:.2f}× static" if static else ""
        else:
            compared = f"{result['rps'] / reference:.2f}×"
        first, warm = queries.get(page.key, ("", ""))
        latencies = [
            f"{result[f'{percentile}_ms']:.1f}" if result["requests"] else "–"
            for percentile in ("p50", "p95", "p99")
        ]
        rows.append(
            [
                page.name,
                f"`{page.path}`",
                page.who or "anonymous",
                f"{first} / {warm}" if page.key in queries else "",
                f"{result['kb_per_response']:,.0f}",
                f"{result['rps']:,.1f}" if result["rps"] < 10 else f"{result['rps']:,.0f}",
                compared,
                *latencies,
                str(result["errors"]),
            ]
        )
    return rows


HEADER = [
    "Page",
    "URL",
    "As",
    "SQL queries (first / warm)",
    "KB",
    "req/s",
    "× trivial view",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
]


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(header, rows):
    rows = [[cell.strip("`") for cell in row] for row in rows]
    widths = [max(len(row[n]) for row in [header, *rows]) for n in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    )


def section_of(heading, default=""):
    """The section of docs/benchmarks.md under `heading`, up to the next one."""
    text = MARKDOWN.read_text() if MARKDOWN.exists() else ""
    found = re.search(rf"^{re.escape(heading)}$", text, flags=re.MULTILINE)
    if not found:
        return f"{heading}\n\n{default}\n" if default else ""
    end = text.find("\n## ", found.end())
    return text[found.start() : end if end != -1 else len(text)].rstrip() + "\n"


def kept_section():
    cluster = section_of(CLUSTER_SECTION)
    return section_of(KEPT_SECTION, KEPT_SECTION_DEFAULT) + (f"\n{cluster}" if cluster else "")


def search_matches(words):
    return Article.objects.filter(search_vector=web_search_query(words)).count()


def dataset_lines(dataset):
    sizes = dataset["sizes"]
    timings = dataset["timings"]
    lines = [
        f"- {sizes['articles']:,} news articles in {sizes['channels']} channels, over ten years",
        f"- {sizes['faq_questions']:,} FAQ questions in {sizes['faq_topics']} topics",
        f"- {sizes['users']:,} users with a verified email address, plus a demo citizen and "
        f"{sizes['caseworkers']} caseworkers (two-factor authentication on)",
        f"- {sizes['applications']:,} applications for {sizes['services']} services, each with "
        "3 to 6 status changes, and the demo citizen's "
        f"{sizes['citizen_applications']:,} applications",
        f"- {sizes['inquiries']:,} inquiries with their history, and the demo citizen's "
        f"{sizes['citizen_inquiries']}",
        f"- the search for `{SEARCH_WORDS}` matches {search_matches(SEARCH_WORDS):,} articles",
        f"- every account's password is `{PASSWORD}`; the demo citizen is `{CITIZEN_EMAIL}`, the "
        f"caseworker `{CASEWORKER_EMAIL}`",
    ]
    when = "reused from an earlier build" if dataset.get("reused") else "built by this run"
    total = timings.get("total", 0)
    lines += [
        "",
        f"Build time ({when}, {dataset['completed_at']:%Y-%m-%d}): **{total / 60:.1f} minutes**.",
        "",
        markdown_table(
            ["Step", "Seconds"],
            [[step, f"{seconds:.1f}"] for step, seconds in timings.items() if step != "total"],
        ),
    ]
    return "\n".join(lines)


def purge_note(purge_figures, results, workers):
    if not purge_figures:
        return "- Redis is not installed: the cost of retiring page copies was not measured."
    per_process = results["reference"]["rps"] / workers
    return (
        "- Retiring page copies on several machines (`portal/purge.py`, with `REDIS_URL` set) "
        f"costs a request {purge_figures['between_checks_ns']} ns between two checks (the same "
        f"middleware does nothing in {purge_figures['one_machine_ns']} ns on one machine); a "
        f"check reads the generation number from Redis in {purge_figures['check_us']} µs, at "
        f"most {purge_figures['checks_per_second']:.0f} times a second in each process. At the "
        f"trivial view's {per_process:,.0f} requests a second per worker that is "
        f"{cost_per_request_ns(purge_figures, per_process) / 1000:.1f} µs a request in all "
        "(measured in-process, `scripts/bench/purge.py`)."
    )


def write(
    *,
    purge,
    pages,
    queries,
    results,
    memory,
    dataset,
    options,
    workers,
    threads,
    load,
    nginx_cache_status,
    nginx_missing,
):
    about = machine()
    now = datetime.now().astimezone()
    command = the_command(options)
    rows = table_rows(pages, queries, results)
    checks = targets(results, memory, nginx_missing)
    worker_memory = ", ".join(f"{mb:.0f} MB" for mb in memory.values())

    say()
    say(text_table(HEADER, rows))
    say()
    say(f"Resident memory of each gunicorn worker after the run: {worker_memory}.")
    if drift(results) > 0.2 or load[0] > 1:
        say(
            f"Careful: the trivial view's two runs differ by {drift(results):.0%} and the load "
            f"average was {load[0]:.1f} before the run; other work on the machine skews the ratios."
        )
    say("Targets:")
    for what, passed, measured in checks:
        say(f"  {mark(passed):<5} {what} ({measured})")

    notes = [
        f"- gunicorn with {workers} sync workers on 127.0.0.1, `DEBUG` off, reaching PostgreSQL "
        f"{database_connection()}; wrk with {threads} "
        f"threads and {options.connections} connections for {options.seconds} s per page, after "
        "a short warm-up; everything runs on the same machine, so wrk, gunicorn, nginx and "
        "PostgreSQL share its cores.",
        "- The trivial view returns a fixed 30 KB page from a string through the same middleware "
        "(`scripts/bench/urls.py`): no Django page can be faster here. It is measured first and "
        "again last; ratios are to the mean of the two, which differ by "
        f"{drift(results):.0%}. nginx serves the same 30 KB as a static file.",
        "- nginx runs the shipped `docs/nginx.conf.example` with the benchmark's ports and paths"
        + (
            f"; the home page's `X-Cache-Status` after the run: {nginx_cache_status}."
            if nginx_cache_status
            else "."
        ),
        "- SQL queries are counted in-process with Django's test client against the same "
        "database and settings: the first request, then a second (warm) one.",
        "- Each search request asks a different address (`&n=...`), so every one runs the search "
        "instead of being answered from the copy kept for anonymous visitors.",
        purge_note(purge, results, workers),
        f"- Load average (1 min) of the machine before the measurements: {load[0]:.2f}; "
        f"after: {load[1]:.2f}. Other work on the machine lowers the figures.",
    ]
    target_rows = [[what, mark(passed), measured] for what, passed, measured in checks]
    markdown = f"""# Benchmarks

The portal at city scale, measured by `make bench` ({now:%Y-%m-%d %H:%M %Z}).

## Machine

- {about["cores"]} cores, {about["cpu"]}, {about["memory_gb"]} GB RAM ({about["os"]})
- PostgreSQL {about["postgresql"]}, Python {about["python"]}, Django {about["django"]},
  gunicorn {about["gunicorn"]}, nginx {about["nginx"] or "(not installed)"}, wrk {about["wrk"]}

## Command

```sh
{command}
```

`make bench` builds the data set into the database `portal_bench` on the project's PostgreSQL the
first time (`BENCH_DATABASE_NAME` names another), and reuses it afterwards;
`make bench BENCH_ARGS=--rebuild` builds it again. `BENCH_SECONDS` (10) and `BENCH_CONNECTIONS`
(16) set how long and how hard each page is driven; `BENCH_SECONDS=3 make bench` is a quick look.
The benchmark installs `wrk` and `nginx` with apt-get when it runs as root and they are missing.

## Data set

{dataset_lines(dataset)}

## Results

{markdown_table(HEADER, rows)}

Resident memory (VmRSS) of each gunicorn worker after the run: {worker_memory}.

{chr(10).join(notes)}

## Targets

2 cores, 4 workers, ratios from the same run.

{markdown_table(["Target", "Result", "Measured"], target_rows)}

{kept_section()}"""
    MARKDOWN.parent.mkdir(exist_ok=True)
    MARKDOWN.write_text(markdown)
    JSON.write_text(
        json.dumps(
            {
                "date": now.isoformat(timespec="seconds"),
                "machine": about,
                "command": command,
                "settings": {
                    "seconds": options.seconds,
                    "connections": options.connections,
                    "threads": threads,
                    "workers": workers,
                },
                "load_average": {"before": load[0], "after": load[1]},
                "dataset": {
                    "version": dataset["version"],
                    "sizes": dataset["sizes"],
                    "build_seconds": dataset["timings"],
                    "reused": dataset.get("reused", False),
                },
                "pages": [
                    {
                        "key": page.key,
                        "name": page.name,
                        "path": page.path,
                        "as": page.who or "anonymous",
                        "server": page.server,
                        "queries_first": queries.get(page.key, [None, None])[0],
                        "queries_warm": queries.get(page.key, [None, None])[1],
                        **results[page.key],
                    }
                    for page in pages
                ],
                "worker_memory_mb": list(memory.values()),
                "page_copies_purge": purge,
                "targets": [
                    {"target": what, "passed": passed, "measured": measured}
                    for what, passed, measured in checks
                ],
            },
            indent=2,
            default=str,
        )
        + "\n"
    )
    say()
    say(f"Written to {MARKDOWN.relative_to(BASE_DIR)} and {JSON.relative_to(BASE_DIR)}.")
