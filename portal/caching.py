"""Cached pages for anonymous visitors, kept in each server process's memory.

Most of the portal's traffic is people reading news and FAQs without signing in. Those pages are
the same for every such visitor, so each server process caches the rendered response for
PAGE_CACHE_SECONDS and tells shared caches (nginx, a CDN) they may cache it for
PAGE_MAX_AGE_SECONDS. A published change therefore shows within the sum of the two; on several
machines, portal.purge retires every process's copies within a quarter of a second of a change.
A response is cached only when nothing personal went into it: no session, no messages, no CSRF
token (forms on these pages are protected by portal.csrf instead) and no cookie set.
Signed-in people's pages are never cached, here or in the browser.

A page is kept once per address: scheme and host (an http visit and an https one never share a
copy that holds absolute links), path, and the query parameters the view reads, which each cached
view declares (`query=("page",)`). A request with any other parameter (`?utm_source=...`, `?a=1`),
or with a port in its Host header other than the one the server listens on (ALLOWED_HOSTS ignores
ports), is answered without the cache: otherwise every made-up address would store a copy of its
own and push the useful ones out of each process's limited memory.

These shared pages, and only these, are sent compressed (gzip) to browsers that accept it: a page
holding a secret (a CSRF token, someone's personal data) is never compressed, as its size could
give the secret away one guessed character at a time (BREACH). Each is compressed once, when it is
kept, and served with an Age header saying how long ago that was.
"""

import hashlib
import time
from functools import partial, wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http.request import split_domain_port
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

PAGE_CACHE = "pages"


def is_anonymous_visit(request):
    # Decided on cookies alone: looking at request.user would cost a session query. A page
    # showing a message is seen once.
    return (
        request.method in ("GET", "HEAD")
        and CookieStorage.cookie_name not in request.COOKIES
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def has_a_shared_address(request, query):
    _, port = split_domain_port(request.get_host())
    return (not port or port == request.META.get("SERVER_PORT")) and all(
        name in query for name in request.GET
    )


def page_cache_key(request):
    # Hashed: a URL can be longer than a cache key may be. Parameters are sorted, so that
    # ?page=2&type=news and ?type=news&page=2 share a copy. A copy for browsers that take gzip
    # and one for those that do not.
    parameters = urlencode(sorted(request.GET.lists()), doseq=True)
    url = f"{request.scheme}://{request.get_host()}{request.path}?{parameters}"
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    encoding = "gzip" if re_accepts_gzip.search(accepted) else ""
    return f"page:{hashlib.sha256(url.encode()).hexdigest()}:{encoding}"


def is_cacheable(request, response):
    # A CSRF token would go stale with its cookie; a modified session or a cookie is per visit.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
    )


def rendered(response):
    return response.render() if hasattr(response, "render") else response


compress = GZipMiddleware(get_response=rendered).process_response


def cache_for_anonymous_visitors(view=None, *, query=()):
    """Serve anonymous visitors a shared cached page; signed-in people get a private one.
    `query` names the query parameters the view reads; with any other, nothing is cached."""
    if view is None:
        return partial(cache_for_anonymous_visitors, query=frozenset(query))

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not is_anonymous_visit(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        if not has_a_shared_address(request, query):
            return view(request, *args, **kwargs)
        key = page_cache_key(request)
        kept = caches[PAGE_CACHE].get(key)
        if kept is not None:
            kept_at, response = kept
            response["Age"] = int(time.time() - kept_at)
            return response
        response = rendered(view(request, *args, **kwargs))
        if is_cacheable(request, response):
            patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE_SECONDS)
            patch_vary_headers(response, ["Cookie"])
            set_response_etag(response)
            response = compress(request, response)
            caches[PAGE_CACHE].set(key, (time.time(), response), settings.PAGE_CACHE_SECONDS)
        return response

    return cached_view


def private_when_signed_in(get_response):
    """Middleware: whatever a person with a session sees is theirs alone, never a shared cache's,
    and not stored by the browser either: on a shared computer, Back after signing out must not
    show it again."""

    def middleware(request):
        response = get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
