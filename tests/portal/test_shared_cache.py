"""Redis holds what every server process shares; while it cannot be reached, the database cache
answers instead, and no request fails (portal.redis_cache)."""

import socket
import threading

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed attempts to sign in with this email address."


@pytest.fixture
def redis_down(settings):
    """A server where Redis should be that closes every connection at once; it counts them."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            accepted.append(connection)
            connection.close()

    threading.Thread(target=accept, daemon=True).start()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.redis_cache.RedisCacheWithFallback",
            "LOCATION": f"redis://127.0.0.1:{listener.getsockname()[1]}/0",
            "FALLBACK": "database",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        },
    }
    yield accepted
    listener.close()


def test_while_redis_cannot_be_reached_the_database_cache_answers(redis_down):
    shared = caches["default"]

    shared.set("counted", 1)
    shared.incr("counted")
    assert shared.add("once", "first")
    assert not shared.add("once", "second")

    assert caches["database"].get_many(["counted", "once"]) == {"counted": 2, "once": "first"}
    assert shared.get_many(["counted", "once"]) == {"counted": 2, "once": "first"}


def test_redis_is_left_alone_for_a_while_after_a_failure(redis_down):
    shared = caches["default"]
    shared.get("anything")
    attempts = len(redis_down)

    for number in range(20):
        shared.set(f"key-{number}", number)

    assert attempts >= 1
    assert len(redis_down) == attempts
    assert shared.unreachable_until > 0


def test_sign_in_limits_go_on_counting_without_redis(redis_down, citizen):
    def attempt(password):
        return Client().post(
            reverse("account_login"), {"login": citizen.email, "password": password}
        )

    for _ in range(5):
        assert attempt("guess").status_code == 200

    assert TOO_MANY in attempt("guess").content.decode()
