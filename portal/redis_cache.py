"""Django's Redis cache, which answers from another cache while Redis cannot be reached.

Django's RedisCache raises redis' ConnectionError when the server is down or silent, and every
request that counts a rate limit or reads a shared fragment would then fail. This backend sends
such calls to its fallback cache (the database cache: rate limits go on counting there) and
leaves Redis alone for RETRY_SECONDS before it tries again, so that only one call in that time
pays a connection attempt. Nothing is copied back when Redis returns: what was counted
meanwhile is forgotten, as it would be after a restart of Redis.
"""

import logging
import time
from functools import wraps

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
# Every call of BaseCache's interface that reaches the server; the others are built on these.
SERVER_CALLS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


def falls_back(call):
    name = call.__name__

    @wraps(call)
    def call_or_fall_back(cache, *args, **kwargs):
        if time.monotonic() < cache.unreachable_until:
            return getattr(cache.fallback, name)(*args, **kwargs)
        try:
            return call(cache, *args, **kwargs)
        except (ConnectionError, TimeoutError) as error:
            logger.warning(
                "Redis cannot be reached (%s); using the %r cache for %s s.",
                error,
                cache.fallback_alias,
                RETRY_SECONDS,
            )
            cache.unreachable_until = time.monotonic() + RETRY_SECONDS
            return getattr(cache.fallback, name)(*args, **kwargs)

    return call_or_fall_back


class RedisCacheWithFallback(RedisCache):
    """CACHES entry: LOCATION is the Redis URL, FALLBACK the alias of the cache to use while
    Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.fallback_alias = params["FALLBACK"]
        self.unreachable_until = 0.0

    @property
    def fallback(self):
        return caches[self.fallback_alias]


for _name in SERVER_CALLS:
    setattr(RedisCacheWithFallback, _name, falls_back(getattr(RedisCache, _name)))
