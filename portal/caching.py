"""Pages that anonymous visitors share: rendered once, served from memory, cacheable downstream.

Most of the portal's traffic is people reading news and FAQs without signing in. Those pages are
the same for every such visitor, so each server process keeps a rendered copy for
PAGE_CACHE_SECONDS and tells shared caches (nginx, a CDN) they may keep it for
PAGE_MAX_AGE_SECONDS. A published change therefore shows within the sum of the two.

A copy is kept only when nothing personal went into it: no session, no messages, no CSRF token
(forms on these pages are protected by `posted_from_this_site` instead) and no cookie set.
"""

from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

PAGE_CACHE = "pages"


def is_anonymous_visit(request):
    # Decided on cookies alone: looking at request.user would cost a session query.
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
    )


def page_cache_key(request):
    return f"page:{request.get_host()}:{request.get_full_path()}"


def is_shareable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
    )


def cache_for_anonymous_visitors(view):
    """Serve anonymous visitors a shared copy of the page; signed-in people get a private one."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not is_anonymous_visit(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        key = page_cache_key(request)
        response = caches[PAGE_CACHE].get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if not is_shareable(request, response):
                return response
            patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE_SECONDS)
            patch_vary_headers(response, ["Cookie"])
            set_response_etag(response)
            caches[PAGE_CACHE].set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    return cached_view


def private_when_signed_in(get_response):
    """Middleware: whatever a person with a session sees is theirs alone, never a shared cache's."""

    def middleware(request):
        response = get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, private=True)
        return response

    return middleware
