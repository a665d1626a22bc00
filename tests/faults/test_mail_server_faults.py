"""No page waits on the mail server, and a mail server that fails loses no email."""

import os
import subprocess
import time

import pytest

from .conftest import Browser, free_port, run_mail_worker

RESET = "/accounts/password/reset/"
# A page that sent its email itself would wait for the hung mail server until EMAIL_TIMEOUT
# (10 s); half of that leaves room for a busy machine.
ANSWERED_WITHOUT_WAITING = 5


def ask_for_a_reset(server, email):
    browser = Browser(server.url)
    browser.get(RESET)
    started = time.monotonic()
    status = browser.post(RESET, {"email": email})
    return status, time.monotonic() - started


def outbox(cluster):
    return cluster.query(
        "SELECT status, attempts, last_error, next_attempt_at > now() FROM portal_outgoingemail"
    )


def test_a_hung_mail_server_neither_holds_a_page_nor_loses_the_email(
    server, empty_outbox, hung_mail_server
):
    status, seconds = ask_for_a_reset(server, "nobody@example.com")

    assert status == 200
    assert seconds < ANSWERED_WITHOUT_WAITING
    [(state, attempts, _, _)] = outbox(empty_outbox)
    assert (state, attempts) == ("pending", 0)

    # The worker gives up on the silent server after EMAIL_TIMEOUT and keeps it for a retry.
    started = time.monotonic()
    result = run_mail_worker(
        empty_outbox,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=hung_mail_server,
        EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT="1",
    )

    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 15
    assert "not sent (kept for a retry)" in result.stdout
    [(state, attempts, error, later)] = outbox(empty_outbox)
    assert (state, attempts, later) == ("pending", 1, True)
    assert "timed out" in error


def test_a_mail_server_that_refuses_connections_loses_no_email(server, empty_outbox):
    status, seconds = ask_for_a_reset(server, "nobody@example.com")
    assert (status, seconds < ANSWERED_WITHOUT_WAITING) == (200, True)

    result = run_mail_worker(
        empty_outbox, EMAIL_HOST="127.0.0.1", EMAIL_PORT=free_port(), EMAIL_USE_TLS="0"
    )

    assert result.returncode == 0, result.stderr
    [(state, attempts, error, later)] = outbox(empty_outbox)
    assert (state, attempts, later) == ("pending", 1, True)
    assert "Connection refused" in error


@pytest.fixture
def read_only_folder(tmp_path):
    """A mail folder the worker cannot write to: for root, whom permissions do not stop, it is
    made immutable (chattr +i, ext4 and most Linux file systems)."""
    folder = tmp_path / "mail"
    folder.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
            pytest.skip("chattr +i is not available here to make a folder read-only for root")
        yield folder
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)


def test_a_read_only_mail_folder_keeps_the_email_waiting(server, empty_outbox, read_only_folder):
    status, _ = ask_for_a_reset(server, "nobody@example.com")
    assert status == 200

    result = run_mail_worker(empty_outbox, EMAIL_FILE_PATH=read_only_folder)

    assert result.returncode == 0, result.stderr
    [(state, attempts, error, _)] = outbox(empty_outbox)
    assert (state, attempts) == ("pending", 1)
    assert "not writable" in error
    assert list(read_only_folder.iterdir()) == []
