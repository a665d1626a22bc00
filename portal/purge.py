"""Retiring the page copies of every server process when something anonymous visitors see changes.

Each process keeps rendered pages, shared fragments and the site profile in its own memory
(the "pages" cache, portal.caching). On one machine they simply expire after PAGE_CACHE_SECONDS.
With several app servers (PAGE_GENERATION_CACHE set: Redis), a change also adds one to a
generation number in that shared cache, once the change is committed. Every process reads the
number at most every CHECK_SECONDS, on a request, and empties its page copies when the number
is not the one it last saw. So a change reaches every process within CHECK_SECONDS of its
commit, at the price of one read of the shared cache per process every CHECK_SECONDS: requests
in between compare two numbers in memory.

Apps say which of their models' changes count with retire_pages_when_saved(); whatever else
needs it calls retire_page_copies(). On one machine only the site profile, which every page
shows, retires this process's copies at once; other changes show when the copies expire.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import replica
from .caching import PAGE_CACHE

GENERATION_KEY = "page-copies-generation"
CHECK_SECONDS = 0.25
clock = time.monotonic


class Seen:
    """What this process last read of the generation number, and when."""

    generation = None
    checked_at = float("-inf")


seen = Seen()


def shared_cache():
    alias = settings.PAGE_GENERATION_CACHE
    return caches[alias] if alias else None


def seconds_until_changes_show():
    """At most how long after a change a visitor may still be shown a page as it was: the copy
    kept by a server process (retired at once on several machines), then a shared cache's."""
    kept_by_the_portal = 0 if shared_cache() else settings.PAGE_CACHE_SECONDS
    return kept_by_the_portal + settings.PAGE_MAX_AGE_SECONDS


def retire_page_copies():
    """This process's copies go at once; with several servers, everyone's once committed."""
    caches[PAGE_CACHE].clear()
    if shared_cache():
        transaction.on_commit(next_generation)


def next_generation():
    cache = shared_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet, or lost with a restart of the cache
        if not cache.add(GENERATION_KEY, 1, timeout=None):
            cache.incr(GENERATION_KEY)


def retire_if_changed_elsewhere(now):
    if now - seen.checked_at < CHECK_SECONDS:
        return
    seen.checked_at = now
    generation = shared_cache().get(GENERATION_KEY, 0)
    if generation != seen.generation:
        caches[PAGE_CACHE].clear()
        seen.generation = generation
        # Pages rendered from now on must show the change: not from a replica behind it.
        replica.wait_for_primary()


def page_copies_current(get_response):
    """Middleware: page copies older than the latest change elsewhere are not used."""

    def middleware(request):
        if settings.PAGE_GENERATION_CACHE:
            retire_if_changed_elsewhere(clock())
        return get_response(request)

    return middleware


def retire_pages_when_saved(model, *, shows=lambda instance: True):
    """Retire the page copies whenever an instance of `model` is saved or deleted and
    shows(instance) says that anonymous visitors see it."""

    def changed(sender, instance, **kwargs):
        # On one machine such a change shows once the copies expire, as it always did.
        if shared_cache() and shows(instance):
            retire_page_copies()

    uid = f"retire-pages-{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
