"""What retiring page copies on several machines costs a request (portal.purge).

Measured in this process, through Django's RedisCache on a Redis of the benchmark's own: a
request between two checks compares two numbers in memory, and a check reads the generation
number from Redis, at most every CHECK_SECONDS in each server process.
"""

import timeit

from django.conf import settings
from django.test import RequestFactory, override_settings

from portal import purge

CALLS = 200_000
CHECKS = 2_000


def nanoseconds_per_call(function, calls):
    return min(timeit.repeat(function, number=calls, repeat=5)) / calls * 1e9


def middleware_cost(calls):
    """Nanoseconds the middleware adds to a request, beyond the view."""
    middleware = purge.page_copies_current(lambda request: None)
    request = RequestFactory().get("/")
    return nanoseconds_per_call(lambda: middleware(request), calls)


def measure(redis_url):
    shared = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    clock, seen = purge.clock, purge.seen
    try:
        with override_settings(PAGE_GENERATION_CACHE=None):
            one_machine = middleware_cost(CALLS)
        with override_settings(
            CACHES={**settings.CACHES, "shared": shared}, PAGE_GENERATION_CACHE="shared"
        ):
            purge.seen, purge.clock = purge.Seen(), lambda: 0.0  # one check, at the start
            between_checks = middleware_cost(CALLS)
            moments = iter(range(1, 10**9))
            purge.clock = lambda: next(moments) * purge.CHECK_SECONDS  # a check every call
            each_check = middleware_cost(CHECKS)
    finally:
        purge.clock, purge.seen = clock, seen
    return {
        "one_machine_ns": round(one_machine),
        "between_checks_ns": round(between_checks),
        "check_us": round(each_check / 1000, 1),
        "checks_per_second": 1 / purge.CHECK_SECONDS,
    }


def cost_per_request_ns(purge_figures, requests_per_second_per_process):
    """Between-checks cost plus each process's checks spread over its requests."""
    checks = purge_figures["checks_per_second"] * purge_figures["check_us"] * 1000
    return purge_figures["between_checks_ns"] + checks / requests_per_second_per_process
