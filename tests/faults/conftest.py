"""Real processes for the fault tests: a PostgreSQL cluster of their own (which a test may stop),
gunicorn serving the portal from it, the mail worker, and mail servers that misbehave.

Ports are free ones in 25500-25599 on 127.0.0.1, each chosen when it is bound, so that two test
runs on one machine do not collide. The cluster is made with scripts/db.sh in a temporary folder and
filled with the test database's schema and rows (pg_dump, pg_restore), which takes a second where
running the migrations would take several.
"""

import contextlib
import http.cookiejar
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings

from portal.backups import connection_params, libpq_environment, program

PROJECT = Path(settings.BASE_DIR)
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PORTS = range(25500, 25600)


def free_port():
    """A port in PORTS on which nothing listens at the moment."""
    for port in random.sample(PORTS, len(PORTS)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {PORTS.start}-{PORTS.stop - 1}.")


def on_a_free_port(start, attempts=5):
    """start(port) on free ports until one is not taken meanwhile by another process."""
    for attempt in range(attempts):
        try:
            return start(free_port())
        except (OSError, subprocess.CalledProcessError, ServerDidNotStart):
            if attempt == attempts - 1:
                raise
    return None


class ServerDidNotStart(Exception):
    pass


def wait_until(condition, timeout=20, interval=0.05, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"Gave up waiting for {what} after {timeout} s.")


def http_status(url, timeout=5):
    """The status code of a GET, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def children_of(pid):
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # "pid (name) state ppid ...": the name may hold spaces, so read after the ")".
            fields = stat.read_text().rpartition(")")[2].split()
            if int(fields[1]) == pid:
                children.append(int(stat.parent.name))
    return sorted(children)


def process_holding(connection, among):
    """Which of the pids `among` holds the server's end of a client's TCP connection."""
    client_port = connection.getsockname()[1]
    server_port = connection.getpeername()[1]
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        remote_port = int(fields[2].split(":")[1], 16)
        if (local_port, remote_port) == (server_port, client_port):
            inode = fields[9]
            break
    else:
        return None
    for pid in among:
        for link in Path(f"/proc/{pid}/fd").glob("*"):
            with contextlib.suppress(OSError):
                if os.readlink(link) == f"socket:[{inode}]":
                    return pid
    return None


class Cluster:
    """A PostgreSQL cluster of the tests' own, started and stopped with scripts/db.sh; with
    `primary` (another Cluster), a streaming replica of it."""

    def __init__(self, root, port, primary=None):
        self.env = {**os.environ, "PORTAL_PG_ROOT": str(root), "PORTAL_PG_PORT": str(port)}
        self.env.pop("DATABASE_URL", None)
        if primary:
            self.env["PORTAL_PG_PRIMARY"] = primary.db_sh("socket")
        self.port = port
        self.url = f"postgres://portal:portal@127.0.0.1:{port}/portal"

    def db_sh(self, command):
        return subprocess.run(
            [str(PROJECT / "scripts" / "db.sh"), command],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=90,
        ).stdout.strip()

    def start(self):
        self.db_sh("start")

    def stop(self):
        self.db_sh("stop")

    def connect(self):
        return psycopg2.connect(self.url)

    def as_superuser(self, statement):
        """A statement only the server's superuser may run, through its local socket."""
        connection = psycopg2.connect(f"{self.db_sh('socket')} user=postgres dbname=postgres")
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute(statement)
        finally:
            connection.close()

    def query(self, statement, parameters=()):
        connection = self.connect()
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute(statement, parameters)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()


@pytest.fixture(scope="session")
def cluster(django_db_setup, django_db_blocker):
    # Not under pytest's own temporary folder: as root, scripts/db.sh runs the server as the
    # user "postgres", who must be able to reach the folder, and /tmp/pytest-of-root is private.
    root = Path(tempfile.mkdtemp(prefix="portal-fault-pg-"))

    def start(port):
        cluster = Cluster(root, port)
        cluster.start()
        return cluster

    cluster = on_a_free_port(start)
    try:
        with django_db_blocker.unblock():
            params = connection_params()
        dump = subprocess.run(
            [program("pg_dump"), "--format=custom"],
            env=libpq_environment(params),
            check=True,
            capture_output=True,
            timeout=60,
        )
        subprocess.run(
            [program("pg_restore"), "--no-owner", "--no-privileges", "--dbname", cluster.url],
            input=dump.stdout,
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def portal_environment(cluster, **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY="fault-tests-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=cluster.url,
        # Every page is rendered, so that each request reaches the database.
        PORTAL_PAGE_CACHE_SECONDS="0",
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


class Server:
    """gunicorn as `make serve` runs it, on a port of the tests."""

    def __init__(self, env, log, port):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "30",
            ],
            cwd=PROJECT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until(
            lambda: self.process.poll() is not None or self.status("/healthz") == 200,
            what="gunicorn to answer",
        )
        if self.process.poll() is not None:
            raise ServerDidNotStart(f"gunicorn could not serve on port {port}")
        wait_until(lambda: len(self.worker_pids()) == 2, what="both gunicorn workers")

    def worker_pids(self):
        return children_of(self.process.pid)

    def status(self, path, timeout=5):
        return http_status(self.url + path, timeout)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def hung_mail_server():
    """Accepts connections and never says a word, like a mail server that has hung."""
    listener = on_a_free_port(lambda port: socket.create_server(("127.0.0.1", port)))
    accepted = []
    stopping = threading.Event()

    def accept():
        while not stopping.is_set():
            with contextlib.suppress(OSError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stopping.set()
    listener.close()
    for connection in accepted:
        connection.close()


@pytest.fixture(scope="session")
def server(cluster, hung_mail_server, tmp_path_factory):
    """The portal under gunicorn; its mail server (for the worker) is the one that hangs."""
    environment = portal_environment(
        cluster, EMAIL_HOST="127.0.0.1", EMAIL_PORT=hung_mail_server, EMAIL_USE_TLS="0"
    )
    with open(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log", "w") as log:
        server = on_a_free_port(lambda port: Server(environment, log, port))
        yield server
        server.stop()


class Browser:
    """Just enough of a browser: cookies, and the CSRF token of the last form it was shown."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = ""

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=10) as response:
            page = response.read().decode()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        self.token = found.group(1) if found else self.token
        return page

    def post(self, path, fields, timeout=10):
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, **fields}).encode()
        request = urllib.request.Request(self.base_url + path, data=data)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def run_mail_worker(cluster, *arguments, timeout=60, **env):
    return subprocess.run(
        [PYTHON, "manage.py", "send_queued_mail", *arguments],
        cwd=PROJECT,
        env=portal_environment(cluster, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_mail_worker(cluster, log, **env):
    return subprocess.Popen(
        [PYTHON, "manage.py", "send_queued_mail", "--loop", "--interval", "1"],
        cwd=PROJECT,
        env=portal_environment(cluster, **env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )


@pytest.fixture
def empty_outbox(cluster):
    cluster.query("DELETE FROM portal_outgoingemail")
    return cluster
