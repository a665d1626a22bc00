"""Anonymous visitors' reads from a PostgreSQL streaming replica (DATABASE_REPLICA_URL).

Most requests are anonymous visitors reading news and FAQs, and a replica made with
pg_basebackup can answer them. Everything else reads and writes the primary: requests with a
session (a signed-in person always sees their own changes at once), forms sent, commands and the
mail worker, and anything inside a transaction.

The replica is used only while it is healthy: this process asks it at most once every
CHECK_SECONDS how far it is behind, and skips it while it does not answer, is not streaming from
the primary, or is more than DATABASE_REPLICA_MAX_LAG_SECONDS behind. When a request fails on a
replica that went away between two checks, it is answered again from the primary (GET and HEAD
only: they change nothing). After a change that retires the page copies (portal.purge), pages
are read from the primary until the replica has replayed that change, so that no new copy is
made from what the replica had before it.
"""

import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    InterfaceError,
    OperationalError,
    connections,
    router,
)

from .caching import is_anonymous_visit

logger = logging.getLogger(__name__)

REPLICA = "replica"
CHECK_SECONDS = 1

# How far behind the primary the server is, in seconds (0 for a primary, None when a replica
# is not receiving from the primary), and the position in the primary's log it has replayed.
# A replica that has replayed all it received is not behind, however long ago the last
# change was.
LAG_SQL = """
SELECT CASE
           WHEN NOT pg_is_in_recovery() THEN 0
           WHEN NOT EXISTS (SELECT FROM pg_stat_wal_receiver) THEN NULL
           WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
           ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())
       END,
       pg_wal_lsn_diff(
           CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
                ELSE pg_current_wal_insert_lsn() END,
           '0/0')
"""
# Where the primary's log ends, commits not yet written out included (with synchronous_commit
# off, pg_current_wal_lsn() can still be before a transaction that has committed).
PRIMARY_POSITION_SQL = "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')"

CATCHING_UP = "it has not replayed the latest change yet"

reads_may_use_replica = ContextVar("reads_may_use_replica", default=False)


def is_configured():
    return any(isinstance(each, ReplicaRouter) for each in router.routers)


def query_one(alias, sql):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


class Health:
    """What this process knows of the replica (the database alias `replica`) and how far it
    must have come in the primary's log (`primary`) to be used."""

    def __init__(self, replica=REPLICA, primary=DEFAULT_DB_ALIAS):
        self.replica, self.primary = replica, primary
        self.usable = False
        self.trouble = None  # what was logged as wrong with it, until it is mended
        self.checked_at = float("-inf")
        self.needed_position = 0

    def is_usable(self, now):
        if now - self.checked_at >= CHECK_SECONDS:
            self.checked_at = now
            self.record(self.check())
        return self.usable

    def check(self):
        try:
            lag, position = query_one(self.replica, LAG_SQL)
        except DatabaseError as error:
            connections[self.replica].close()
            return f"it does not answer: {str(error).strip()}"
        if lag is None:
            return "it is not receiving from the primary"
        if lag > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
            return f"it is {lag:.1f} s behind the primary"
        if position < self.needed_position:
            return CATCHING_UP
        return None

    def record(self, problem):
        # Catching up with a change is routine, and lasts a moment: not worth a line in the log.
        trouble = None if problem == CATCHING_UP else problem
        if trouble and not self.trouble:
            logger.warning("Reading from the primary only: the replica is skipped, %s.", trouble)
        elif self.trouble and not trouble:
            logger.info("Reading from the replica again.")
        self.trouble = trouble
        self.usable = problem is None

    def mark_down(self, now):
        self.record("a request failed on it")
        self.checked_at = now
        connections[self.replica].close()

    def wait_for_primary(self):
        try:
            self.needed_position = query_one(self.primary, PRIMARY_POSITION_SQL)[0]
        except DatabaseError:
            # Nothing new can be committed while the primary is away: what the replica has
            # is the latest there is, and anonymous visitors may still be answered from it.
            connections[self.primary].close()
        self.checked_at = float("-inf")


health = Health()


def wait_for_primary():
    """Read from the primary until the replica has replayed everything committed so far."""
    if is_configured():
        health.wait_for_primary()


class ReplicaRouter:
    """DATABASE_ROUTERS: reads of anonymous visits from the replica while it is healthy."""

    def db_for_read(self, model, **hints):
        if (
            reads_may_use_replica.get()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
            and health.is_usable(time.monotonic())
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS


class AnonymousReadsFromReplica:
    """Middleware: marks the requests whose reads the router may send to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = reads_may_use_replica.set(is_configured() and is_anonymous_visit(request))
        try:
            return self.get_response(request)
        finally:
            reads_may_use_replica.reset(token)

    def process_exception(self, request, exception):
        if not (
            reads_may_use_replica.get() and isinstance(exception, OperationalError | InterfaceError)
        ):
            return None
        # The replica went away since the last check (or the primary did: then this fails too).
        health.mark_down(time.monotonic())
        reads_may_use_replica.set(False)
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        return response.render() if hasattr(response, "render") else response
