"""CSRF protection for forms on pages that a shared cache serves to everyone.

Such a page cannot carry a per-visitor CSRF token. The views its forms post to check instead
what the browser itself says about where the form came from: Fetch Metadata's
`Sec-Fetch-Site`, or else `Origin`. Another site cannot make a browser lie about either. A
request with neither header (a very old browser) gets Django's usual token check.
"""

from functools import wraps

from django.conf import settings
from django.views.csrf import csrf_failure
from django.views.decorators.csrf import csrf_exempt, csrf_protect


def posted_from_this_site(request):
    """True or False when the browser says where the request came from, None when it does not."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is not None:
        this_site = f"{request.scheme}://{request.get_host()}"
        return origin == this_site or origin in settings.CSRF_TRUSTED_ORIGINS
    return None


def same_origin_form_target(view):
    """Accept form posts from this site's pages, including cached ones without a CSRF token."""
    token_checked_view = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def checked_view(request, *args, **kwargs):
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return view(request, *args, **kwargs)
        verdict = posted_from_this_site(request)
        if verdict is None:
            return token_checked_view(request, *args, **kwargs)
        if not verdict:
            return csrf_failure(request, reason="The form was sent from another site.")
        return view(request, *args, **kwargs)

    return checked_view
