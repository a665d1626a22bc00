"""The benchmark's report: a table on the terminal, docs/benchmarks.md and docs/benchmarks.json."""

import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import django
from django.conf import settings
from django.db import connection

from .dataset import CASEWORKER_EMAIL, CITIZEN_EMAIL, PASSWORD
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

# (pages, what, least share of the trivial view's req/s, p99 below this many ms)
THROUGHPUT_TARGETS = [
    (["home", "news", "article", "faq"], "{name}", 0.6, 25),
    (["articles"], "Articles drawn from the sitemap, popular ones more often", 0.25, 50),
    (["search"], "Search, each different, 16 connections", 0.08, 200),
    (["home_signed_in", "applications", "application"], "{name}", 0.2, 50),
]
# (page, what, percentile, below this many ms)
LATENCY_TARGETS = [
    ("search_alone", "Search, each different, one request at a time", "p95", 50),
    (
        "search_misspelt_alone",
        "Search with a misspelt word, each different, one at a time",
        "p95",
        50,
    ),
    ("search_chinese_alone", "Search in Chinese, each different, one at a time", "p95", 100),
    ("admin_status", "Admin: applications by status, 16 connections", "p95", 150),
    ("admin_reference", "Admin: search by reference, 16 connections", "p95", 150),
    ("admin_mine", "Admin: assigned to me, 16 connections", "p95", 150),
]
TARGET_NAMES = {
    "home": "Anonymous home",
    "news": "News list",
    "article": "One article, again and again",
    "faq": "FAQ",
    "home_signed_in": "Signed-in home, 200 citizens in turn",
    "applications": "/applications/ (1,000 applications), 200 citizens in turn",
    "application": "One application, 200 citizens in turn",
}
# How each encoding check should come out: compressed ("gzip") or not ("").
COMPRESSION_EXPECTED = {
    "anonymous home, first request": "gzip",
    "anonymous home, kept copy": "gzip",
    "sign-in page (form token)": "",
    "signed-in home": "",
}


def result_line(page, result):
    if not result["requests"]:
        return f"  {page.name:<60} no request finished   errors {result['errors']}"
    kept = result["kept_copies"] / result["requests"]
    cpu = (
        f"   cpu {result['worker_cpu_ms']:5.2f} + {result['database_cpu_ms']:4.2f} ms"
        if "worker_cpu_ms" in result
        else ""
    )
    return (
        f"  {page.name:<60} {result['rps']:>8,.0f} req/s   p50 {result['p50_ms']:6.1f}   "
        f"p95 {result['p95_ms']:6.1f}   p99 {result['p99_ms']:6.1f} ms   "
        f"kept {kept:4.0%}{cpu}   errors {result['errors']}"
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
    variables = (
        f"BENCH_SECONDS={options.seconds} BENCH_CONNECTIONS={options.connections} "
        f"BENCH_ROUNDS={options.rounds}"
    )
    if os.environ.get("MAKELEVEL"):
        return f"{variables} make bench" + (" BENCH_ARGS=--rebuild" if options.rebuild else "")
    return f"{variables} .venv/bin/python -m scripts.bench.run {shlex.join(sys.argv[1:])}".strip()


def database_connection():
    host = settings.DATABASES["default"]["HOST"]
    return "through its unix socket" if host.startswith("/") else f"over TCP at {host}"


def reference_rps(results):
    """The trivial view's req/s in one round: the mean of its first and last measurement."""
    return (results["reference"]["rps"] + results["reference_again"]["rps"]) / 2


def drift(results):
    """How much the trivial view's two measurements differ, as a fraction of their mean."""
    first, last = results["reference"]["rps"], results["reference_again"]["rps"]
    return abs(first - last) / reference_rps(results)


def ratio_in(results, page):
    """req/s as a share of the reference measured in the same round: the trivial view, or for
    nginx, nginx serving the same bytes as a static file."""
    result = results[page.key]
    if page.server == "nginx":
        return result["rps"] / results["nginx_static"]["rps"]
    return result["rps"] / reference_rps(results)


def median_of(results, name):
    found = [result[name] for result in results if name in result]
    return statistics.median(found) if found else None


def summarise(pages, rounds):
    """For each page, the median over the rounds of each figure, and the spread of its ratio."""
    summary = {}
    for page in pages:
        results = [one["results"][page.key] for one in rounds]
        ratios = [ratio_in(one["results"], page) for one in rounds]

        def median(name, results=results):
            finished = [result[name] for result in results if result["requests"]]
            return statistics.median(finished) if finished else float("inf")

        summary[page.key] = {
            "rps": statistics.median(result["rps"] for result in results),
            "ratio": statistics.median(ratios),
            "ratio_low": min(ratios),
            "ratio_high": max(ratios),
            "p50_ms": median("p50_ms"),
            "p95_ms": median("p95_ms"),
            "p99_ms": median("p99_ms"),
            "kb_per_response": median("kb_per_response"),
            "kept_share": statistics.median(
                result["kept_copies"] / max(result["requests"], 1) for result in results
            ),
            "worker_cpu_ms": median_of(results, "worker_cpu_ms"),
            "database_cpu_ms": median_of(results, "database_cpu_ms"),
            "errors": sum(result["errors"] for result in results),
        }
    return summary


def targets(summary, memory, compression, nginx_missing):
    """(what, passed or None when not measured, what was measured) for each target."""
    lines = []
    for keys, what, least, p99 in THROUGHPUT_TARGETS:
        for key in keys:
            figures = summary[key]
            lines.append(
                (
                    (
                        f"{what.format(name=TARGET_NAMES.get(key, key))}: ≥ {least}× the trivial "
                        f"view's req/s and p99 < {p99} ms"
                    ),
                    figures["ratio"] >= least and figures["p99_ms"] < p99,
                    (
                        f"{figures['ratio']:.3f}× ({figures['ratio_low']:.3f}–"
                        f"{figures['ratio_high']:.3f}), p99 {figures['p99_ms']:.1f} ms"
                    ),
                )
            )
    for key, what, percentile, below in LATENCY_TARGETS:
        measured = summary[key][f"{percentile}_ms"]
        lines.append((f"{what}: {percentile} < {below} ms", measured < below, f"{measured:.1f} ms"))
    if nginx_missing:
        lines.append(("Home through the nginx micro-cache: ≥ 0.5× nginx static", None, "no nginx"))
    else:
        home = summary["nginx_home"]
        lines.append(
            (
                "Home through the nginx micro-cache: ≥ 0.5× nginx serving a static file",
                home["ratio"] >= 0.5,
                (
                    f"{home['ratio']:.3f}× ({home['rps']:,.0f} against "
                    f"{summary['nginx_static']['rps']:,.0f} req/s)"
                ),
            )
        )
    wrong = [
        what for what, expected in COMPRESSION_EXPECTED.items() if compression[what] != expected
    ]
    lines.append(
        (
            (
                "Shared pages compressed for browsers that take gzip; pages with a form token or "
                "personal data never"
            ),
            not wrong,
            "; ".join(f"{what}: {compression[what] or 'identity'}" for what in compression),
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
    errors = sum(figures["errors"] for figures in summary.values())
    lines.append(("No errors on any page", errors == 0, f"{errors} errors"))
    return lines


def health_check_cost(summary):
    """What Django's connection health check costs a light page, from the two servers."""
    checked, unchecked = summary["services"], summary["services_unchecked"]
    change = 1 - checked["rps"] / unchecked["rps"]
    return (
        "Django's connection health check (`DATABASE_CONN_HEALTH_CHECKS`, on by default) sends "
        "`SELECT 1` before the first query of each request. On `/services/` signed in, a page "
        "that runs one query of its own after the session and the person, the portal answered"
        f" {checked['rps']:,.0f} req/s with the check "
        f"and {unchecked['rps']:,.0f} req/s without it ({change:.0%} "
        f"{'fewer' if change >= 0 else 'more'} with it; p50 {checked['p50_ms']:.1f} against "
        f"{unchecked['p50_ms']:.1f} ms)."
    )


def least_ratio(key):
    return next(least for keys, _, least, _ in THROUGHPUT_TARGETS if key in keys)


def layout_floor(summary):
    """What the portal's layout alone answers, beside what the targets ask of whole pages."""
    anonymous, signed_in = summary["layout"], summary["layout_signed_in"]
    return (
        "The portal's layout with nothing in it (`/bench/layout/`: header, language links, "
        'breadcrumb, footer and the "Is this page useful?" form, never kept) answered '
        f"{anonymous['ratio']:.2f}× the trivial view's req/s anonymous and "
        f"{signed_in['ratio']:.2f}× signed in. Every page costs that before its own content "
        "and queries: an article drawn from the sitemap is asked for "
        f"{least_ratio('articles')}×, a signed-in page {least_ratio('home_signed_in')}×."
    )


def mark(passed):
    return {True: "pass", False: "FAIL", None: "not measured"}[passed]


def cache_cell(page, figures):
    if page.server == "nginx":
        return "nginx" if page.cache else ""
    if page.cache == "no":
        return "no"
    return f"{page.cache} ({figures['kept_share']:.0%} kept copies)"


def table_rows(pages, queries, summary):
    rows = []
    for page in pages:
        figures = summary[page.key]
        compared = "static" if page.server == "nginx" else "trivial view"
        first, warm = queries.get(page.key, ("", ""))
        cpu = (
            f"{figures['worker_cpu_ms']:.2f} + {figures['database_cpu_ms']:.2f}"
            if figures["worker_cpu_ms"] is not None
            else ""
        )
        latencies = [
            f"{figures[f'{percentile}_ms']:.1f}" if figures["rps"] else "–"
            for percentile in ("p50", "p95", "p99")
        ]
        rows.append(
            [
                page.name,
                f"`{page.path}`",
                page.who or "anonymous",
                cache_cell(page, figures),
                f"{first} / {warm}" if page.key in queries else "",
                cpu,
                f"{figures['kb_per_response']:,.0f}",
                f"{figures['rps']:,.1f}" if figures["rps"] < 10 else f"{figures['rps']:,.0f}",
                f"{figures['ratio']:.2f}× {compared}",
                f"{figures['ratio_low']:.2f}–{figures['ratio_high']:.2f}",
                *latencies,
                str(figures["errors"]),
            ]
        )
    return rows


HEADER = [
    "Page",
    "URL",
    "As",
    "Page cache could answer",
    "SQL queries (first / warm)",
    "CPU ms a request (worker + database)",
    "KB",
    "req/s",
    "× reference",
    "spread",
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


def section_bounds(text, heading):
    """Where the section under `heading` (a line of its own) starts in `text` and where the
    next one does (or the end), or None."""
    found = re.search(rf"^{re.escape(heading)}$", text, flags=re.MULTILINE)
    if not found:
        return None
    end = text.find("\n## ", found.end())
    return found.start(), end if end != -1 else len(text)


def section_of(heading, default=""):
    """The section of docs/benchmarks.md under `heading`, up to the next one."""
    text = MARKDOWN.read_text() if MARKDOWN.exists() else ""
    bounds = section_bounds(text, heading)
    if not bounds:
        return f"{heading}\n\n{default}\n" if default else ""
    start, end = bounds
    return text[start:end].rstrip() + "\n"


def kept_section():
    cluster = section_of(CLUSTER_SECTION)
    return section_of(KEPT_SECTION, KEPT_SECTION_DEFAULT) + (f"\n{cluster}" if cluster else "")


def dataset_lines(dataset):
    sizes = dataset["sizes"]
    timings = dataset["timings"]
    lines = [
        f"- {sizes['articles']:,} news articles in {sizes['channels']} channels, over ten years"
        + (
            f"; one in {sizes['chinese_articles_every']} with a Chinese version"
            if "chinese_articles_every" in sizes
            else ""
        ),
        f"- {sizes['faq_questions']:,} FAQ questions in {sizes['faq_topics']} topics",
        (
            f"- {sizes['users']:,} users with a verified email address, plus {sizes['citizens']} "
            f"citizens whose pages are measured and {sizes['caseworkers']} caseworkers (two-factor "
            "authentication on)"
        ),
        (
            f"- {sizes['applications']:,} applications for {sizes['services']} services, each with "
            f"2 to 6 status changes, and {sizes['applications_per_citizen']:,} for each of the "
            f"{sizes['citizens']} citizens"
        ),
        (
            f"- {sizes['inquiries']:,} inquiries with their history, and "
            f"{sizes['inquiries_per_citizen']} for each citizen"
        ),
        (
            f"- every account's password is `{PASSWORD}`; the citizens are "
            f"`{CITIZEN_EMAIL.format('1')}` to `{CITIZEN_EMAIL.format(sizes['citizens'])}`, the "
            f"caseworkers `{CASEWORKER_EMAIL.format('1')}` to "
            f"`{CASEWORKER_EMAIL.format(sizes['caseworkers'])}`"
        ),
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


def purge_note(purge_figures, summary, workers):
    if not purge_figures:
        return "- Redis is not installed: the cost of retiring page copies was not measured."
    per_process = summary["reference"]["rps"] / workers
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
    rounds,
    memory,
    dataset,
    options,
    workers,
    threads,
    compression,
    nginx_cache_status,
    nginx_missing,
):
    about = machine()
    now = datetime.now().astimezone()
    command = the_command(options)
    summary = summarise(pages, rounds)
    rows = table_rows(pages, queries, summary)
    checks = targets(summary, memory, compression, nginx_missing)
    worker_memory = ", ".join(f"{mb:.0f} MB" for mb in memory.values())
    loads = "; ".join(
        f"round {number}: {one['load'][0]:.2f} before, {one['load'][1]:.2f} after"
        for number, one in enumerate(rounds, 1)
    )
    drifts = ", ".join(f"{drift(one['results']):.0%}" for one in rounds)

    say()
    say(text_table(HEADER, rows))
    say()
    say(f"Resident memory of each gunicorn worker after the run: {worker_memory}.")
    say(f"Load average (1 min): {loads}.")
    say(health_check_cost(summary))
    say(layout_floor(summary))
    say("Targets:")
    for what, passed, measured in checks:
        say(f"  {mark(passed):<5} {what} ({measured})")

    notes = [
        (
            f"- gunicorn with {workers} sync workers on 127.0.0.1, `DEBUG` off, reaching "
            f"PostgreSQL {database_connection()}; wrk with {threads} threads and "
            f"{options.connections} connections (unless the page says one request at a time) "
            f"for {options.seconds} s per "
            "page, after a short warm-up; everything runs on the same machine, so wrk, gunicorn, "
            "nginx and PostgreSQL share its cores."
        ),
        (
            f"- Every page was measured in {len(rounds)} rounds, one after the other; the table "
            "gives each figure's median over the rounds, and the spread of the ratio (lowest to "
            "highest). Ratios are to the reference measured in the same round: the trivial view, "
            "which returns a fixed 30 KB page from a string through the same middleware "
            "(`scripts/bench/urls.py`), measured first and again last in each round (they differ "
            f"by {drifts}); for nginx, nginx serving the same 30 KB as a static file."
        ),
        (
            "- Requests send `Accept-Encoding: gzip, deflate, br` as browsers do; KB is what "
            "travelled, compressed where the portal compressed it."
        ),
        (
            '- "Page cache could answer": whether the portal\'s copy of an anonymous page could '
            "have answered, and the share of answers that came from it (they carry an `Age` "
            "header). "
            "Articles are drawn from 2,000 addresses in the sitemap, each address at rank r drawn "
            "with weight 1/r^0.8 (`scripts/bench/wrk.lua`); each search is two words from the "
            "title of a random article, never asked before in the run; signed-in requests take "
            "turns among the citizens' and caseworkers' own sessions, each citizen's one "
            "application being their newest."
        ),
        "- nginx runs the shipped `docs/nginx.conf.example` with the benchmark's ports and paths"
        + (
            f"; the home page's `X-Cache-Status` after the run: {nginx_cache_status}."
            if nginx_cache_status
            else "."
        ),
        (
            "- CPU ms a request: the CPU time that the gunicorn workers and the database's "
            "backends used during the measured run, divided by the requests answered (from "
            "/proc): what a "
            "request cost, which other work on the machine changes far less than req/s. The "
            "reference's own cost is its worker's; wrk and the kernel's networking come on top of "
            "every row."
        ),
        (
            "- SQL queries are counted in-process with Django's test client against the same "
            "database and settings: the first request, then a second (warm) one, for the next "
            "address or person where the page takes turns."
        ),
        purge_note(purge, summary, workers),
        (
            f"- Load average (1 min) of the machine, {loads}. Other work on the machine lowers the "
            "figures."
        ),
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
(16) set how long and how hard each page is driven, `BENCH_ROUNDS` (3) how many times every page
is measured; `BENCH_SECONDS=3 BENCH_ROUNDS=1 make bench` is a quick look. The benchmark installs
`wrk` and `nginx` with apt-get when it runs as root and they are missing.

## Data set

{dataset_lines(dataset)}

## Results

{markdown_table(HEADER, rows)}

{health_check_cost(summary)}

{layout_floor(summary)}

Resident memory (VmRSS) of each gunicorn worker after the run: {worker_memory}.

{chr(10).join(notes)}

## Targets

2 cores, 4 workers, ratios from the same round, medians over {len(rounds)} rounds (spread in
brackets).

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
                    "rounds": options.rounds,
                    "threads": threads,
                    "workers": workers,
                },
                "load_average": [
                    {"before": one["load"][0], "after": one["load"][1]} for one in rounds
                ],
                "dataset": {
                    "version": dataset["version"],
                    "sizes": dataset["sizes"],
                    "build_seconds": dataset["timings"],
                    "reused": dataset.get("reused", False),
                },
                "compression": compression,
                "pages": [
                    {
                        "key": page.key,
                        "name": page.name,
                        "path": page.path,
                        "as": page.who or "anonymous",
                        "server": page.server,
                        "draw": page.draw,
                        "page_cache": page.cache,
                        "queries_first": queries.get(page.key, [None, None])[0],
                        "queries_warm": queries.get(page.key, [None, None])[1],
                        "median": summary[page.key],
                        "rounds": [one["results"][page.key] for one in rounds],
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
