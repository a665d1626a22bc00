"""Rendered pages kept in each server process's memory, so they are not rendered for every visit.

Most of the portal's traffic is people reading news and FAQs without signing in. Those pages are
the same for every such visitor, so each server process keeps a rendered copy for
PAGE_CACHE_SECONDS and tells shared caches (nginx, a CDN) they may keep it for
PAGE_MAX_AGE_SECONDS. A published change therefore shows within the sum of the two.
A shared copy is kept only when nothing personal went into it: no session, no messages, no CSRF
token (forms on these pages are protected by portal.csrf instead) and no cookie set.

A signed-in person's own pages (home, their cases) are kept per person and sign-in session, and
stop being served the moment one of their records changes: the key holds the user's
`pages_changed_at`, which every such change updates in the same transaction
(accounts.services.personal_pages_changed), and the user row is read for each request anyway.
Changes to their email addresses count too (accounts.signals), so a kept copy can be served
before the page's own access check, which looks at those addresses.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

PAGE_CACHE = "pages"


def may_be_kept(request):
    # A page showing a message is seen once.
    return request.method in ("GET", "HEAD") and CookieStorage.cookie_name not in request.COOKIES


def is_anonymous_visit(request):
    # Decided on cookies alone: looking at request.user would cost a session query.
    return may_be_kept(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_cache_key(request, owner=""):
    # Hashed: an address can be longer than a cache key may be.
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode())
    return f"page:{owner}:{address.hexdigest()}"


def rendered(response):
    return response.render() if hasattr(response, "render") else response


def is_keepable(request, response):
    # A CSRF token would go stale with its cookie; a modified session or a cookie is per visit.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
    )


def kept_copy(key, request, render_page, prepare):
    """The page kept under key, or render it and keep it when nothing forbids that."""
    response = caches[PAGE_CACHE].get(key)
    if response is None:
        response = rendered(render_page())
        if is_keepable(request, response):
            prepare(response)
            caches[PAGE_CACHE].set(key, response, settings.PAGE_CACHE_SECONDS)
    return response


def shareable(response):
    patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE_SECONDS)
    patch_vary_headers(response, ["Cookie"])
    set_response_etag(response)


def cache_for_anonymous_visitors(view):
    """Serve anonymous visitors a shared copy of the page; signed-in people get a private one."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not is_anonymous_visit(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        return kept_copy(
            page_cache_key(request),
            request,
            lambda: view(request, *args, **kwargs),
            prepare=shareable,
        )

    return cached_view


def cache_for_each_person(view):
    """Keep a signed-in person's own copy of the page until one of their records changes.

    Whatever the wrapped view answers with a keepable 200 is kept, the answer of an access check
    inside it included (allauth's "verify your email address" page). So the check may depend
    on nothing but the person's records (sign-in, their email addresses): any change to those
    retires the copy.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and may_be_kept(request)):
            return view(request, *args, **kwargs)
        changed = user.pages_changed_at.timestamp() if user.pages_changed_at else 0
        owner = f"{user.pk}:{request.session.session_key}:{changed}"
        return kept_copy(
            page_cache_key(request, owner),
            request,
            lambda: view(request, *args, **kwargs),
            prepare=set_response_etag,
        )

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
