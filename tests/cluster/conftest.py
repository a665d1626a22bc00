"""The running cluster of `make cluster`, tested over HTTP on 127.0.0.1: `make cluster-test`.

Skipped unless PORTAL_CLUSTER_TESTS is set, as `make cluster-test` does, with the environment
the app nodes have (`scripts/cluster.sh env`): their addresses, and the same database, Redis and
secret key. This process makes the people the tests need in the cluster's own database, and the
changes a caseworker would make; everything a visitor does goes through the nodes and nginx.
"""

import os
import subprocess
import time
import uuid

import pytest
import redis
from django.conf import global_settings, settings
from django.test import override_settings

from tests.factories import make_citizen, make_staff

from .visitor import Visitor

PROJECT = settings.BASE_DIR
PASSWORD = "Cluster-test-Huangpu-2026"


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PORTAL_CLUSTER_TESTS"):
        return
    skip = pytest.mark.skip(reason="needs the running cluster: make cluster-test")
    for item in items:
        if "tests/cluster/" in str(item.path):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def urls():
    return {
        "node1": os.environ["CLUSTER_NODE1_URL"],
        "node2": os.environ["CLUSTER_NODE2_URL"],
        "nginx": os.environ["CLUSTER_URL"],
    }


def cluster_sh(command, part):
    subprocess.run(
        [str(PROJECT / "scripts" / "cluster.sh"), command, part],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture
def stopped():
    """stopped(part): stops one part of the cluster until the test ends."""
    parts = []

    def stop(part):
        parts.append(part)
        cluster_sh("stop", part)

    yield stop
    for part in parts:
        cluster_sh("start", part)


@pytest.fixture(scope="session")
def cluster_database(django_db_blocker):
    """The cluster's own database, as the nodes use it, with their password hashing."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS),
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def no_limits_left_from_earlier_runs():
    """Rate limits count per client address, and every test comes from 127.0.0.1."""
    store = redis.Redis.from_url(os.environ["REDIS_URL"])
    for pattern in ("*allauth:rl:*", "*sign-in-failures:*"):
        for key in store.scan_iter(match=pattern):
            store.delete(key)
    store.close()


def unique_email(who):
    return f"{who}-{uuid.uuid4().hex[:12]}@cluster.example"


@pytest.fixture(scope="session")
def citizen(cluster_database):
    return make_citizen(email=unique_email("citizen"), full_name="Zhang Wei", password=PASSWORD)


@pytest.fixture(scope="session")
def editor(cluster_database):
    return make_staff(
        email=unique_email("editor"), password=PASSWORD, email_verified=True, group="Editors"
    )


def sign_in(visitor, base_url, user, code=None):
    page = visitor.get(f"{base_url}/accounts/login/")
    page = visitor.submit(page, {"login": user.email, "password": PASSWORD})
    if code:
        page = visitor.submit(page, {"code": code()})
    assert visitor.session_cookie, page.html
    return page


def wait_for(condition, seconds, interval=0.05):
    """How long it took condition() to become true, or None after `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(interval)
    return None


@pytest.fixture
def visitor():
    return Visitor()
