"""Failed sign-ins are limited per account and source: nobody can lock another person out."""

import logging
import re
import time
from types import SimpleNamespace

import pytest
from allauth.core.internal import ratelimit
from django.test import Client
from django.urls import reverse

from accounts import sign_in_failures
from tests.factories import PASSWORD, make_citizen, make_staff
from tests.html import errors

from .conftest import link_in

pytestmark = pytest.mark.django_db

ATTACKER = "198.51.100.7"
OWNER = "203.0.113.20"
TOO_MANY = "Too many failed attempts to sign in with this email address."
MISMATCH = "The email address or password is not correct."
FROM_THE_NETWORK = (
    "Too many failed attempts to sign in have come from your network. For your security, wait a "
    "minute before you try again; if you are refused again, wait an hour. On a shared network "
    "(an office, a school) other people's attempts count too."
)


@pytest.fixture
def clock(monkeypatch):
    """The clock of the sign-in limits (allauth's and the portal's), moved by hand."""
    now = [time.time()]
    fake = SimpleNamespace(time=lambda: now[0], monotonic=time.monotonic, sleep=time.sleep)
    monkeypatch.setattr(ratelimit, "time", fake)
    monkeypatch.setattr(sign_in_failures, "time", fake)

    def advance(seconds):
        now[0] += seconds

    return SimpleNamespace(advance=advance)


def attempt(email, password, ip, **extra):
    return Client().post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip, **extra
    )


def text(response):
    return response.content.decode()


def test_failures_from_elsewhere_never_refuse_the_right_password(citizen):
    for _ in range(10):
        attempt(citizen.email, "guess", ATTACKER)

    assert TOO_MANY in text(attempt(citizen.email, "guess", ATTACKER))
    assert attempt(citizen.email, PASSWORD, OWNER).status_code == 302


def test_a_member_of_staff_cannot_be_locked_out_either(db):
    staff = make_staff(email="caseworker@city.example", password=PASSWORD, email_verified=True)
    for _ in range(10):
        attempt(staff.email, "guess", ATTACKER)

    response = attempt(staff.email, PASSWORD, OWNER)

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")


def test_a_port_in_the_host_header_does_not_buy_more_tries(citizen):
    for port in range(5):
        attempt(citizen.email, "guess", ATTACKER, headers={"Host": f"localhost:{9000 + port}"})

    response = attempt(citizen.email, PASSWORD, ATTACKER, headers={"Host": "localhost:9999"})

    assert TOO_MANY in text(response)


def test_each_further_failure_from_one_source_doubles_its_wait(citizen, clock):
    for _ in range(5):
        assert MISMATCH in text(attempt(citizen.email, "guess", ATTACKER))
    assert TOO_MANY in text(attempt(citizen.email, PASSWORD, ATTACKER))

    clock.advance(5 * 60 + 1)
    assert MISMATCH in text(attempt(citizen.email, "guess", ATTACKER))  # the sixth: 10 minutes
    clock.advance(6 * 60)
    refused = text(attempt(citizen.email, PASSWORD, ATTACKER))
    assert "wait 4 minutes before you try again" in refused

    clock.advance(4 * 60 + 1)
    assert attempt(citizen.email, PASSWORD, ATTACKER).status_code == 302


def test_the_waits_end_when_the_person_resets_the_password(citizen, clock, delivered_mail):
    for number in range(7):  # far enough apart that each is let through
        clock.advance(number and 60 * 60)
        attempt(citizen.email, "guess", OWNER)
    assert "wait 20 minutes" in text(attempt(citizen.email, PASSWORD, OWNER))

    browser = Client(REMOTE_ADDR=OWNER)
    browser.post(reverse("account_reset_password"), {"email": citizen.email})
    form_url = browser.get(link_in(delivered_mail()[-1])).url
    new_password = "a new lantern by the river"
    browser.post(form_url, {"password1": new_password, "password2": new_password})

    assert attempt(citizen.email, new_password, OWNER).status_code == 302


def test_one_source_trying_many_accounts_is_stopped(db):
    for number in range(10):
        attempt(f"person{number}@example.com", "guess", ATTACKER)
    user = make_citizen(email="zhou.bin@example.com", password=PASSWORD)

    refused = attempt(user.email, PASSWORD, ATTACKER)

    assert refused.status_code == 200
    # Said of the network, not of an address that has not failed once.
    assert errors(refused).summary == [FROM_THE_NETWORK]
    assert attempt(user.email, PASSWORD, OWNER).status_code == 302


def test_the_owner_and_the_log_are_told_of_repeated_failures_once_an_hour(
    citizen, clock, delivered_mail, caplog
):
    with caplog.at_level(logging.WARNING, logger="accounts.sign_in_failures"):
        for number in range(sign_in_failures.ALERT_FAILURES * 2):
            attempt(citizen.email, "guess", f"198.51.100.{number + 1}")

    [warning] = [r for r in caplog.records if "Repeated failed sign-ins" in r.getMessage()]
    assert f"#{citizen.pk}" in warning.getMessage()
    [notice] = delivered_mail()
    assert notice.to == [citizen.email]
    assert notice.subject == "Failed attempts to sign in to your account | Shanghai City Portal"
    assert f"with a wrong password {sign_in_failures.ALERT_FAILURES} times" in notice.body
    assert "do not stop you from signing in" in notice.body
    assert re.search(r"- Time: \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} \(UTC\+08:00\)", notice.body)

    clock.advance(60 * 60 + 1)
    for number in range(sign_in_failures.ALERT_FAILURES):
        attempt(citizen.email, "guess", f"192.0.2.{number + 1}")
    assert len(delivered_mail()) == 2


def test_the_owner_signing_in_clears_the_count_of_their_source(citizen, clock):
    for _ in range(4):
        attempt(citizen.email, "guess", OWNER)
    assert attempt(citizen.email, PASSWORD, OWNER).status_code == 302
    clock.advance(5 * 60 + 1)  # allauth's window of five failures

    for _ in range(4):
        assert MISMATCH in text(attempt(citizen.email, "guess", OWNER))
    assert sign_in_failures.seconds_to_wait(citizen.email, OWNER) == 0


def test_a_busy_hour_of_failures_elsewhere_keeps_each_sources_count(db):
    """The counts live in the default cache (the database's on one machine), which must hold a
    city's failed sign-ins from many people and places without pushing one source's out."""
    for number in range(10):
        attempt(f"person{number}@example.com", "guess", ATTACKER)
    for number in range(100):
        attempt(f"resident{number}@example.com", "guess", f"203.0.113.{number}")
    user = make_citizen(email="zhou.bin@example.com", password=PASSWORD)

    assert attempt(user.email, PASSWORD, ATTACKER).status_code == 200
