"""Sign-up and forgotten password answer a registered address and a new one with the same work,
so the time of the answer does not tell who has an account."""

import statistics
import time

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a walk along the Bund"


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting-md5"
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings):
    """How many passwords each request hashed (the slow part of making an account)."""
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]

    def count(request):
        before = CountingHasher.calls
        request()
        return CountingHasher.calls - before

    return count


def sign_up(email, number=0):
    return Client(REMOTE_ADDR=f"198.51.100.{number + 1}").post(
        reverse("account_signup"),
        {
            "full_name": "Wang Fang",
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def forgot_password(email, number=0):
    return Client(REMOTE_ADDR=f"203.0.113.{number + 1}").post(
        reverse("account_reset_password"), {"email": email}
    )


def test_sign_up_hashes_the_password_for_a_registered_address_too(citizen, hashes):
    registered = hashes(lambda: sign_up(citizen.email))
    new = hashes(lambda: sign_up("wang.fang@example.com"))

    assert registered == new == 1


def test_sign_up_answers_both_the_same_way(citizen, delivered_mail):
    registered = sign_up(citizen.email)
    new = sign_up("wang.fang@example.com")

    assert (registered.status_code, registered.url) == (new.status_code, new.url)
    assert len(delivered_mail()) == 2  # "you already have an account" and the confirmation


def test_forgot_password_does_the_same_work_for_a_known_and_an_unknown_address(
    citizen, hashes, delivered_mail
):
    known = hashes(lambda: forgot_password(citizen.email))
    unknown = hashes(lambda: forgot_password("nobody@example.com"))

    assert known == unknown
    assert [message.to for message in delivered_mail()] == [[citizen.email], ["nobody@example.com"]]


def test_forgot_password_takes_about_as_long_for_a_known_and_an_unknown_address(citizen):
    # Interleaved, five of each, medians compared with a wide margin: a guard against a path
    # that starts doing slow work of its own (a hash: hundreds of milliseconds), not a stopwatch.
    durations = {"known": [], "unknown": []}
    for number in range(5):
        for kind, email in [("known", citizen.email), ("unknown", f"nobody{number}@example.com")]:
            start = time.perf_counter()
            forgot_password(email, number)
            durations[kind].append(time.perf_counter() - start)

    known, unknown = (statistics.median(durations[kind]) for kind in ("known", "unknown"))
    assert max(known, unknown) < 3 * min(known, unknown) + 0.05, durations
