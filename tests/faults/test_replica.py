"""A real streaming replica, made by scripts/db.sh with pg_basebackup, that falls behind, stops
and loses its primary: the portal's check (portal.replica.Health) skips it each time, and uses it
again once it has caught up."""

import shutil
import tempfile
from pathlib import Path

import psycopg2.errors
import pytest
from django.db import connections

from portal.replica import Health

from .conftest import Cluster, on_a_free_port, wait_until


def started(cluster):
    cluster.start()
    return cluster


@pytest.fixture(scope="module")
def pair():
    root = Path(tempfile.mkdtemp(prefix="portal-replica-pg-"))
    root.chmod(0o755)  # as root, the server's own user must reach the clusters inside
    primary = on_a_free_port(lambda port: started(Cluster(root / "primary", port)))
    replica = on_a_free_port(lambda port: started(Cluster(root / "replica", port, primary)))
    primary.query("CREATE TABLE notice (id serial PRIMARY KEY, text text)")
    try:
        wait_until(lambda: rows_on(replica) == 0, what="the table on the replica")
        yield primary, replica
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(root, ignore_errors=True)


def alias_for(cluster, alias):
    """A Django connection to the cluster's portal database, under `alias`."""
    default = connections["default"]
    settings_dict = {
        **default.settings_dict,
        "NAME": "portal",
        "HOST": "127.0.0.1",
        "PORT": cluster.port,
        "USER": "portal",
        "PASSWORD": "portal",
    }
    connections[alias] = type(default)(settings_dict, alias)
    return connections[alias]


@pytest.fixture
def health(pair, django_db_blocker, settings):
    primary, replica = pair
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 60
    with django_db_blocker.unblock():
        alias_for(primary, "fault_primary")
        alias_for(replica, "fault_replica")
        yield Health(replica="fault_replica", primary="fault_primary")
        for alias in ("fault_primary", "fault_replica"):
            connections[alias].close()
            del connections[alias]


def rows_on(cluster):
    try:
        return cluster.query("SELECT count(*) FROM notice")[0][0]
    except psycopg2.errors.UndefinedTable:
        return None


def test_a_replica_made_with_pg_basebackup_streams_every_change(pair, health):
    primary, replica = pair
    primary.query("INSERT INTO notice (text) VALUES ('Ferries run until midnight')")

    wait_until(lambda: rows_on(replica) == rows_on(primary), what="the row on the replica")
    assert health.check() is None


def test_a_replica_further_behind_than_the_limit_is_skipped(pair, health, settings):
    primary, replica = pair
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 0.5
    replica.as_superuser("SELECT pg_wal_replay_pause()")
    try:
        primary.query("INSERT INTO notice (text) VALUES ('Metro line 2 closes early')")
        wait_until(lambda: health.check() is not None, what="the replica to fall behind")
        assert "behind the primary" in health.check()
    finally:
        replica.as_superuser("SELECT pg_wal_replay_resume()")

    wait_until(lambda: health.check() is None, what="the replica to catch up")


def test_after_a_change_pages_wait_until_the_replica_has_replayed_it(pair, health):
    primary, replica = pair
    replica.as_superuser("SELECT pg_wal_replay_pause()")
    try:
        primary.query("INSERT INTO notice (text) VALUES ('New opening hours')")
        health.wait_for_primary()
        assert health.check() == "it has not replayed the latest change yet"
    finally:
        replica.as_superuser("SELECT pg_wal_replay_resume()")

    wait_until(lambda: health.check() is None, what="the replica to replay the change")


def test_a_stopped_replica_is_skipped_and_used_again_once_started(pair, health):
    _, replica = pair
    replica.stop()
    try:
        assert health.check().startswith("it does not answer")
    finally:
        replica.start()

    wait_until(lambda: health.check() is None, what="the replica to answer again")


def test_a_replica_that_lost_its_primary_is_skipped(pair, health):
    primary, _ = pair
    primary.stop()
    try:
        wait_until(lambda: health.check() is not None, what="the replica to notice")
        assert health.check() == "it is not receiving from the primary"
    finally:
        primary.start()

    wait_until(lambda: health.check() is None, timeout=30, what="streaming to start again")
