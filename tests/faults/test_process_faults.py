"""The database stopped under requests, and processes killed in the middle of their work."""

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from .conftest import (
    PROJECT,
    Browser,
    children_of,
    free_port,
    http_status,
    on_a_free_port,
    portal_environment,
    process_holding,
    start_mail_worker,
    wait_until,
)

PAGES = ["/", "/news/", "/faq/", "/healthz"]


def retry_after(server, path):
    try:
        urllib.request.urlopen(server.url + path, timeout=5)
    except urllib.error.HTTPError as error:
        return error.headers.get("Retry-After")
    return None


def test_a_database_outage_gives_503s_and_the_portal_recovers_without_a_restart(server, cluster):
    workers = server.worker_pids()
    assert {server.status(page) for page in PAGES * 2} == {200}

    cluster.stop()
    try:
        during = [server.status(page) for page in PAGES * 3]
        waiting = retry_after(server, "/news/")
    finally:
        cluster.start()
    after = [server.status(page) for page in PAGES * 3]

    assert set(during) == {503}, during
    assert waiting == "30"
    # Every request after the restart succeeds, the first of each worker included.
    assert set(after) == {200}, after
    assert server.worker_pids() == workers


class SlowMailServer:
    """An SMTP sink that takes `delay` seconds to accept each message, and counts an email only
    when the sender is still connected to hear that it was accepted."""

    def __init__(self, delay):
        self.delay = delay
        self.accepted = []
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        await asyncio.sleep(self.delay)
        if server.transport is None or server.transport.is_closing():
            return "451 The sender went away"
        self.accepted.append(message_from_bytes(envelope.content)["To"])
        return "250 Message accepted"


@pytest.fixture
def slow_mail_server():
    handler = SlowMailServer(delay=3)

    def start(port):
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        return controller

    controller = on_a_free_port(start)
    handler.port = controller.port
    yield handler
    controller.stop()


def test_a_mail_worker_killed_mid_send_loses_no_email_and_sends_none_twice(
    server, empty_outbox, slow_mail_server, tmp_path
):
    browser = Browser(server.url)
    browser.get("/accounts/password/reset/")
    recipients = [f"person{number}@example.com" for number in range(3)]
    for recipient in recipients:
        assert browser.post("/accounts/password/reset/", {"email": recipient}) == 200
    mail_server = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": slow_mail_server.port,
        "EMAIL_USE_TLS": "0",
    }

    with open(tmp_path / "worker.log", "w") as log:
        worker = start_mail_worker(empty_outbox, log, **mail_server)
        try:
            assert slow_mail_server.receiving.wait(timeout=30), "the worker never sent"
            worker.send_signal(signal.SIGKILL)  # while the mail server takes the first email
        finally:
            worker.wait(timeout=10)
        slow_mail_server.delay = 0.1

        restarted = start_mail_worker(empty_outbox, log, **mail_server)
        try:
            wait_until(
                lambda: (
                    not empty_outbox.query(
                        "SELECT 1 FROM portal_outgoingemail WHERE status <> 'sent'"
                    )
                ),
                timeout=30,
                what="every email to be sent",
            )
        finally:
            restarted.send_signal(signal.SIGTERM)
            assert restarted.wait(timeout=15) == 0

    assert sorted(slow_mail_server.accepted) == recipients
    assert empty_outbox.query("SELECT count(*) FROM portal_outgoingemail") == [(3,)]


def test_a_gunicorn_worker_killed_mid_request_is_replaced_and_other_requests_succeed(server):
    workers = server.worker_pids()
    # A sign-in from the home page's box whose body never arrives in full: the worker serving
    # it waits for the rest, mid-request.
    stalled = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    stalled.sendall(
        b"POST /account/sign-in/ HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nlogin="
    )
    busy = []
    wait_until(
        lambda: busy.append(process_holding(stalled, workers)) or busy[-1],
        timeout=10,
        what="a worker to take the request",
    )

    os.kill(busy[-1], signal.SIGKILL)

    # The request in flight dies with its worker: the connection closes without an answer.
    with contextlib.suppress(ConnectionResetError):
        assert stalled.recv(1024) == b""
    stalled.close()
    # The other worker answers meanwhile, and the master starts a new one.
    assert {server.status("/") for _ in range(10)} == {200}
    wait_until(
        lambda: len(server.worker_pids()) == 2 and busy[-1] not in server.worker_pids(),
        timeout=20,
        what="gunicorn to replace the worker",
    )
    assert {server.status(page) for page in PAGES * 3} == {200}


def test_a_huge_body_is_refused_before_it_is_read(server):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 209715200\r\n\r\n" + b"x" * 65536
        )
        answer = connection.recv(65536)

    assert answer.startswith(b"HTTP/1.1 413 ")
    assert time.monotonic() - started < 1


def descendants_of(pid):
    found = children_of(pid)
    return found + [grandchild for child in found for grandchild in descendants_of(child)]


def is_running(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_stopping_make_serve_stops_gunicorn_and_the_mail_worker(cluster, tmp_path):
    port = free_port()
    with open(tmp_path / "serve.log", "w") as log:
        script = subprocess.Popen(
            ["scripts/serve.sh", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=PROJECT,
            env=portal_environment(cluster),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until(lambda: http_status(f"http://127.0.0.1:{port}/healthz") == 200, what="serve")
        processes = descendants_of(script.pid)
        assert len(processes) >= 3  # the mail worker, gunicorn's master and its worker

        script.send_signal(signal.SIGTERM)
        script.wait(timeout=30)

        wait_until(lambda: not any(is_running(pid) for pid in processes), what="all to stop")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(script.pid, signal.SIGKILL)
