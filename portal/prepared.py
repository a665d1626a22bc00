"""Queries that PostgreSQL parses and plans once per connection: PREPARE and EXECUTE.

Site search sends the same few long queries over and over with other words in them (its ranked
hits look in four windows of the news and in three other kinds). Prepared, each is parsed once
per connection, and planned once too when PostgreSQL finds its generic plan as good as those made
for particular words (it does for the ranked hits: the same windows and indexes serve every
search). psycopg2 sends every query as text, so the statements are prepared with SQL.

A statement lasts as long as the connection that prepared it, whatever becomes of the transaction
it was prepared in; each connection keeps the names of its own.
"""

import hashlib
import itertools
import re
from datetime import timedelta

from django.db.backends.signals import connection_created
from django.dispatch import receiver

# A parameter's SQL type, by the Python type of its value.
SQL_TYPES = {str: "text", int: "bigint", float: "double precision", timedelta: "interval"}
PLACEHOLDER = re.compile(r"%[s%]")


@receiver(connection_created)
def forget_prepared_statements(sender, connection, **kwargs):
    connection.prepared_statements = set()


def sql_type(value):
    """The SQL type of a parameter, or None where it has no single one (an empty list)."""
    if isinstance(value, list):
        element = sql_type(value[0]) if value else None
        return f"{element}[]" if element else None
    return SQL_TYPES.get(type(value))


def numbered(sql):
    """psycopg2's placeholders (%s, and %% for a percent sign) as PostgreSQL's: $1, $2 ..."""
    numbers = itertools.count(1)
    return PLACEHOLDER.sub(lambda found: "%" if found[0] == "%%" else f"${next(numbers)}", sql)


def execute_prepared(cursor, sql, params=(), before=""):
    """Run `sql` (with psycopg2's placeholders) as a statement prepared on the cursor's
    connection, preparing it the first time; `before`, SQL sent in front of each (settings that
    hold for the preparing too: it waits for the tables' locks). A query with named parameters,
    or with one of no single SQL type, is sent as it is."""
    types = [sql_type(value) for value in params] if isinstance(params, list | tuple) else [None]
    if None in types:
        return cursor.execute(before + sql, params)
    name = "prepared_" + hashlib.sha256(f"{types}{sql}".encode()).hexdigest()[:24]
    prepared = cursor.db.__dict__.setdefault("prepared_statements", set())
    if name not in prepared:
        cursor.execute(f"{before}PREPARE {name}{listed(types)} AS {numbered(sql)}")
        prepared.add(name)
    return cursor.execute(f"{before}EXECUTE {name}{listed(['%s'] * len(params))}", params)


def listed(items):
    return f" ({', '.join(items)})" if items else ""
