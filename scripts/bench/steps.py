"""Running the build: SQL statements, steps with a progress bar, indexes made afterwards."""

import sys
import time
from contextlib import contextmanager

from django.db import connection


def say(message="", end="\n"):
    sys.stdout.write(message + end)
    sys.stdout.flush()


class Progress:
    """One line per step: a bar and percentage while it runs, then the seconds it took."""

    def __init__(self, label):
        self.label = label
        self.started = time.monotonic()
        self.interactive = sys.stdout.isatty()
        self.show(0)

    def show(self, fraction):
        if self.interactive:
            bar = "#" * round(fraction * 30)
            say(f"\r  {self.label:<30} [{bar:<30}] {fraction:4.0%}  {self.elapsed:6.1f} s", end="")

    @property
    def elapsed(self):
        return time.monotonic() - self.started

    def done(self):
        start = "\r" if self.interactive else ""
        say(f"{start}  {self.label:<30} [{'#' * 30}] 100%  {self.elapsed:6.1f} s")
        return round(self.elapsed, 1)


def execute(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def in_chunks(label, total, chunk, sql, params, timings):
    """Run sql for ids first..last of each chunk, showing progress; first and last are 1-based."""
    progress = Progress(label)
    for first in range(1, total + 1, chunk):
        last = min(first + chunk - 1, total)
        execute(sql, {**params, "first": first, "last": last})
        progress.show(last / total)
    timings[label] = progress.done()


@contextmanager
def step(label, timings):
    progress = Progress(label)
    yield
    timings[label] = progress.done()


@contextmanager
def indexes_built_afterwards(table, label, timings):
    """Drop the table's secondary indexes and foreign keys, and make them again at the end.

    Building an index once over all rows is several times faster than updating it for each row,
    and a foreign key added afterwards is checked with one join instead of a lookup per row.
    """
    indexes = execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
        [table, table],
    )
    foreign_keys = execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'",
        [table],
    )
    for name, _ in foreign_keys:
        execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        execute(f'DROP INDEX "{name}"')
    yield
    with step(label, timings):
        for _, definition in indexes:
            execute(definition)
        for name, definition in foreign_keys:
            execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def pool_sizes():
    """How many entries each text pool has (text.py), as parameters for the SQL."""
    counts = dict(execute("SELECT pool, max(n) + 1 FROM bench_text GROUP BY pool"))
    return {f"{pool}_count": count for pool, count in counts.items()}
